import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { Role } from '../src/auth/principal';
import { issueToken } from '../src/auth/tokens';
import { fixedClock } from '../src/common/clock';
import { loadConfig } from '../src/config/config';
import { ProjectionWaiter } from '../src/projections/runtime/projection-waiter';
import { Region } from '../src/regulations/regulation.model';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';

/**
 * Authorization as one table: every case route, read and write, for each role
 * in its own or another organisation, its own or another region, on a case
 * received at the provider's office and one received through a State
 * Corporation office. Outside the case's organisations or region nothing
 * succeeds, and the answer is exactly the answer for a case that does not exist.
 */
const config = loadConfig({ LOG_JSON: 'false', LOG_LEVEL: 'error' });
const clock = fixedClock('2019-03-04T04:00:00Z');

const HOME: Region = 'kostanay-oblast';
const AWAY: Region = 'astana';
const SCHOOL = 'school-7';
const SC = 'sc-kostanay';

interface Caller {
  name: string;
  role: Role;
  organisation: string;
  region: Region;
  bearer: string;
}

const caller = (role: Role, organisation: string, region: Region): Caller => ({
  name: `${role}@${organisation}/${region}`,
  role,
  organisation,
  region,
  bearer: `Bearer ${issueToken({ userId: `u-${role}-${organisation}-${region}`, roles: [role], organisation, region }, config.jwtSecret)}`,
});

const ORGANISATIONS: Record<Role, string[]> = {
  clerk: [SCHOOL, 'school-9', SC],
  head: [SCHOOL, 'school-9'],
  executor: [SCHOOL, 'school-9'],
  'state-corporation-operator': [SC, 'sc-other', SCHOOL],
  oversight: ['kst-education'],
  'appeal-reviewer': ['kst-appeals'],
  admin: ['kst-it'],
};
const CALLERS: Caller[] = (Object.keys(ORGANISATIONS) as Role[]).flatMap((role) =>
  ORGANISATIONS[role].flatMap((organisation) => [caller(role, organisation, HOME), caller(role, organisation, AWAY)]),
);

type Channel = 'provider-office' | 'state-corporation';
const PROVIDER_STAFF: Role[] = ['clerk', 'head', 'executor'];
const REGIONAL: Role[] = ['oversight', 'appeal-reviewer', 'admin'];

/** Written out here, not imported: the table states the rule the code must follow. */
function sees(c: Caller, channel: Channel): boolean {
  if (c.region !== HOME) return false;
  if (REGIONAL.includes(c.role)) return true;
  if (PROVIDER_STAFF.includes(c.role)) return c.organisation === SCHOOL;
  return c.role === 'state-corporation-operator' && channel === 'state-corporation' && c.organisation === SC;
}

/** Staff of the provider, or of the State Corporation office that received the case. */
function filesAppeals(c: Caller, channel: Channel): boolean {
  if (!sees(c, channel)) return false;
  return c.role === 'clerk' || c.role === 'head' || (c.role === 'state-corporation-operator' && channel === 'state-corporation');
}
function forwardsAppeals(c: Caller, channel: Channel): boolean {
  if (!sees(c, channel)) return false;
  return c.role === 'clerk' || (c.role === 'state-corporation-operator' && channel === 'state-corporation');
}

interface Route {
  method: 'get' | 'post';
  path: (id: string, appealId: string) => string;
  body?: Record<string, unknown>;
}

