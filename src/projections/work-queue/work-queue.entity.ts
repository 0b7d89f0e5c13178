import { Column, Entity, PrimaryColumn } from 'typeorm';

/** rm_work_queue: one row per open case (see work-queue.item.ts for the meaning of each field). */
@Entity({ name: 'rm_work_queue' })
export class WorkQueueRow {
  @PrimaryColumn({ name: 'case_id', type: 'text' }) caseId!: string;
  @Column({ type: 'text' }) region!: string;
  @Column({ name: 'provider_org', type: 'text' }) providerOrganisation!: string;
  @Column({ name: 'sc_org', type: 'text', nullable: true }) stateCorporationOrganisation!: string | null;
  @Column({ type: 'text' }) service!: string;
  @Column({ type: 'text' }) channel!: string;
  @Column({ name: 'regulation_version_id', type: 'text' }) regulationVersionId!: string;
  @Column({ name: 'step_id', type: 'text' }) stepId!: string;
  @Column({ name: 'step_action', type: 'text' }) stepAction!: string;
  @Column({ name: 'step_role', type: 'text' }) stepRole!: string;
  @Column({ name: 'step_since', type: 'timestamptz' }) stepSince!: Date;
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt!: Date | null;
  @Column({ name: 'due_explanation', type: 'text', nullable: true }) dueExplanation!: string | null;
  @Column({ name: 'executor_id', type: 'text', nullable: true }) executorId!: string | null;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
  @Column({ type: 'int' }) revision!: number;
  @Column({ type: 'bigint' }) position!: string;
}
