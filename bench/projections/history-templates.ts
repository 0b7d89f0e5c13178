import type { WorkingCalendar } from '../../src/calendar/working-calendar.service';
import { PERFORMERS } from '../../src/cases/domain/case.decide';
import type { WorkingTime } from '../../src/cases/domain/working-time.port';
import type { RegulationCatalog } from '../../src/regulations/catalog/regulation-catalog';
import type { Channel, Region, RegulationVersion } from '../../src/regulations/regulation.model';
import { CaseRun } from '../../src/cases/testing/domain-driver';
import { storedData } from '../../src/cases/case-stream';
import type { CasePlan } from '../../src/cases/domain/plan';
import { plansOf } from '../../src/cases/plan-codec';

/** Stand-ins replaced in each copy of a template (they occur only where decide() copies ids verbatim). */
export const PLACEHOLDER = { caseId: 'CASE~ID', provider: 'PROV~ORG', sc: 'SC~ORG' } as const;

export interface TemplateEvent {
  type: string;
  /** Epoch ms of occurredAt. */
  at: number;
  occurredAt: string;
  /** JSON of the event's data, with placeholders. */
  data: string;
  /** JSON of the actor (metadata), with placeholders. */
  actor: string;
}

export interface CaseTemplate {
  region: Region;
  regulationVersionId: string;
  channel: Channel;
  open: boolean;
  events: TemplateEvent[];
  /** The plans its receipts name by digest (stored before any case event: loadHistory). */
  plans: Map<string, CasePlan>;
}

export interface TemplateMix {
  acceptanceRefusal: number;
  serviceRefusal: number;
  late: number;
  withinSteps: number;
  appeal: number;
}

export const DEFAULT_MIX: TemplateMix = { acceptanceRefusal: 0.03, serviceRefusal: 0.04, late: 0.1, withinSteps: 0.7, appeal: 0.02 };

/** Seeded PRNG (mulberry32): the same seed gives the same history. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MINUTE = 60_000;
const DAY = 86_400_000;

interface Combination {
  version: RegulationVersion;
  channel: Channel;
}

export interface Domain {
  calendar: WorkingCalendar;
  time: WorkingTime;
  catalog: RegulationCatalog;
}

/**
 * Case histories driven through the real decide() with the real catalog and
 * calendar: every regulation version and channel the catalog can walk, receipts
 * on working days inside the version's period (and its acceptance windows),
 * most steps on time, some late, some refusals, actions inside enclosing steps,
 * appeals; a share of the cases left open at a random step.
 */
export class TemplateGenerator {
  private readonly random: () => number;
  private readonly combinations: Combination[];
  readonly failures = new Map<string, number>();

  constructor(
    private readonly domain: Domain,
    seed: number,
    private readonly openShare: number,
    private readonly mix: TemplateMix = DEFAULT_MIX,
  ) {
    this.random = rng(seed);
    this.combinations = domain.catalog.versions.flatMap((version) =>
      version.channels.filter((c) => c.available && c.wording === 'full').map((c) => ({ version, channel: c.channel })),
    );
  }

  get combinationCount(): number {
    return this.combinations.length;
  }

  generate(count: number, progress: (done: number) => void = () => undefined): CaseTemplate[] {
    const out: CaseTemplate[] = [];
    let attempts = 0;
    while (out.length < count && attempts < count * 3) {
      attempts += 1;
      const combination = this.combinations[attempts % this.combinations.length];
      try {
        out.push(this.template(combination));
        if (out.length % 500 === 0) progress(out.length);
      } catch (error) {
        const key = `${combination.version.id} ${combination.channel}: ${(error as Error).message}`;
        this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
      }
    }
    return out;
  }

  private between(from: number, to: number): number {
    return from + this.random() * (to - from);
  }

