import { Column, Entity, PrimaryColumn } from 'typeorm';
import { caseTrackEntities } from '../step-timeline/case-track.schema';

/** One ended step of one case, with what oversight groups by (rm_oversight_step_facts; indexes in the migration). */
@Entity({ name: 'rm_oversight_step_facts' })
export class OversightStepFactEntity {
  @PrimaryColumn({ name: 'case_id', type: 'text' }) caseId!: string;
  @PrimaryColumn({ name: 'row_key', type: 'text' }) rowKey!: string;
  @Column({ type: 'text' }) region!: string;
  @Column({ name: 'provider_org', type: 'text' }) providerOrg!: string;
  @Column({ type: 'text' }) service!: string;
  @Column({ type: 'text' }) channel!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ name: 'step_id', type: 'text' }) stepId!: string;
  @Column({ type: 'text' }) action!: string;
  @Column({ type: 'text' }) role!: string;
  /** YYYY-MM of the step's end in the provider's local time. */
  @Column({ type: 'text' }) month!: string;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'ended_at', type: 'timestamptz' }) endedAt!: Date;
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt!: Date | null;
  @Column({ name: 'term_value', type: 'float8', nullable: true }) termValue!: number | null;
  @Column({ name: 'term_unit', type: 'text', nullable: true }) termUnit!: string | null;
  @Column({ name: 'allowed_office_minutes', type: 'float8', nullable: true }) allowedOfficeMinutes!: number | null;
  @Column({ name: 'elapsed_office_minutes', type: 'float8', nullable: true }) elapsedOfficeMinutes!: number | null;
  @Column({ name: 'overrun_minutes', type: 'float8', nullable: true }) overrunMinutes!: number | null;
  @Column({ name: 'overrun_basis', type: 'text', nullable: true }) overrunBasis!: string | null;
  @Column({ type: 'text' }) status!: string;
  @Column({ name: 'actor_id', type: 'text', nullable: true }) actorId!: string | null;
  @Column({ name: 'actor_role', type: 'text', nullable: true }) actorRole!: string | null;
  @Column({ name: 'closed_by', type: 'text', nullable: true }) closedBy!: string | null;
}

export const [OversightPlanEntity, OversightCaseEntity] = caseTrackEntities('rm_oversight');
