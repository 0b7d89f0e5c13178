import { Principal } from '../auth/principal';
import { WorkingCalendar } from '../calendar/working-calendar.service';
import { Clock } from '../common/clock';
import { newId } from '../common/ids';
import { ProblemError } from '../common/problem';
import { CalendarYearNotCoveredError } from '../calendar/calendar.errors';
import { ruleViolationProblem } from '../common/problem.filter';
import { CatalogLookupError } from '../common/rule-violation';
import { EventStore, UnstorableTextError, WrongExpectedRevisionError } from '../event-store/event-store.port';
import { RegulationCatalog } from '../regulations/catalog/regulation-catalog';
import { Channel, Region, RegulationVersion } from '../regulations/regulation.model';
import { caseStreamId } from './domain/case.events';
import { CaseCommand } from './domain/case.commands';
import { CaseRuleViolation } from './domain/case-error';
import { partiesOf, requireVisible } from './domain/case-visibility';
import { decide } from './domain/case.decide';
import { CaseState, evolve } from './domain/case.state';
import { loadCase, toNewEvents, uuidFromName } from './case-stream';
import { storePlans } from './plan-codec';
import { workingTimeFrom } from './working-time.adapter';
import { CORRELATION_ID, definedAttributes, inSpan, inSpanSync } from '../tracing/spans';

export interface CaseCommandDeps {
  store: EventStore;
  catalog: RegulationCatalog;
  calendar: WorkingCalendar;
  clock: Clock;
}

/**
 * What an append that lost the race (another writer got in between our read and our write) does:
 * decide once more on the fresh state, or answer 409 concurrent-modification at once.
 * A command sent with If-Match never retries: its answer is 412.
 */
export type OnConflict = 'retry-once' | 'refuse';

export interface CommandOptions {
  /** The revision the client last saw (If-Match): a mismatch is 412, never a silent retry. */
  ifMatch?: number;
  /** Stated by each caller (every command retries once today); see OnConflict. */
  onConflict: OnConflict;
  idempotencyKey?: string;
  /** Hash of the request body, to refuse a reused key with a different request. */
  requestHash: string;
  correlationId: string;
}

export interface CommandOutcome {
  caseId: string;
  revision: number;
  /** Global position of the last event written: pass it to read-model queries to read your own writes. */
  position: string;
  events: Array<{ type: string; revision: number }>;
  /** True when an Idempotency-Key matched an earlier command: nothing new was written. */
  replayed: boolean;
  state: CaseState;
}

const STATUS_OF: Record<CaseRuleViolation['kind'], number> = { invalid: 400, forbidden: 403, conflict: 409, 'not-found': 404 };

export const toProblem = (violation: CaseRuleViolation): ProblemError =>
  new ProblemError(
    STATUS_OF[violation.kind],
    violation.code,
    violation.message,
    Object.keys(violation.details).length ? { details: violation.details } : {},
  );

/**
 * The one path of every case command (API slices, console, demo seeder): load the
 * stream, fold, decide, append with the expected revision. A plain service, not a
 * command bus: there is one handler, and callers want its typed outcome.
 */
export class CaseCommandService {
  /**
   * One object: the demo seeder builds a service per command, its clock pinned to that command's instant
   * (CaseCommandModule builds the service's own).
   */
  constructor(private readonly deps: CaseCommandDeps) {}

  /** Traced as `case.command` (under the HTTP request's span), with `case.decide` and `event-store.append` inside it. */
  execute(caseId: string, command: CaseCommand, principal: Principal, options: CommandOptions): Promise<CommandOutcome> {
    return inSpan(
      'case.command',
      definedAttributes({ [CORRELATION_ID]: options.correlationId, 'app.case_id': caseId, 'app.command': command.type }),
      () => this.run(caseId, command, principal, options),
    );
  }