  /** A working day (and, with windows, a day inside one) in the version's period, at a random office minute. */
  private receiptInstant({ version }: Combination): { at: Date; category?: string } {
    const from = Date.parse(`${version.effectiveFrom.date}T00:00:00Z`);
    const to = version.effectiveTo ? Date.parse(`${version.effectiveTo.date}T00:00:00Z`) : from + 2 * 365 * DAY;
    for (let attempt = 0; attempt < 200; attempt++) {
      let day = new Date(Math.floor(this.between(from, to) / DAY) * DAY);
      const w = version.windows.length > 0 ? version.windows[Math.floor(this.random() * version.windows.length)] : undefined;
      if (w) {
        const start = Date.parse(`${day.getUTCFullYear()}-${w.from}T00:00:00Z`);
        const end = Date.parse(`${day.getUTCFullYear()}-${w.to}T00:00:00Z`);
        day = new Date(Math.floor(this.between(start, end + DAY) / DAY) * DAY);
        if (day.getTime() < from || day.getTime() >= to) continue;
      }
      const date = day.toISOString().slice(0, 10);
      if (!this.domain.calendar.isWorkingDay(date, version.region)) continue;
      // 9:00–17:59 local.
      const minutes = 9 * 60 + Math.floor(this.random() * 9 * 60);
      return { at: new Date(this.domain.calendar.startOfDay(date, version.region).getTime() + minutes * MINUTE), category: w?.category };
    }
    throw new Error('no working day found in the period');
  }

  /** When the pending step ends: before its due mostly, after it sometimes; unregulated steps take up to three days. */
  private completion(run: CaseRun, last: number): number {
    const due = run.current.current?.dueAt;
    if (due === undefined) return last + Math.round(this.between(10, 3 * 24 * 60)) * MINUTE;
    const dueAt = Date.parse(due);
    if (this.random() < this.mix.late) return Math.max(last + MINUTE, dueAt + Math.round(this.between(1, 2 * 24 * 60)) * MINUTE);
    const latest = Math.max(last + MINUTE, dueAt);
    return Math.max(last + MINUTE, Math.floor(this.between(last, latest) / MINUTE) * MINUTE);
  }

  private template(combination: Combination): CaseTemplate {
    const { version, channel } = combination;
    const run = new CaseRun(
      PLACEHOLDER.caseId,
      version,
      channel,
      { providerOrg: PLACEHOLDER.provider, scOrg: PLACEHOLDER.sc },
      this.domain.time,
    );
    const { at: received, category } = this.receiptInstant(combination);
    let last = received.getTime();
    // Only where the regulation gives a refusal of acceptance on the channel, and to a role someone holds
    // (where an information system refuses incomplete packages, no one records the refusal by hand).
    const refusalRole = run.plan.acceptanceRefusal?.role;
    const refusable = refusalRole !== undefined && PERFORMERS[refusalRole].length > 0;
    if (refusable && this.random() < this.mix.acceptanceRefusal) {
      run.refuseAcceptance(received);
      return this.pack(run, false);
    }
    run.receive(received, 0, category);
    const steps = run.plan.steps.length;
    const open = steps > 1 && this.random() < this.openShare;
    const stopAt = open ? 1 + Math.floor(this.random() * (steps - 1)) : steps;
    const refuseAt = !open && steps > 1 && this.random() < this.mix.serviceRefusal ? 1 + Math.floor(this.random() * (steps - 1)) : -1;
    while (run.pending && run.current.cursor < stopAt) {
      const end = this.completion(run, last);
      if (run.current.cursor === refuseAt) {
        run.refuseService(new Date(end));
        last = end;
        break;
      }
      if (run.pending.action === 'result-prepared' && this.random() < this.mix.withinSteps) {
        const inside = ['RegisterAtProvider', 'ImposeVisa', 'PrepareDraft', 'SignResult'] as const;
        inside.forEach((type, i) =>
          run.within(type, new Date(Math.floor((last + ((end - last) * (i + 1)) / (inside.length + 1)) / MINUTE) * MINUTE)),
        );
      }
      run.advance(new Date(end));
      last = end;
    }
    if (run.current.status === 'completed' && this.random() < this.mix.appeal) {
      const filed = last + Math.round(this.between(60, 10 * 24 * 60)) * MINUTE;
      run.fileAppeal('appeal-1', new Date(filed));
      run.decideAppeal('appeal-1', new Date(filed + Math.round(this.between(24 * 60, 12 * 24 * 60)) * MINUTE));
    }
    return this.pack(run, run.current.status === 'open');
  }

  private pack(run: CaseRun, open: boolean): CaseTemplate {
    return {
      region: run.version.region,
      regulationVersionId: run.version.id,
      channel: run.channel,
      open,
      plans: plansOf(run.events),
      events: run.events.map((e) => ({
        type: e.type,
        at: Date.parse(e.data.occurredAt),
        occurredAt: e.data.occurredAt,
        data: JSON.stringify(storedData(e)),
        actor: JSON.stringify(e.data.actor),
      })),
    };
  }
}