const READS: Record<string, Route> = {
  case: { method: 'get', path: (id) => `/cases/${id}` },
  history: { method: 'get', path: (id) => `/cases/${id}/history` },
  timeline: { method: 'get', path: (id) => `/cases/${id}/timeline` },
  replay: { method: 'get', path: (id) => `/cases/${id}/replay` },
  verify: { method: 'get', path: (id) => `/cases/${id}/verify` },
  dossier: { method: 'get', path: (id) => `/cases/${id}/dossier` },
  'access-log': { method: 'get', path: (id) => `/cases/${id}/access-log` },
};
const WRITES: Record<string, Route> = {
  'forward-to-provider': { method: 'post', path: (id) => `/cases/${id}/forward-to-provider`, body: {} },
  register: { method: 'post', path: (id) => `/cases/${id}/register`, body: {} },
  'review-documents': { method: 'post', path: (id) => `/cases/${id}/review-documents`, body: {} },
  visa: { method: 'post', path: (id) => `/cases/${id}/visa`, body: { executorId: 'u-mine' } },
  executor: { method: 'post', path: (id) => `/cases/${id}/executor`, body: { executorId: 'u-mine', reason: 'takes over' } },
  draft: { method: 'post', path: (id) => `/cases/${id}/draft`, body: {} },
  sign: { method: 'post', path: (id) => `/cases/${id}/sign`, body: {} },
  'send-to-state-corporation': { method: 'post', path: (id) => `/cases/${id}/send-to-state-corporation`, body: {} },
  issue: { method: 'post', path: (id) => `/cases/${id}/issue`, body: { to: 'applicant' } },
  'refuse-service': { method: 'post', path: (id) => `/cases/${id}/refuse-service`, body: { grounds: 'no grounds at all' } },
  'hand-to-storage': { method: 'post', path: (id) => `/cases/${id}/hand-to-storage`, body: {} },
  'recall-from-storage': {
    method: 'post',
    path: (id) => `/cases/${id}/recall-from-storage`,
    body: { requestedAt: '2019-03-04T03:00:00Z' },
  },
  'file-appeal': { method: 'post', path: (id) => `/cases/${id}/appeals`, body: { appealId: randomUUID(), grounds: 'late' } },
  'forward-appeal': { method: 'post', path: (id, appealId) => `/cases/${id}/appeals/${appealId}/forward`, body: { to: 'u-head' } },
  'decide-appeal': {
    method: 'post',
    path: (id, appealId) => `/cases/${id}/appeals/${appealId}/decision`,
    body: { decision: 'rejected', reasoning: 'none' },
  },
};

/** What must not differ between a hidden case and a missing one (instance names the URL, which differs by id). */
const brief = (s: ReturnType<typeof shape>) => `${s.status} ${String(s.body.code)} ${String(s.body.detail)}`;
const shape = (res: request.Response) => {
  const { instance: _instance, ...rest } = res.body as Record<string, unknown>;
  return { status: res.status, contentType: res.headers['content-type'], body: rest };
};

/** Runs the tasks `size` at a time (the table has some 2,500 requests), results in task order. */
async function inPool<T>(tasks: Array<() => Promise<T>>, size: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: size }, worker));
  return results;
}