  private async run(caseId: string, command: CaseCommand, principal: Principal, options: CommandOptions): Promise<CommandOutcome> {
    const commandId = options.idempotencyKey ? uuidFromName(`command:${principal.userId}:${options.idempotencyKey}`) : newId();
    const time = workingTimeFrom(this.deps.calendar);
    const receiving = command.type === 'ReceiveApplication' || command.type === 'RefuseAcceptance';
    for (let attempt = 1; ; attempt++) {
      const loaded = await loadCase(this.deps.store, caseId);
      // Before anything that answers from the case (idempotent replay, If-Match,
      // the rules): a case the caller may not see answers like a missing one.
      if (!receiving) this.requireVisible(principal, loaded.state);
      const earlier = loaded.events.filter((e) => e.metadata.commandId === commandId);
      if (earlier.length > 0) {
        if (earlier[0].metadata.requestHash !== options.requestHash) {
          throw new ProblemError(422, 'idempotency-key-reused', 'This Idempotency-Key was used for a different request');
        }
        const last = earlier[earlier.length - 1];
        return {
          caseId,
          revision: last.revision,
          position: last.position.toString(),
          events: earlier.map((e) => ({ type: e.type, revision: e.revision })),
          replayed: true,
          state: loaded.state,
        };
      }
      if (options.ifMatch !== undefined && options.ifMatch !== loaded.revision) {
        throw new ProblemError(412, 'stale-revision', `The case is at revision ${loaded.revision}, not ${options.ifMatch}`, {
          currentRevision: loaded.revision,
        });
      }
      const now = this.deps.clock.now();
      const regulation = receiving
        ? this.regulationInForce(principal.region, command.service, command.channel, time.localDate(now, principal.region))
        : undefined;
      const decided = inSpanSync('case.decide', { [CORRELATION_ID]: options.correlationId, 'app.command': command.type }, () => {
        try {
          return decide(command, loaded.state, {
            caller: { id: principal.userId, roles: principal.roles, organisation: principal.organisation, region: principal.region },
            now,
            time,
            regulation,
          });
        } catch (error) {
          if (error instanceof CaseRuleViolation) throw toProblem(error);
          // A deadline that runs into a year whose working calendar is not loaded yet: nothing is recorded, and the answer says which year.
          if (error instanceof CalendarYearNotCoveredError) {
            throw new ProblemError(422, error.code, error.message, { year: error.year, coveredYears: error.coveredYears });
          }
          throw error;
        }
      });
      const events = toNewEvents(decided, {
        commandId,
        correlationId: options.correlationId,
        causationId: commandId,
        requestHash: options.requestHash,
      });
      try {
        await storePlans(this.deps.store, decided, events[0]?.metadata ?? {});
        const result = await this.deps.store.append(caseStreamId(caseId), events, loaded.revision === -1 ? 'no-stream' : loaded.revision);
        const first = result.nextRevision - events.length + 1;
        return {
          caseId,
          revision: result.nextRevision,
          position: result.position.toString(),
          events: events.map((e, i) => ({ type: e.type, revision: first + i })),
          replayed: result.idempotentReplay,
          state: decided.reduce(evolve, loaded.state),
        };
      } catch (error) {
        if (error instanceof UnstorableTextError) throw new ProblemError(400, 'text-not-storable', error.message);
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (options.ifMatch !== undefined) {
          throw new ProblemError(412, 'stale-revision', 'The case changed since the given revision', { currentRevision: error.actual });
        }
        if (options.onConflict === 'refuse' || attempt >= 2) {
          const changed = attempt >= 2 ? 'changed twice' : 'changed';
          throw new ProblemError(409, 'concurrent-modification', `The case ${changed} while deciding; retry the request`);
        }
      }
    }
  }

  /** The catalog's refusal answered here, so callers (API and console) see a problem as before. */
  private regulationInForce(region: Region, service: string, channel: Channel, date: string): RegulationVersion {
    try {
      return this.deps.catalog.inForce(region, service, channel, date);
    } catch (error) {
      if (error instanceof CatalogLookupError) throw ruleViolationProblem(error);
      throw error;
    }
  }

  private requireVisible(principal: Principal, state: CaseState): void {
    try {
      requireVisible(principal, partiesOf(state));
    } catch (error) {
      if (error instanceof CaseRuleViolation) throw toProblem(error);
      throw error;
    }
  }
}
