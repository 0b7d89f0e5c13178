import type { CaseOutcome, CaseTrack } from '../step-timeline/timeline.model';

/**
 * Rollups the oversight projection keeps beside its facts, so that a
 * region-and-year question reads one row per answer row instead of every fact
 * and case behind it (issue #21: summary and steps p95 <= 20 ms at 10 M events):
 * - rm_oversight_monthly: per region, month, provider and service, the exact
 *   counts the summary shows (cases by month of receipt and of closing, facts
 *   by month of the step's end);
 * - rm_oversight_step_stats: per row of the steps statistics, its exact counts,
 *   largest overrun and elapsed office times, from which the query takes the
 *   exact median and 90th percentile of the page's rows only.
 * Facts are only ever inserted, so their counts move by what an insert
 * returns; a case row is rewritten as the case moves, so its counts move by
 * the difference between what it counted before the batch and after.
 */
export const OVERSIGHT_MONTHLY = 'rm_oversight_monthly';
export const OVERSIGHT_STEP_STATS = 'rm_oversight_step_stats';

/** The case counters of rm_oversight_monthly. */
export type CaseCounter = 'received' | 'refused_at_acceptance' | 'completed' | 'refused_service';
export const CASE_COUNTERS: readonly CaseCounter[] = ['received', 'refused_at_acceptance', 'completed', 'refused_service'];

export interface MonthlyKey {
  region: string;
  month: string;
  providerOrg: string;
  service: string;
}

export interface CaseCountDelta extends MonthlyKey {
  counts: Record<CaseCounter, number>;
}

type CountedCase = Pick<CaseTrack, 'caseId' | 'region' | 'providerOrg' | 'service' | 'outcome' | 'receivedMonth' | 'closedMonth'>;

/** What the summary counts of one case, exactly as its facts-based query does (see OversightQueries.summaryFromFacts). */
export function caseCounts(track: CountedCase): Array<{ key: MonthlyKey; counter: CaseCounter }> {
  const at = (month: string): MonthlyKey => ({ region: track.region, month, providerOrg: track.providerOrg, service: track.service });
  const out = [{ key: at(track.receivedMonth), counter: receiptCounter(track.outcome) }];
  const closing = closingCounter(track.outcome);
  if (closing !== undefined && track.closedMonth !== null) out.push({ key: at(track.closedMonth), counter: closing });
  return out;
}

const receiptCounter = (outcome: CaseOutcome): CaseCounter => (outcome === 'acceptance-refused' ? 'refused_at_acceptance' : 'received');

function closingCounter(outcome: CaseOutcome): CaseCounter | undefined {
  switch (outcome) {
    case 'completed':
      return 'completed';
    case 'service-refused':
      return 'refused_service';
    case 'open':
    case 'acceptance-refused':
      return undefined;
    default: {
      const unknown: never = outcome;
      return unknown;
    }
  }
}

/**
 * The change a batch makes to the case counters: what every touched case
 * counts now, less what it counted before the batch (nothing for a case the
 * batch received). Keys whose counters all net to zero are left out.
 */
export function caseCountDeltas(after: readonly CountedCase[], before: ReadonlyMap<string, CountedCase>): CaseCountDelta[] {
  const deltas = new Map<string, CaseCountDelta>();
  const add = (track: CountedCase, sign: 1 | -1) => {
    for (const { key, counter } of caseCounts(track)) {
      const id = JSON.stringify([key.region, key.month, key.providerOrg, key.service]);
      let delta = deltas.get(id);
      if (delta === undefined)
        deltas.set(id, (delta = { ...key, counts: { received: 0, refused_at_acceptance: 0, completed: 0, refused_service: 0 } }));
      delta.counts[counter] += sign;
    }
  };
  for (const track of after) {
    add(track, 1);
    const previous = before.get(track.caseId);
    if (previous !== undefined) add(previous, -1);
  }
  return [...deltas.values()].filter((d) => CASE_COUNTERS.some((c) => d.counts[c] !== 0));
}

/** Adds case count deltas to rm_oversight_monthly. $1..$4 the keys, $5..$8 the counters, as parallel arrays. */
export const ADD_CASE_COUNTS = `
  INSERT INTO ${OVERSIGHT_MONTHLY} AS m (region, month, provider_org, service, received, refused_at_acceptance, completed, refused_service)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[])
  ON CONFLICT (region, month, provider_org, service) DO UPDATE SET
    received = m.received + EXCLUDED.received,
    refused_at_acceptance = m.refused_at_acceptance + EXCLUDED.refused_at_acceptance,
    completed = m.completed + EXCLUDED.completed,
    refused_service = m.refused_service + EXCLUDED.refused_service`;

