import { Pool } from 'pg';
import { untilLogShows } from '../../test/support/log-visibility';
import { createTestDatabase, TestDatabase } from '../../test/support/test-db';
import { foldRecorded } from '../../src/cases/case-stream';
import { loadPlansFor, planStreamId } from '../../src/cases/plan-codec';
import { CASE_STREAM_PREFIX } from '../../src/cases/domain/case.events';
import { verifyChain } from '../../src/event-store/hash-chain';
import { createPostgresEventStore, PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { realDomain } from '../../src/projections/step-timeline/testing/projection-harness';
import { casesNeeded, loadHistory } from './history-loader';
import { TemplateGenerator } from './history-templates';

describe('benchmark history: decided through the domain, bulk-loaded into the PostgreSQL store', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let pool: Pool;
  const domain = realDomain();
  const generator = new TemplateGenerator(domain, 42, 0.5);
  const templates = generator.generate(60);

  beforeAll(async () => {
    db = await createTestDatabase('histload');
    store = await createPostgresEventStore({ connectionString: db.url });
    pool = new Pool({ connectionString: db.url, max: 3 });
    // Small imports: cases continue across them, from the revision the previous import left.
    await loadHistory(store, templates, 150, () => undefined, 97);
    const { rows } = await pool.query<{ max: string }>('SELECT max(position)::text AS max FROM es_events');
    await untilLogShows(store, BigInt(rows[0].max));
  });

  afterAll(async () => {
    await pool?.end();
    await store?.close();
    await db?.drop();
  });

  it('walks every regulation version and channel of the catalog, with open, refused and appealed cases', () => {
    expect(generator.failures.size).toBe(0);
    expect(new Set(templates.map((t) => `${t.regulationVersionId} ${t.channel}`)).size).toBe(generator.combinationCount);
    expect(templates.some((t) => t.open)).toBe(true);
    expect(casesNeeded(templates, { events: 10, minCases: 500, openCases: 0 })).toBe(500);
  });

  it('stores what the store itself would: readable in position order, stream by stream, with a valid hash chain', async () => {
    const everything = await store.readAll({ maxCount: 10_000 });
    // First the plans the receipts name by digest, once each, then the cases' events.
    const plans = new Set(templates.flatMap((t) => [...t.plans.keys()]));
    expect(everything.slice(0, plans.size).map((e) => e.streamId)).toEqual([...plans].map(planStreamId));
    const all = everything.slice(plans.size);
    expect(all.length).toBe(
      templates.reduce((n, t) => n + t.events.length, 0) * 2 + templates.slice(0, 30).reduce((n, t) => n + t.events.length, 0),
    );
    const lastRevision = new Map<string, number>();
    let lastAt = '';
    for (const e of all) {
      expect(e.revision).toBe((lastRevision.get(e.streamId) ?? -1) + 1);
      lastRevision.set(e.streamId, e.revision);
      const at = (e.metadata as { occurredAt: string }).occurredAt;
      expect(at >= lastAt).toBe(true); // appended in the order things happened
      lastAt = at;
    }
    for (const streamId of [...lastRevision.keys()].slice(0, 40)) {
      const events = await store.readStream(streamId);
      expect(verifyChain(events)).toEqual({ ok: true, checked: events.length });
      await loadPlansFor(store, events);
      const state = foldRecorded(events);
      expect(state.caseId).toBe(streamId.slice(CASE_STREAM_PREFIX.length));
    }
  });

  it('leaves streams the store can go on appending to', async () => {
    const [first] = await store.readAll({ maxCount: 1, filter: { streamPrefixes: [CASE_STREAM_PREFIX] } });
    const events = await store.readStream(first.streamId);
    const result = await store.append(
      first.streamId,
      [{ id: '7d5d1f7a-0000-4000-8000-000000000001', type: 'AppealForwarded', schemaVersion: 1, data: { probe: true }, metadata: {} }],
      events.length - 1,
    );
    expect(result.nextRevision).toBe(events.length);
    expect(verifyChain(await store.readStream(first.streamId)).ok).toBe(true);
  });
});
