import type { Pool } from 'pg';
import type { Principal } from '../../src/auth/principal';
import { issueToken } from '../../src/auth/tokens';
import { REGIONS, type Region } from '../../src/regulations/regulation.model';
import { rng } from './history-templates';
import type { Latency } from './query-phase';
import { measure, timedGet } from './latency';

/** Issue #21's HTTP targets (p95, ms), printed next to the figures. */
export const API_P95_TARGETS_MS = { queue: 10, history: 10, timeline: 10, oversight: 20 } as const;
export type ApiTarget = keyof typeof API_P95_TARGETS_MS;

export interface ApiLatency extends Latency {
  target: ApiTarget;
}

interface Sample {
  region: string;
  provider_org: string;
  case_id: string;
}

const isRegion = (value: string): value is Region => REGIONS.some((r) => r === value);

/**
 * The read API over loopback HTTP, as a client sees it: the real controllers,
 * the bearer-token guard, validation and JSON serialisation, timed from the
 * request to the last byte of the answer. Cases are sampled from every case of
 * the history (open and closed); every answer must be 200.
 */
export async function apiPhase(deps: { base: string; jwtSecret: string; pool: Pool; count: number; seed: number }): Promise<ApiLatency[]> {
  const samples = (
    await deps.pool.query<Sample>('SELECT region, provider_org, case_id FROM rm_case_history_cases TABLESAMPLE SYSTEM (2) LIMIT 2000')
  ).rows.flatMap((s) => (isRegion(s.region) ? [{ ...s, region: s.region }] : []));
  if (samples.length === 0) throw new Error('no case to sample in rm_case_history_cases');
  const random = rng(deps.seed + 23);
  const pick = () => samples[Math.floor(random() * samples.length)];
  const bearer = (principal: Principal) => `Bearer ${issueToken(principal, deps.jwtSecret, 3600)}`;
  const oversightOf = (region: Region) =>
    bearer({ userId: 'bench-oversight', roles: ['oversight'], organisation: 'quality-authority', region });
  const staffOf = (s: { region: Region; provider_org: string }) =>
    bearer({ userId: 'bench-head', roles: ['clerk', 'head'], organisation: s.provider_org, region: s.region });

  const time = async (name: string, target: ApiTarget, count: number, next: () => [string, string]): Promise<ApiLatency> => {
    const latency = await measure(name, count, () => {
      const [path, authorization] = next();
      return timedGet(deps.base, path, { Authorization: authorization, Accept: 'application/json' });
    });
    return { ...latency, target };
  };

  const year = 'from=2019-01&to=2019-12';
  const fewer = Math.max(20, Math.floor(deps.count / 4));
  return [
    await time('GET /work-queue (staff of a sampled organisation)', 'queue', deps.count, () => {
      const s = pick();
      return ['/work-queue?pageSize=50', staffOf(s)];
    }),
    await time('GET /work-queue?status=overdue (oversight of a region)', 'queue', deps.count, () => [
      '/work-queue?status=overdue&pageSize=50',
      oversightOf(pick().region),
    ]),
    await time('GET /cases/:id/history (oversight)', 'history', deps.count, () => {
      const s = pick();
      return [`/cases/${s.case_id}/history`, oversightOf(s.region)];
    }),
    await time('GET /cases/:id/timeline (oversight)', 'timeline', deps.count, () => {
      const s = pick();
      return [`/cases/${s.case_id}/timeline`, oversightOf(s.region)];
    }),
    await time('GET /oversight/summary (region, one year)', 'oversight', fewer, () => [
      `/oversight/summary?${year}`,
      oversightOf(pick().region),
    ]),
    await time('GET /oversight/steps (region, one year)', 'oversight', fewer, () => [
      `/oversight/steps?${year}`,
      oversightOf(pick().region),
    ]),
    await time('GET /oversight/breaches (region, one year)', 'oversight', fewer, () => [
      `/oversight/breaches?${year}`,
      oversightOf(pick().region),
    ]),
  ];
}
