import { Client } from 'pg';
import { untilLogShows } from '../../../test/support/log-visibility';
import { caseStreamId } from '../../cases/domain/case.events';
import { driveCase, kostanayOfficeScript } from '../testing/case-history';
import { LogStreamSource } from './log-stream-source';
import { PostgresStreamList } from './postgres-stream-list';
import { verifyAllStreams, verifyStream } from './verify-all';
import { runVerifyCommand } from './verify-command';
import { StoreTestDatabase } from '../../event-store/testing/store-test-database';

const EDITED = '11111111-1111-4111-8111-111111111111';
const GAP = '22222222-2222-4222-8222-222222222222';
const CUT = '33333333-3333-4333-8333-333333333333';
const INTACT = '44444444-4444-4444-8444-444444444444';

describe('verifying hash chains in PostgreSQL', () => {
  const pg = new StoreTestDatabase('audit_verify', { poolSize: 2 });
  let streams: PostgresStreamList;
  let sql: Client;

  let last = 0n;

  beforeAll(async () => {
    await pg.open();
    streams = new PostgresStreamList(pg.url);
    sql = await pg.client();
    for (const id of [EDITED, GAP, CUT, INTACT]) {
      last = (await pg.store.append(caseStreamId(id), driveCase(id, kostanayOfficeScript(id)), 'no-stream')).position;
    }
    await untilLogShows(pg.store, last);
  });

  afterAll(async () => {
    await streams?.close();
    await pg.close();
  });

  it('finds every stream intact before anyone touches the database', async () => {
    const summary = await verifyAllStreams(pg.store, streams, { batchSize: 3 });
    expect(summary).toMatchObject({ streams: 4, intact: 4, broken: [], events: 28 });
    expect(await verifyStream(pg.store, caseStreamId(EDITED))).toMatchObject({ verdict: 'intact', checked: 7 });
  });

  it('names the event edited in place and the deleted one; a cut tail is beyond the chain alone', async () => {
    const edited = await sql.query<{ event_id: string }>(
      `UPDATE es_events SET data = replace(data::text, '"u-exec"', '"u-forged"')::json
        WHERE stream_id = $1 AND revision = 1 RETURNING event_id`,
      [caseStreamId(EDITED)],
    );
    expect(edited.rowCount).toBe(1);
    await sql.query('DELETE FROM es_events WHERE stream_id = $1 AND revision = 3', [caseStreamId(GAP)]);
    await sql.query('DELETE FROM es_events WHERE stream_id = $1 AND revision = 6', [caseStreamId(CUT)]);

    expect(await verifyStream(pg.store, caseStreamId(EDITED))).toMatchObject({
      verdict: 'broken',
      checked: 1,
      firstMismatch: { revision: 1, eventId: edited.rows[0].event_id, reason: 'hash-mismatch' },
    });

    const progress: number[] = [];
    const summary = await verifyAllStreams(pg.store, streams, {
      batchSize: 1,
      progressEvery: 2,
      onProgress: (p) => progress.push(p.streams),
    });
    // The cut tail is the known limit: every remaining event still chains (README: anchoring heads).
    expect(summary).toMatchObject({ streams: 4, intact: 2 });
    expect(Object.fromEntries(summary.broken.map((b) => [b.streamId, [b.firstMismatch?.revision, b.firstMismatch?.reason]]))).toEqual({
      [caseStreamId(EDITED)]: [1, 'hash-mismatch'],
      [caseStreamId(GAP)]: [4, 'revision-gap'],
    });
    expect(progress).toEqual([2, 4, 4]);

    // Listing the streams from the global log (as on EventStoreDB) finds the same.
    const fromLog = await verifyAllStreams(pg.store, new LogStreamSource(pg.store), { batchSize: 5 });
    expect(fromLog.streams).toBe(4);
    expect(fromLog.broken.map((b) => b.streamId).sort()).toEqual([caseStreamId(EDITED), caseStreamId(GAP)].sort());
  });

  it('the CLI reports them with exit code 1, progress on stderr', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runVerifyCommand(['--batch-size', '2', '--prefix', 'case-'], {
      env: { DATABASE_URL: pg.url },
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/\[audit:verify\] 4\/4 streams/);
    const text = out.join('\n');
    expect(text).toContain(`BROKEN ${caseStreamId(EDITED)}: revision 1`);
    expect(text).toContain(`BROKEN ${caseStreamId(GAP)}: revision 4`);
    // The CLI reads each stream's head row with its events: the cut tail is named too.
    expect(text).toContain(`BROKEN ${caseStreamId(CUT)}: revision 6: events-missing-at-end`);
    expect(text).not.toContain(`BROKEN ${caseStreamId(GAP)}: revision 7`);
    expect(text).toMatch(/verdict: 3 stream\(s\) broken/);

    const json: string[] = [];
    expect(
      await runVerifyCommand(['--json', '--prefix', `case-${INTACT}`], {
        env: { DATABASE_URL: pg.url },
        out: (t) => json.push(t),
        err: () => undefined,
      }),
    ).toBe(0);
    expect(JSON.parse(json[0])).toMatchObject({ streams: 1, intact: 1, broken: [] });
  });

  it('the CLI explains itself and refuses bad usage', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { env: {}, out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    expect(await runVerifyCommand(['--help'], io)).toBe(0);
    expect(out[0]).toMatch(/Usage: npm run audit:verify/);
    expect(await runVerifyCommand(['--batch-size', '0'], io)).toBe(2);
    expect(await runVerifyCommand(['--colour'], io)).toBe(2);
    expect(await runVerifyCommand([], { ...io, env: { DATABASE_URL: 'mysql://x' } })).toBe(2);
    expect(err.join('\n')).toMatch(/--batch-size must be/);
    expect(err.join('\n')).toMatch(/DATABASE_URL/);
  });
});
