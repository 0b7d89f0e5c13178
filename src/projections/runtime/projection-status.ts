import type { GlobalPosition, LogHold } from '../../event-store/event-store.port';
import type { CheckpointRow } from './checkpoints';
import type { RunnerState } from './projection-runner';

/** The event a blocked projection holds at (JSON form of ProjectionBlock). */
export interface BlockedAt {
  /** Global position of the event that cannot be applied (every event before it is applied). */
  position: string;
  eventId: string;
  streamId: string;
  type: string;
  error: string;
  since: string;
}

/** What an instance reports about one projection (GET /projections/status, readiness). */
export interface ProjectionStatus {
  name: string;
  /**
   * running: applied here; standby: another instance (or a rebuild) holds it; disabled: projections are off here;
   * failed: retrying a transient error; blocked (read from the checkpoint row, so every instance says it): holds at `blocked`.
   */
  status: RunnerState | 'disabled';
  /** Global position of the last applied event (string: it exceeds 2^53). */
  position: string;
  /** Events the projection has still to apply, counted up to `lagCap`. */
  lagEvents: number;
  lagCapped: boolean;
  /** Age of the oldest event not yet applied (0 when caught up). */
  lagSeconds: number;
  updatedAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  failedAttempts: number;
  rebuildRequested: boolean;
  rebuiltAt: string | null;
  blocked: BlockedAt | null;
}

export interface Pending {
  count: number;
  capped: boolean;
  oldestRecordedAt?: Date;
}

export function describeStatus(
  name: string,
  state: ProjectionStatus['status'],
  checkpoint: CheckpointRow | undefined,
  pending: Pending,
  now: Date,
  localError?: string,
): ProjectionStatus {
  const position: GlobalPosition = checkpoint?.position ?? 0n;
  const block = checkpoint?.blocked ?? null;
  return {
    name,
    status: block ? 'blocked' : state,
    position: position.toString(),
    lagEvents: pending.count,
    lagCapped: pending.capped,
    lagSeconds: pending.oldestRecordedAt ? Math.max(0, Math.round((now.getTime() - pending.oldestRecordedAt.getTime()) / 1000)) : 0,
    updatedAt: checkpoint?.updatedAt.toISOString() ?? null,
    lastError: localError ?? checkpoint?.lastError ?? null,
    lastErrorAt: checkpoint?.lastErrorAt?.toISOString() ?? null,
    failedAttempts: checkpoint?.failedAttempts ?? 0,
    rebuildRequested: checkpoint?.rebuildRequestedAt != null,
    rebuiltAt: checkpoint?.rebuiltAt?.toISOString() ?? null,
    blocked: block && { ...block, position: block.position.toString(), since: block.since.toISOString() },
  };
}

/** The session whose open transaction holds the log back (JSON form of LogHold). */
export interface LogHeldBy {
  pid: number | null;
  transactionStartedAt: string | null;
  applicationName: string | null;
}

/** Admin detail of GET /projections/status: whether an open transaction keeps every projection from new events, and whose. */
export interface LogHoldReport {
  logHeld: boolean;
  logHeldBy: LogHeldBy | null;
}

export function describeLogHold(hold: LogHold | null): LogHoldReport {
  if (!hold) return { logHeld: false, logHeldBy: null };
  return {
    logHeld: true,
    logHeldBy: {
      pid: hold.pid,
      transactionStartedAt: hold.transactionStartedAt?.toISOString() ?? null,
      applicationName: hold.applicationName,
    },
  };
}
