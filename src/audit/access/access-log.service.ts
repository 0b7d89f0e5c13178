import { Inject, Injectable } from '@nestjs/common';
import { Principal, Role } from '../../auth/principal';
import { CLOCK, Clock } from '../../common/clock';
import { newId } from '../../common/ids';
import { ProblemError } from '../../common/problem';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { CaseIntegrityService } from '../case-integrity.service';
import { StreamVerdict } from '../integrity/stream-verdict';
import { AccessLogEntry, accessStreamId, AuditAction, CASE_ACCESSED, caseAccessedEvent, toAccessLogEntry } from './case-accessed';

export interface AccessRequest {
  caseId: string;
  principal: Principal;
  role: Role;
  what: AuditAction;
  parameters: Record<string, string>;
  outcome: 'granted' | 'denied';
  correlationId: string;
}

export interface AccessLogPage {
  caseId: string;
  streamId: string;
  total: number;
  items: AccessLogEntry[];
  nextFromRevision: number | null;
  integrity: StreamVerdict;
}

/** Who looked at a case's audit: one CaseAccessed event per request, in the event store's hash chain. */
@Injectable()
export class AccessLogService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CaseIntegrityService) private readonly integrity: CaseIntegrityService,
  ) {}

  /** Appended before the answer is sent: an access that cannot be recorded is not served. */
  async record(request: AccessRequest): Promise<void> {
    const { principal } = request;
    const event = caseAccessedEvent(newId(), {
      caseId: request.caseId,
      who: {
        userId: principal.userId,
        role: request.role,
        roles: principal.roles,
        organisation: principal.organisation,
        region: principal.region,
      },
      what: request.what,
      parameters: request.parameters,
      outcome: request.outcome,
      occurredAt: this.clock.now().toISOString(),
      correlationId: request.correlationId,
    });
    try {
      await this.store.append(accessStreamId(request.caseId), [event], 'any');
    } catch {
      throw new ProblemError(503, 'access-not-recorded', 'The access could not be recorded, so it is not served; retry later');
    }
  }

  async page(caseId: string, fromRevision: number, limit: number): Promise<AccessLogPage> {
    const streamId = accessStreamId(caseId);
    const { events, verdict } = await this.integrity.read(streamId);
    const entries = events.filter((e) => e.type === CASE_ACCESSED && e.revision >= fromRevision);
    const items = entries.slice(0, limit).map(toAccessLogEntry);
    return {
      caseId,
      streamId,
      total: events.length,
      items,
      nextFromRevision: entries.length > limit ? entries[limit].revision : null,
      integrity: verdict,
    };
  }
}
