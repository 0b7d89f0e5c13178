import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per projection: how far its read model reflects the log. Written in
 * the same transaction as the read model's rows (see checkpoints.ts), so the
 * two can never disagree. Positions are bigint strings: they exceed 2^53.
 */
@Entity({ name: 'rm_checkpoints' })
export class ProjectionCheckpoint {
  @PrimaryColumn({ type: 'text' })
  projection!: string;

  /** Global position of the last applied event (0 = nothing applied). */
  @Column({ type: 'bigint', default: '0' })
  position!: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'last_error_at', type: 'timestamptz', nullable: true })
  lastErrorAt!: Date | null;

  /** Consecutive failed batches since the last success. */
  @Column({ name: 'failed_attempts', type: 'int', default: 0 })
  failedAttempts!: number;

  /** Set by the rebuild CLI: the instance running the projection hands its lock over. */
  @Column({ name: 'rebuild_requested_at', type: 'timestamptz', nullable: true })
  rebuildRequestedAt!: Date | null;

  @Column({ name: 'rebuilt_at', type: 'timestamptz', nullable: true })
  rebuiltAt!: Date | null;

  /** Set when an event cannot be applied: the projection holds before it until retried or skipped. */
  @Column({ name: 'blocked_at', type: 'timestamptz', nullable: true })
  blockedAt!: Date | null;

  @Column({ name: 'blocked_position', type: 'bigint', nullable: true })
  blockedPosition!: string | null;

  @Column({ name: 'blocked_event_id', type: 'text', nullable: true })
  blockedEventId!: string | null;

  @Column({ name: 'blocked_stream', type: 'text', nullable: true })
  blockedStream!: string | null;

  @Column({ name: 'blocked_type', type: 'text', nullable: true })
  blockedType!: string | null;

  @Column({ name: 'blocked_error', type: 'text', nullable: true })
  blockedError!: string | null;
}