export function caseCountValues(deltas: readonly CaseCountDelta[]): unknown[] {
  return [
    deltas.map((d) => d.region),
    deltas.map((d) => d.month),
    deltas.map((d) => d.providerOrg),
    deltas.map((d) => d.service),
    ...CASE_COUNTERS.map((c) => deltas.map((d) => d.counts[c])),
  ];
}

/**
 * A steps row's counters and values from its facts (those that are not
 * 'not-measured'): the counts, the largest overrun, and every elapsed office
 * time, from which the query takes the exact median and 90th percentile.
 */
export const STEP_STATS_AGGREGATES = `count(*),
  count(*) FILTER (WHERE status IN ('on-time', 'late')), count(*) FILTER (WHERE status = 'on-time'),
  count(*) FILTER (WHERE status = 'late'), count(*) FILTER (WHERE status = 'not-regulated'),
  max(overrun_minutes) FILTER (WHERE status = 'late'),
  coalesce(array_agg(elapsed_office_minutes ORDER BY elapsed_office_minutes) FILTER (WHERE elapsed_office_minutes IS NOT NULL), '{}')`;

/** The dimensions of a steps statistics row, in its order. */
export const STEP_DIMENSIONS =
  'region, month, provider_org, service, channel, step_id, action, role, term_value, term_unit, allowed_office_minutes';

/**
 * A statement that adds the facts `inserted` returns (a data-modifying CTE,
 * so only facts actually inserted count) to both rollups; `inserted` must
 * return the step dimensions, status, overrun_minutes and elapsed_office_minutes. A steps row is keyed
 * by its dimensions as JSON text: three of them may be null.
 */
export function withFactRollups(inserted: string): string {
  return `
  WITH inserted AS (
    ${inserted}
    RETURNING ${STEP_DIMENSIONS}, status, overrun_minutes, elapsed_office_minutes
  ), monthly AS (
    INSERT INTO ${OVERSIGHT_MONTHLY} AS m (region, month, provider_org, service, facts, measured, on_time, late, not_regulated)
    SELECT region, month, provider_org, service, count(*),
           count(*) FILTER (WHERE status IN ('on-time', 'late')), count(*) FILTER (WHERE status = 'on-time'),
           count(*) FILTER (WHERE status = 'late'), count(*) FILTER (WHERE status = 'not-regulated')
      FROM inserted GROUP BY region, month, provider_org, service
    ON CONFLICT (region, month, provider_org, service) DO UPDATE SET
      facts = m.facts + EXCLUDED.facts, measured = m.measured + EXCLUDED.measured, on_time = m.on_time + EXCLUDED.on_time,
      late = m.late + EXCLUDED.late, not_regulated = m.not_regulated + EXCLUDED.not_regulated
  )
  INSERT INTO ${OVERSIGHT_STEP_STATS} AS s (group_key, ${STEP_DIMENSIONS}, ended, measured, on_time, late, not_regulated, max_overrun, elapsed)
  SELECT json_build_array(${STEP_DIMENSIONS})::text, ${STEP_DIMENSIONS}, ${STEP_STATS_AGGREGATES}
    FROM inserted WHERE status <> 'not-measured' GROUP BY ${STEP_DIMENSIONS}
  ON CONFLICT (group_key) DO UPDATE SET
    ended = s.ended + EXCLUDED.ended, measured = s.measured + EXCLUDED.measured, on_time = s.on_time + EXCLUDED.on_time,
    late = s.late + EXCLUDED.late, not_regulated = s.not_regulated + EXCLUDED.not_regulated,
    max_overrun = GREATEST(s.max_overrun, EXCLUDED.max_overrun),
    elapsed = s.elapsed || EXCLUDED.elapsed`;
}

/**
 * A steps row's elapsed times are a multiset: a batch appends its own, so
 * their order follows where batches ended (the query sorts them anyway). They
 * were kept sorted, and re-sorting a row's month of values on every batch that
 * ended a step in it made the oversight the slowest live projection (#21).
 * Rows compared across batchings (a rebuild against the live build) compare
 * this: the row as JSON with its elapsed times in order.
 */
export const stepStatsRowJson = (alias: string): string =>
  `to_jsonb(${alias}) || jsonb_build_object('elapsed', (SELECT coalesce(jsonb_agg(v ORDER BY v), '[]'::jsonb) FROM unnest(${alias}.elapsed) AS v))`;
