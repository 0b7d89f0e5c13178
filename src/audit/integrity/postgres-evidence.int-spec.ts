import { DataSource } from 'typeorm';
import { PostgresStreamEvidence } from './postgres-evidence';
import { judgeEvidence } from './stream-evidence';
import { StoreTestDatabase } from '../../event-store/testing/store-test-database';

/**
 * The head row and the events are read in one snapshot, so a head behind the
 * events is a finding, never an append landing between two reads.
 */
describe("reading a stream's evidence in one snapshot (real PostgreSQL)", () => {
  const pg = new StoreTestDatabase('audit_evidence', { poolSize: 4 });
  let evidence: PostgresStreamEvidence;
  let dataSource: DataSource;

  beforeAll(async () => {
    await pg.open();
    dataSource = await new DataSource({ type: 'postgres', url: pg.url, poolSize: 2 }).initialize();
    evidence = new PostgresStreamEvidence(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await pg.close();
  });

  it('never reports a head behind its events while appends run concurrently', async () => {
    const stream = 'case-busy';
    let appending = true;
    const writer = (async () => {
      for (let i = 0; i < 300; i++) {
        await pg.store.append(stream, [{ id: crypto.randomUUID(), type: 'Ticked', schemaVersion: 1, data: { i }, metadata: {} }], 'any');
      }
      appending = false;
    })();
    const verdicts: string[] = [];
    while (appending) {
      const verdict = judgeEvidence(stream, await evidence.read(stream));
      if (verdict.total > 0) verdicts.push(verdict.findings.map((f) => `${f.revision}:${f.reason}`).join(',') || 'intact');
    }
    await writer;
    expect(verdicts.length).toBeGreaterThan(10);
    expect(verdicts.filter((v) => v !== 'intact')).toEqual([]);
  });

  it('lists every stream any table still names, the head-only one included', async () => {
    await pg.store.append(
      'case-headless',
      [{ id: crypto.randomUUID(), type: 'Ticked', schemaVersion: 1, data: {}, metadata: {} }],
      'no-stream',
    );
    await pg.store.append(
      'case-orphan-head',
      [{ id: crypto.randomUUID(), type: 'Ticked', schemaVersion: 1, data: {}, metadata: {} }],
      'no-stream',
    );
    await dataSource.query("DELETE FROM es_streams WHERE stream_id = 'case-headless'");
    await dataSource.query("DELETE FROM es_events WHERE stream_id = 'case-orphan-head'");
    const ids: string[] = [];
    for await (const id of evidence.streamIds({ batchSize: 1, prefix: 'case-' })) ids.push(id);
    expect(ids).toEqual(['case-busy', 'case-headless', 'case-orphan-head']);
    expect(await evidence.countStreams('case-')).toBe(3);
    expect(judgeEvidence('case-orphan-head', await evidence.read('case-orphan-head')).findings).toEqual([
      expect.objectContaining({ revision: 0, reason: 'events-missing-at-end' }),
    ]);
    expect(judgeEvidence('case-headless', await evidence.read('case-headless')).findings).toEqual([
      expect.objectContaining({ revision: 0, reason: 'head-missing' }),
    ]);
  });
});
