import { Column, Entity, PrimaryColumn } from 'typeorm';
import { caseTrackEntities } from './case-track.schema';

/** One ended step of one case (rm_step_timeline). Steps in progress are read from the case's track. */
@Entity({ name: 'rm_step_timeline' })
export class StepTimelineRowEntity {
  @PrimaryColumn({ name: 'case_id', type: 'text' }) caseId!: string;
  @PrimaryColumn({ name: 'row_key', type: 'text' }) rowKey!: string;
  @Column({ type: 'int' }) seq!: number;
  @Column({ type: 'text' }) kind!: string;
  @Column({ name: 'step_id', type: 'text' }) stepId!: string;
  @Column({ type: 'text' }) action!: string;
  @Column({ type: 'text' }) role!: string;
  @Column({ name: 'within_step', type: 'text', nullable: true }) withinStep!: string | null;
  @Column({ name: 'term_value', type: 'float8', nullable: true }) termValue!: number | null;
  @Column({ name: 'term_unit', type: 'text', nullable: true }) termUnit!: string | null;
  @Column({ name: 'term_note', type: 'text', nullable: true }) termNote!: string | null;
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt!: Date | null;
  @Column({ name: 'due_explanation', type: 'text', nullable: true }) dueExplanation!: string | null;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'ended_at', type: 'timestamptz' }) endedAt!: Date;
  @Column({ name: 'elapsed_office_minutes', type: 'float8', nullable: true }) elapsedOfficeMinutes!: number | null;
  @Column({ name: 'allowed_office_minutes', type: 'float8', nullable: true }) allowedOfficeMinutes!: number | null;
  @Column({ name: 'overrun_minutes', type: 'float8', nullable: true }) overrunMinutes!: number | null;
  @Column({ name: 'overrun_basis', type: 'text', nullable: true }) overrunBasis!: string | null;
  @Column({ type: 'text' }) status!: string;
  @Column({ name: 'actor_id', type: 'text', nullable: true }) actorId!: string | null;
  @Column({ name: 'actor_role', type: 'text', nullable: true }) actorRole!: string | null;
  @Column({ name: 'closed_by', type: 'text', nullable: true }) closedBy!: string | null;
}

export const [StepTimelinePlanEntity, StepTimelineCaseEntity] = caseTrackEntities('rm_step_timeline');
