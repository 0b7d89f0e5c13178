import type { EntityManager } from 'typeorm';
import type { Channel, Region } from '../../regulations/regulation.model';
import type { CaseOutcome, CaseTrack, OpenStep, Term } from './timeline.model';
import { writeWithBatch } from '../runtime/batch-writes';

type Queryable = Pick<EntityManager, 'query'>;

/** The plan part of a track: the same for every case of a regulation version and channel. */
export interface PlanTerms {
  steps: CaseTrack['steps'];
  recallTerm: Term | null;
}

interface CaseRow {
  case_id: string;
  region: Region;
  provider_org: string;
  sc_org: string | null;
  service: string;
  channel: Channel;
  regulation_version_id: string;
  plan_key: string;
  outcome: CaseOutcome;
  received_at: Date;
  received_month: string;
  closed_at: Date | null;
  closed_month: string | null;
  open: OpenStep | null;
  last_within_at: Date | null;
  appeals: Record<string, OpenStep>;
}

const CASE_COLUMNS = `case_id, region, provider_org, sc_org, service, channel, regulation_version_id, plan_key,
  outcome, received_at, received_month, closed_at, closed_month, open, last_within_at, appeals`;

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/**
 * A projection's own write to other tables than the tracks', sent in the same
 * statement as the tracks (one round trip): an INSERT, UPDATE or DELETE whose
 * parameters are numbered from $1. It must not touch a row the tracks'
 * statement touches (one statement cannot change a row twice).
 */
export interface AlongsideWrite {
  sql: string;
  params: unknown[];
}

/** Parameters of save's own statement: 16 columns of tracks and 3 of plans. */
const CASE_TRACK_PARAMETERS = 19;

/** The statement with its parameters renumbered from $(offset + 1); its text holds no other `$`. */
export function shiftParameters(sql: string, offset: number): string {
  const literals = sql.match(/'(?:[^']|'')*'/g) ?? [];
  if (sql.includes('$$') || literals.some((literal) => literal.includes('$')))
    throw new Error('shiftParameters takes statements without dollar quotes or dollars in literals');
  return sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
}

/**
 * What a projection remembers of each case between batches, in two tables:
 * `<prefix>_cases` (one small row per case, rewritten as the case moves) and
 * `<prefix>_plans` (the steps' roles and durations, stored once per distinct
 * plan and shared by its cases, keyed by a hash of their content).
 */
export class CaseTrackStore {
  /** Content-addressed, so it can never be stale, whatever a rolled-back batch did. */
  private readonly plans = new Map<string, PlanTerms>();

  constructor(readonly prefix: string) {}

  get casesTable(): string {
    return `${this.prefix}_cases`;
  }

  get plansTable(): string {
    return `${this.prefix}_plans`;
  }

  async load(db: Queryable, caseIds: string[]): Promise<Map<string, CaseTrack>> {
    if (caseIds.length === 0) return new Map();
    const rows: CaseRow[] = await db.query(`SELECT ${CASE_COLUMNS} FROM ${this.casesTable} WHERE case_id = ANY($1::text[])`, [caseIds]);
    const missing = [...new Set(rows.map((r) => r.plan_key))].filter((k) => !this.plans.has(k));
    if (missing.length > 0) {
      const plans: Array<{ plan_key: string; steps: PlanTerms['steps']; recall_term: Term | null }> = await db.query(
        `SELECT plan_key, steps, recall_term FROM ${this.plansTable} WHERE plan_key = ANY($1::text[])`,
        [missing],
      );
      for (const p of plans) this.plans.set(p.plan_key, { steps: p.steps, recallTerm: p.recall_term });
    }
    return new Map(rows.map((r) => [r.case_id, this.track(r)]));
  }

  async loadOne(db: Queryable, caseId: string): Promise<CaseTrack | undefined> {
    return (await this.load(db, [caseId])).get(caseId);
  }

  /**
   * Upserts the tracks (one per case) and the plans of the cases received in
   * this batch (`created`), in one statement: a live batch is a few events and
   * its round trips are its cost, so the plans (a few per batch at most, and
   * almost always stored already) are sent and ignored by ON CONFLICT rather
   * than looked up first.
   */
  async save(db: Queryable, tracks: CaseTrack[], created: CaseTrack[], alongside?: AlongsideWrite): Promise<void> {
    const newPlans = new Map(created.map((t) => [t.planKey, { steps: t.steps, recallTerm: t.recallTerm }]));
    if (tracks.length === 0 && newPlans.size === 0) {
      if (alongside) await writeWithBatch(db, alongside.sql, alongside.params);
      return;
    }
    const col = <T>(pick: (t: CaseTrack) => T): T[] => tracks.map(pick);
    await writeWithBatch(
      db,
      `WITH ${alongside ? `alongside AS (${shiftParameters(alongside.sql, CASE_TRACK_PARAMETERS)}), ` : ''}plans AS (
         INSERT INTO ${this.plansTable} (plan_key, steps, recall_term)
         SELECT * FROM unnest($17::text[], $18::json[], $19::json[]) ON CONFLICT (plan_key) DO NOTHING
       )
       INSERT INTO ${this.casesTable} (${CASE_COLUMNS})
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
         $9::text[], $10::timestamptz[], $11::text[], $12::timestamptz[], $13::text[], $14::json[], $15::timestamptz[], $16::json[])
       ON CONFLICT (case_id) DO UPDATE SET outcome = EXCLUDED.outcome, closed_at = EXCLUDED.closed_at, closed_month = EXCLUDED.closed_month,
         open = EXCLUDED.open, last_within_at = EXCLUDED.last_within_at, appeals = EXCLUDED.appeals`,
      [
        col((t) => t.caseId),
        col((t) => t.region),
        col((t) => t.providerOrg),
        col((t) => t.scOrg),
        col((t) => t.service),
        col((t) => t.channel),
        col((t) => t.regulationVersionId),
        col((t) => t.planKey),
        col((t) => t.outcome),
        col((t) => t.receivedAt),
        col((t) => t.receivedMonth),
        col((t) => t.closedAt),
        col((t) => t.closedMonth),
        col((t) => (t.open ? JSON.stringify(t.open) : null)),
        col((t) => t.lastWithinAt),
        col((t) => JSON.stringify(t.appeals)),
        [...newPlans.keys()],
        [...newPlans.values()].map((t) => JSON.stringify(t.steps)),
        [...newPlans.values()].map((t) => JSON.stringify(t.recallTerm)),
        ...(alongside?.params ?? []),
      ],
    );
    for (const [key, terms] of newPlans) this.plans.set(key, terms);
  }

  get tables(): string[] {
    return [this.casesTable, this.plansTable];
  }

  private track(r: CaseRow): CaseTrack {
    const terms = this.plans.get(r.plan_key);
    if (!terms) throw new Error(`${this.plansTable} has no plan ${r.plan_key} for case ${r.case_id}`);
    return {
      caseId: r.case_id,
      region: r.region,
      providerOrg: r.provider_org,
      scOrg: r.sc_org,
      service: r.service,
      channel: r.channel,
      regulationVersionId: r.regulation_version_id,
      planKey: r.plan_key,
      steps: terms.steps,
      recallTerm: terms.recallTerm,
      outcome: r.outcome,
      receivedAt: r.received_at.toISOString(),
      receivedMonth: r.received_month,
      closedAt: iso(r.closed_at),
      closedMonth: r.closed_month,
      open: r.open,
      lastWithinAt: iso(r.last_within_at),
      appeals: r.appeals,
    };
  }
}
