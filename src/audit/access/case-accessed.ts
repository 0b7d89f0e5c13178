import { Role } from '../../auth/principal';
import { NewEvent, RecordedEvent } from '../../event-store/event-store.port';

export const CASE_ACCESSED = 'CaseAccessed';
export const CASE_ACCESSED_SCHEMA_VERSION = 1;
export const ACCESS_STREAM_PREFIX = 'audit-access-';
export const accessStreamId = (caseId: string): string => `${ACCESS_STREAM_PREFIX}${caseId}`;

export type AuditAction = 'replay' | 'verify' | 'dossier';

/** One request to look at a case's audit, recorded in the event store like every other fact. */
export interface CaseAccessed {
  caseId: string;
  who: { userId: string; role: Role; roles: Role[]; organisation: string; region: string };
  what: AuditAction;
  /** The request's parameters (replay point, mode, format). */
  parameters: Record<string, string>;
  outcome: 'granted' | 'denied';
  /** The service's clock when the request was served. */
  occurredAt: string;
  correlationId: string;
}

export function caseAccessedEvent(id: string, data: CaseAccessed): NewEvent<CaseAccessed> {
  return {
    id,
    type: CASE_ACCESSED,
    schemaVersion: CASE_ACCESSED_SCHEMA_VERSION,
    data,
    metadata: {
      actor: { id: data.who.userId, role: data.who.role, organisation: data.who.organisation },
      occurredAt: data.occurredAt,
      correlationId: data.correlationId,
    },
  };
}

export interface AccessLogEntry extends CaseAccessed {
  revision: number;
  eventId: string;
  recordedAt: string;
}

export function toAccessLogEntry(recorded: RecordedEvent): AccessLogEntry {
  return {
    ...(recorded.data as CaseAccessed),
    revision: recorded.revision,
    eventId: recorded.id,
    recordedAt: recorded.recordedAt.toISOString(),
  };
}