describe('authorization table', () => {
  let app: INestApplication;
  let db: TestDatabase;
  const http = () => request(app.getHttpServer());
  const cases: Record<'provider' | 'sc' | 'closed', { id: string; channel: Channel; appealId: string }> = {
    provider: { id: '', channel: 'provider-office', appealId: randomUUID() },
    sc: { id: '', channel: 'state-corporation', appealId: randomUUID() },
    closed: { id: '', channel: 'provider-office', appealId: randomUUID() },
  };
  const MISSING = '5f0c7a1e-2b1c-4c1e-9d3a-0b6c2f1e9a11';
  const MISSING_APPEAL = randomUUID();
  let position = '0';

  const send = (route: Route, id: string, appealId: string, who: Caller) => {
    const path = route.path(id, appealId);
    const withPosition =
      route.method === 'get' && (path.endsWith('/history') || path.endsWith('/timeline')) ? `${path}?position=${position}` : path;
    const req =
      route.method === 'get'
        ? http().get(withPosition)
        : http()
            .post(withPosition)
            .set('If-Match', '"0"')
            .send(route.body ?? {});
    return req.set('Authorization', who.bearer);
  };

  const staff = (role: Role, organisation: string) =>
    CALLERS.find((c) => c.role === role && c.organisation === organisation && c.region === HOME);

  beforeAll(async () => {
    db = await createTestDatabase('authz');
    app = await createTestApp({ databaseUrl: db.url, clock });
    const clerk = staff('clerk', SCHOOL);
    const head = staff('head', SCHOOL);
    const operator = staff('state-corporation-operator', SC);
    if (!clerk || !head || !operator) throw new Error('the table lacks the case staff');
    const application = (channel: Channel) => ({
      channel,
      service: 'secondary-education-duplicates',
      providerOrganisation: SCHOOL,
      applicant: { iin: '900101300017', name: 'Иванов Иван' },
      documents: ['заявление'],
      consentToProtectedData: true,
    });
    const receive = async (channel: Channel, by: Caller) =>
      (await http().post('/cases').set('Authorization', by.bearer).send(application(channel)).expect(201)).body.caseId as string;
    cases.provider.id = await receive('provider-office', clerk);
    cases.sc.id = await receive('state-corporation', operator);
    cases.closed.id = await receive('provider-office', clerk);
    await http().post(`/cases/${cases.provider.id}/visa`).set('Authorization', head.bearer).send({ executorId: 'u-exec' }).expect(200);
    await http()
      .post(`/cases/${cases.closed.id}/refuse-service`)
      .set('Authorization', head.bearer)
      .send({ grounds: 'incomplete' })
      .expect(200);
    await http()
      .post(`/cases/${cases.provider.id}/appeals`)
      .set('Authorization', clerk.bearer)
      .send({ appealId: cases.provider.appealId, grounds: 'slow' })
      .expect(200);
    await http()
      .post(`/cases/${cases.closed.id}/appeals`)
      .set('Authorization', clerk.bearer)
      .send({ appealId: cases.closed.appealId, grounds: 'refused' })
      .expect(200);
    const last = await http()
      .post(`/cases/${cases.sc.id}/appeals`)
      .set('Authorization', operator.bearer)
      .send({ appealId: cases.sc.appealId, grounds: 'slow' })
      .expect(200);
    position = last.body.position;
    // The read models hold every case before the table is read (a held-back log on a shared server can take longer than ?position= waits).
    expect(
      await app.get(ProjectionWaiter).waitFor(BigInt(position), ['case-history', 'step-timeline', 'work-queue', 'oversight'], 30_000),
    ).toBe(true);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('outside the case’s organisations or region, every route answers exactly as for a missing case', async () => {
    const probes = Object.entries({ ...READS, ...WRITES }).flatMap(([routeName, route]) =>
      CALLERS.map((who) => async () => {
        const leaks: string[] = [];
        const missing = shape(await send(route, MISSING, MISSING_APPEAL, who));
        for (const [caseName, c] of Object.entries(cases)) {
          if (sees(who, c.channel)) continue;
          const hidden = shape(await send(route, c.id, c.appealId, who));
          if (hidden.status < 400 || JSON.stringify(hidden) !== JSON.stringify(missing)) {
            leaks.push(`${routeName} ${caseName} by ${who.name}: ${brief(hidden)} vs missing ${brief(missing)}`);
          }
        }
        return leaks;
      }),
    );
    expect((await inPool(probes, 8)).flat()).toEqual([]);
  }, 120_000);

  it('a hidden or missing case is 404 case-not-found, without the region, for everyone the route admits', async () => {
    const outsider = CALLERS.find((c) => c.role === 'head' && c.organisation === 'school-9' && c.region === HOME);
    if (!outsider) throw new Error('no outsider');
    for (const route of [READS.case, READS.history, READS.timeline, READS.replay, WRITES.sign, WRITES['file-appeal']]) {
      for (const id of [MISSING, cases.provider.id, cases.closed.id]) {
        const res = await send(route, id, MISSING_APPEAL, outsider).expect(404);
        expect(res.body).toMatchObject({ code: 'case-not-found', detail: 'No such case' });
        expect(JSON.stringify(res.body)).not.toContain(HOME);
      }
    }
  });

  it('the case’s own staff and its region’s readers read it', async () => {
    const expected: Record<string, (c: Caller) => number> = {
      case: () => 200,
      history: () => 200,
      timeline: (c) => (c.role === 'admin' ? 403 : 200),
      replay: (c) => (c.role === 'admin' ? 403 : 200),
      verify: (c) => (c.role === 'admin' ? 403 : 200),
      dossier: (c) => (c.role === 'admin' ? 403 : 200),
      'access-log': (c) => (REGIONAL.includes(c.role) ? 200 : 403),
    };
    const wrong: string[] = [];
    for (const [routeName, route] of Object.entries(READS)) {
      for (const who of CALLERS) {
        for (const [caseName, c] of Object.entries(cases)) {
          if (!sees(who, c.channel)) continue;
          const res = await send(route, c.id, c.appealId, who);
          if (res.status !== expected[routeName](who))
            wrong.push(`${routeName} ${caseName} by ${who.name}: ${res.status} ${res.body.code}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 60_000);

  it('appeals are filed and forwarded only by staff of the provider or of the receiving State Corporation office', async () => {
    const wrong: string[] = [];
    for (const who of CALLERS) {
      for (const [caseName, c] of Object.entries(cases)) {
        const appealId = randomUUID();
        const filed = await http().post(`/cases/${c.id}/appeals`).set('Authorization', who.bearer).send({ appealId, grounds: 'late' });
        if ((filed.status === 200) !== filesAppeals(who, c.channel))
          wrong.push(`file ${caseName} by ${who.name}: ${filed.status} ${filed.body.code}`);
        const forwarded = await http()
          .post(`/cases/${c.id}/appeals/${c.appealId}/forward`)
          .set('Authorization', who.bearer)
          .send({ to: 'u-head' });
        if ((forwarded.status === 200) !== forwardsAppeals(who, c.channel))
          wrong.push(`forward ${caseName} by ${who.name}: ${forwarded.status} ${forwarded.body.code}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 60_000);

  it('oversight statistics: oversight of the region and admins only; oversight of another region sees none of it', async () => {
    const wrong: string[] = [];
    for (const who of CALLERS) {
      for (const table of ['summary', 'steps', 'breaches']) {
        const res = await http().get(`/oversight/${table}?position=${position}`).set('Authorization', who.bearer);
        const allowed = who.role === 'oversight' || who.role === 'admin';
        if (!allowed) {
          if (res.status !== 403) wrong.push(`${table} by ${who.name}: ${res.status}`);
          continue;
        }
        // Admins run the service nationwide (statistics only, never a case); oversight stays in its region.
        if (who.role === 'oversight' && who.region !== HOME) {
          if (JSON.stringify(res.body).includes(HOME)) wrong.push(`${table} by ${who.name} shows ${HOME}`);
          const asked = await http().get(`/oversight/${table}?region=${HOME}`).set('Authorization', who.bearer);
          if (asked.status !== 403) wrong.push(`${table}?region=${HOME} by ${who.name}: ${asked.status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  describe('tokens', () => {
    const now = () => Math.floor(Date.now() / 1000);
    /** A token signed with the service's secret, with exactly these time claims. */
    const signed = (times: { iat?: number; exp?: number }) =>
      `Bearer ${jwt.sign({ sub: 'u-clerk', roles: ['clerk'], org: SCHOOL, region: HOME, ...times }, config.jwtSecret, {
        algorithm: 'HS256',
        issuer: 'kz-regulated-services',
        audience: 'kz-regulated-services-api',
        // jsonwebtoken drops a given iat under noTimestamp: set it only when iat is to be absent.
        noTimestamp: times.iat === undefined,
      })}`;

    it.each([
      ['without exp', () => signed({ iat: now() })],
      ['without iat', () => signed({ exp: now() + 3600 })],
      ['issued in the future', () => signed({ iat: now() + 600, exp: now() + 3600 })],
      ['living longer than 12 h', () => signed({ iat: now(), exp: now() + 13 * 3600 })],
      ['expired', () => signed({ iat: now() - 7200, exp: now() - 3600 })],
      [
        'signed with another secret',
        () => `Bearer ${jwt.sign({ sub: 'u', roles: ['clerk'], org: SCHOOL, region: HOME }, 'x'.repeat(40), { expiresIn: 60 })}`,
      ],
    ])('refuses a token %s with 401 and WWW-Authenticate: Bearer error="invalid_token"', async (_what, bearer) => {
      for (const req of [
        http().get(`/cases/${cases.provider.id}`),
        http().post(`/cases/${cases.provider.id}/appeals`).send({ appealId: randomUUID(), grounds: 'late' }),
      ]) {
        const res = await req.set('Authorization', bearer()).expect(401);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body.code).toMatch(/^(invalid-token|token-expired)$/);
        expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="[^"]+", error="invalid_token"/);
        expect(JSON.stringify(res.body)).not.toContain('900101300017');
      }
    });

    it('asks for a token with WWW-Authenticate: Bearer realm=... when none is given', async () => {
      const res = await http().get(`/cases/${cases.provider.id}`).expect(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="kz-regulated-services"');
      expect(res.body.code).toBe('unauthenticated');
    });

    it('accepts a token of exactly 12 h issued up to a minute ahead of our clock', async () => {
      await http()
        .get(`/cases/${cases.provider.id}`)
        .set('Authorization', signed({ iat: now() + 30, exp: now() + 30 + 12 * 3600 }))
        .expect(200);
    });
  });

  it('the work queue lists a case only to its own staff and its region’s oversight', async () => {
    const wrong: string[] = [];
    for (const who of CALLERS) {
      const res = await http().get(`/work-queue?position=${position}&pageSize=200`).set('Authorization', who.bearer);
      if (res.status !== 200) continue;
      const listed = new Set((res.body.items as Array<{ caseId: string }>).map((i) => i.caseId));
      for (const [caseName, c] of Object.entries(cases)) {
        if (listed.has(c.id) && !sees(who, c.channel)) wrong.push(`${caseName} listed to ${who.name}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
