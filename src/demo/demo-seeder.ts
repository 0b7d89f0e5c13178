import { createHash } from 'node:crypto';
import { Principal } from '../auth/principal';
import { WorkingCalendar } from '../calendar/working-calendar.service';
import { loadCase, uuidFromName } from '../cases/case-stream';
import { CaseCommandService } from '../cases/case-command.service';
import { workingTimeFrom } from '../cases/working-time.adapter';
import { fixedClock } from '../common/clock';
import { ProblemError } from '../common/problem';
import { EventStore } from '../event-store/event-store.port';
import { RegulationCatalog } from '../regulations/catalog/regulation-catalog';
import { DemoCase, DemoCommand, demoScenarios } from './demo-scenarios';
import { DEMO_USERS } from './demo-users';

export const DEMO_CASE_COUNT = 300;

export interface SeedOptions {
  count: number;
  /** The demo's now: no command is recorded after it. */
  now: Date;
  seed?: number;
  /** Cases sent at once (each case's commands stay in order). */
  concurrency?: number;
}

export interface SeedReport {
  cases: number;
  /** Cases that got at least one new event in this run. */
  written: number;
  /** Cases whose every command was already recorded. */
  alreadyThere: number;
  /** Streams under a demo id holding something else: left untouched. */
  foreign: number;
  commandsSent: number;
  /** The highest global position written, for read-your-writes waits; undefined when nothing was written. */
  lastPosition?: bigint;
  open: number;
  overdue: number;
  completed: number;
  acceptanceRefused: number;
  serviceRefused: number;
  appealed: number;
}

export class DemoSeedError extends Error {
  constructor(demoCase: DemoCase, sent: DemoCommand, cause: unknown) {
    const reason =
      cause instanceof ProblemError
        ? `${cause.status} ${cause.code}: ${cause.message}`
        : cause instanceof Error
          ? cause.message
          : String(cause);
    super(`demo: ${demoCase.name} (${demoCase.caseId}) ${sent.command.type} by ${sent.userId} at ${sent.at} failed: ${reason}`);
    this.name = 'DemoSeedError';
  }
}

const principalOf = (userId: string): Principal => {
  const user = DEMO_USERS.find((u) => u.userId === userId);
  if (!user) throw new Error(`no demo user ${userId}`);
  return { userId: user.userId, roles: [...user.roles], organisation: user.organisation, region: user.region };
};

/** The id the command handler gives a command with this key (so a recorded one is recognised without sending it). */
const commandIdOf = (sent: DemoCommand): string => uuidFromName(`command:${sent.userId}:${sent.key}`);

/**
 * Sends the demo scenarios through the case command handler the HTTP API
 * uses, as the demo users, each command at its own instant: the handler gets
 * a clock of its own pinned to that instant (the service's clock keeps
 * running). Idempotent: every command carries a deterministic Idempotency-Key,
 * a command already in its stream is not sent again, and a stream under a demo
 * id that the demo did not start is left alone.
 */
export class DemoSeeder {
  constructor(
    private readonly deps: {
      store: EventStore;
      catalog: RegulationCatalog;
      calendar: WorkingCalendar;
      log: (line: string) => void;
    },
  ) {}

  async seed(options: SeedOptions): Promise<SeedReport> {
    const time = workingTimeFrom(this.deps.calendar);
    const cases = demoScenarios({ count: options.count, now: options.now, catalog: this.deps.catalog, time, seed: options.seed });
    const report: SeedReport = {
      cases: cases.length,
      written: 0,
      alreadyThere: 0,
      foreign: 0,
      commandsSent: 0,
      open: 0,
      overdue: 0,
      completed: 0,
      acceptanceRefused: 0,
      serviceRefused: 0,
      appealed: 0,
    };
    const step = Math.max(1, Math.ceil(cases.length / 10));
    let done = 0;
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const demoCase = cases[next++];
        await this.seedCase(demoCase, report, options.now);
        tally(report, demoCase);
        done++;
        if (done % step === 0 && done < cases.length) this.deps.log(`demo: ${done}/${cases.length} cases…`);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
    return report;
  }

  private async seedCase(demoCase: DemoCase, report: SeedReport, now: Date): Promise<void> {
    const loaded = await loadCase(this.deps.store, demoCase.caseId);
    const recorded = new Set(loaded.events.map((e) => e.metadata.commandId));
    const first = demoCase.commands[0];
    if (loaded.events.length > 0 && (first === undefined || loaded.events[0].metadata.commandId !== commandIdOf(first))) {
      report.foreign++;
      this.deps.log(`demo: ${demoCase.name} (${demoCase.caseId}) holds a stream the demo did not start: left alone`);
      return;
    }
    const clock = fixedClock(now);
    const commands = new CaseCommandService({ ...this.deps, clock });
    let wrote = false;
    for (const sent of demoCase.commands) {
      if (recorded.has(commandIdOf(sent))) continue;
      clock.set(sent.at);
      let outcome;
      try {
        outcome = await commands.execute(demoCase.caseId, sent.command, principalOf(sent.userId), {
          onConflict: 'retry-once',
          idempotencyKey: sent.key,
          requestHash: createHash('sha256')
            .update(JSON.stringify({ type: sent.command.type, caseId: demoCase.caseId, body: sent.command }))
            .digest('hex'),
          correlationId: demoCase.name,
        });
      } catch (error) {
        throw new DemoSeedError(demoCase, sent, error);
      }
      report.commandsSent++;
      if (!outcome.replayed) {
        wrote = true;
        const position = BigInt(outcome.position);
        if (report.lastPosition === undefined || position > report.lastPosition) report.lastPosition = position;
      }
    }
    if (wrote) report.written++;
    else report.alreadyThere++;
  }
}

function tally(report: SeedReport, demoCase: DemoCase): void {
  const outcome = demoCase.outcome;
  if (outcome.status === 'open') report.open++;
  if (outcome.overdue) report.overdue++;
  if (outcome.status === 'completed') report.completed++;
  if (outcome.status === 'acceptance-refused') report.acceptanceRefused++;
  if (outcome.status === 'service-refused') report.serviceRefused++;
  if (outcome.appealed) report.appealed++;
}

/** The summary line a start with `--demo` prints. */
export function summaryLine(report: SeedReport, consoleUrl: string): string {
  const fresh =
    report.written > 0 ? `${report.written} written now, ${report.alreadyThere} already there` : 'all already there, nothing added';
  const foreign = report.foreign > 0 ? `, ${report.foreign} non-demo streams left alone` : '';
  return (
    `demo: ${report.cases} cases (${fresh}${foreign}): ${report.open} open (${report.overdue} overdue), ${report.completed} completed, ` +
    `${report.acceptanceRefused} refused at acceptance, ${report.serviceRefused} refused, ${report.appealed} appealed. ` +
    `Open ${consoleUrl} and choose a demo user`
  );
}
