import { INestApplication } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { Principal, Role } from '../src/auth/principal';
import { issueToken } from '../src/auth/tokens';
import { caseStreamId } from '../src/cases/domain/case.events';
import { fixedClock } from '../src/common/clock';
import { EVENT_STORE, EventStore } from '../src/event-store/event-store.port';
import { Region } from '../src/regulations/regulation.model';
import { formatCheckpoint, generateSigner, signNote, verifySignedCheckpoint, type Checkpoint } from '../src/transparency/checkpoint-note';
import { eventLeafHash } from '../src/transparency/leaf';
import { verifyConsistency, verifyInclusion } from '../src/transparency/merkle';
import { Witness } from '../src/transparency/witness';
import { eventually } from '../src/event-store/contract/test-events';
import { createTestApp, testConfig } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';

const clock = fixedClock('2019-03-04T04:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'transparency-e2e-'));
const env = { NOTARY_CHECKPOINT_INTERVAL_MS: '1000', WITNESS_DIR: join(dir, 'witness'), NOTARY_KEY_FILE: join(dir, 'notary.key') };
const config = testConfig(env);

const token = (userId: string, role: Role, organisation: string, region: Region = 'kostanay-oblast') =>
  `Bearer ${issueToken({ userId, roles: [role], organisation, region } satisfies Principal, config.jwtSecret)}`;

const SCHOOL = 'school-7';
const clerk = token('u-clerk', 'clerk', SCHOOL);
const head = token('u-head', 'head', SCHOOL);
const reviewer = token('u-rev', 'appeal-reviewer', 'appeals-kostanay');
const otherSchool = token('u-other', 'clerk', 'school-8');
const elsewhere = token('u-ast', 'appeal-reviewer', 'appeals-astana', 'astana');

const application = {
  channel: 'provider-office',
  service: 'secondary-education-duplicates',
  providerOrganisation: SCHOOL,
  applicant: { iin: '900101300017', name: 'Иванов Иван Иванович' },
  documents: ['заявление', 'удостоверение личности'],
  consentToProtectedData: true,
};

interface ProofBody {
  checkpoint: { treeSize: number; signedNote: string; rootHash: string };
  events: Array<{ revision: number; eventId: string; leafIndex: number; leafHash: string; inclusionProof: string[] }>;
  notYetCovered: Array<{ revision: number; reason: string }>;
}

describe('the transparency log over HTTP: signed checkpoints, the key, proofs', () => {
  let app: INestApplication;
  let db: TestDatabase;
  let store: EventStore;
  let caseId: string;
  let vkey: string;
  const http = () => request(app.getHttpServer());

  const verified = (note: string): Checkpoint => {
    const verdict = verifySignedCheckpoint(note, vkey);
    if (!verdict.ok) throw new Error(`${verdict.reason}: ${verdict.detail}`);
    return verdict.checkpoint;
  };
  /** The latest checkpoint once it covers at least `size` leaves. */
  const checkpointCovering = (size: number) =>
    eventually(
      async () => {
        const res = await http().get('/transparency/checkpoint').query({ format: 'json' });
        return res.status === 200 && res.body.treeSize >= size ? (res.body as { treeSize: number; signedNote: string }) : undefined;
      },
      `a checkpoint of at least ${size} leaves`,
      20_000,
    );

  beforeAll(async () => {
    db = await createTestDatabase('tl_e2e');
    app = await createTestApp({ databaseUrl: db.url, clock, env });
    store = app.get<EventStore>(EVENT_STORE);
    const received = await http().post('/cases').set('Authorization', clerk).send(application).expect(201);
    caseId = received.body.caseId as string;
    clock.set('2019-03-04T05:00:00Z');
    await http().post(`/cases/${caseId}/visa`).set('Authorization', head).send({ executorId: 'u-exec' }).expect(200);
    vkey = (
      await http()
        .get('/transparency/key')
        .expect(200)
        .expect('Content-Type', /text\/plain/)
    ).text.trim();
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('the notary signs on its interval: the note verifies with GET /transparency/key and is the witness file, byte for byte', async () => {
    // Counted in SQL: readAll's finished horizon is cluster-wide, so another database's open transaction could hide our newest events.
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const logLength = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM es_events')).rows[0].n);
    await client.end();
    await checkpointCovering(logLength);
    const text = await http()
      .get('/transparency/checkpoint')
      .expect(200)
      .expect('Content-Type', /text\/plain/);
    const checkpoint = verified(text.text);
    expect(checkpoint.origin).toBe(config.notaryOrigin);
    expect(checkpoint.treeSize).toBeGreaterThanOrEqual(logLength);
    const witnessed = (await new Witness(env.WITNESS_DIR).listWitnessed()).map((w) => w.note);
    expect(witnessed).toContain(text.text);
    expect(await readFile(env.NOTARY_KEY_FILE, 'utf8')).toMatch(/^PRIVATE\+KEY\+/);
    const json = await http().get('/transparency/checkpoint').set('Accept', 'application/json').expect(200);
    expect(json.body).toMatchObject({
      signedNote: text.text,
      treeSize: checkpoint.treeSize,
      rootHash: checkpoint.root.toString('base64'),
      origin: checkpoint.origin,
    });
  });

  it('GET /cases/:id/proof: every event of the case is a leaf whose hash and inclusion proof lead to the signed root', async () => {
    const events = await store.readStream(caseStreamId(caseId));
    const res = await http().get(`/cases/${caseId}/proof`).set('Authorization', reviewer).expect(200);
    const body = res.body as ProofBody;
    expect(body.notYetCovered).toEqual([]);
    expect(body.events.map((e) => e.revision)).toEqual([0, 1]);
    const { root, treeSize } = verified(body.checkpoint.signedNote);
    for (const [i, event] of events.entries()) {
      const proved = body.events[i];
      expect(proved.eventId).toBe(event.id);
      const leaf = eventLeafHash(event);
      expect(proved.leafHash).toBe(leaf.toString('base64'));
      expect(
        verifyInclusion(
          proved.leafIndex,
          treeSize,
          leaf,
          proved.inclusionProof.map((h) => Buffer.from(h, 'base64')),
          root,
        ),
      ).toBe(true);
    }
    // Staff of the case's own organisation may read it too.
    await http().get(`/cases/${caseId}/proof`).set('Authorization', clerk).expect(200);
  });

  it('an event newer than the chosen checkpoint is listed as not yet covered; a consistency proof joins the two signed checkpoints', async () => {
    const first = verified((await http().get('/transparency/checkpoint').expect(200)).text);
    clock.set('2019-03-04T06:00:00Z');
    await http()
      .post(`/cases/${caseId}/draft`)
      .set('Authorization', token('u-exec', 'executor', SCHOOL))
      .send({ summary: 'проект' })
      .expect(200);
    const pinned = await http()
      .get(`/cases/${caseId}/proof`)
      .query({ size: String(first.treeSize) })
      .set('Authorization', reviewer)
      .expect(200);
    expect((pinned.body as ProofBody).events).toHaveLength(2);
    expect((pinned.body as ProofBody).notYetCovered).toEqual([
      expect.objectContaining({ revision: 2, reason: expect.stringMatching(/^(newer-than-checkpoint|not-yet-in-tree)$/) }),
    ]);

    const second = verified((await checkpointCovering(first.treeSize + 1)).signedNote);
    const res = await http().get('/transparency/consistency').query({ from: first.treeSize, to: second.treeSize }).expect(200);
    expect(res.body).toMatchObject({ from: first.treeSize, to: second.treeSize });
    const proof = (res.body.proof as string[]).map((h) => Buffer.from(h, 'base64'));
    expect(verifyConsistency(first.treeSize, second.treeSize, first.root, second.root, proof)).toBe(true);
    const latest = await http().get(`/cases/${caseId}/proof`).set('Authorization', reviewer).expect(200);
    expect((latest.body as ProofBody).events).toHaveLength(3);
  });

  it('refuses bad sizes with problem+json, and proofs to callers who may not read the case', async () => {
    const problem = async (path: string, query: Record<string, string>, status: number, code: string, auth?: string) => {
      let req = http().get(path).query(query);
      if (auth) req = req.set('Authorization', auth);
      const res = await req.expect(status).expect('Content-Type', /application\/problem\+json/);
      expect(res.body.code).toBe(code);
    };
    await problem('/transparency/consistency', { from: '0', to: '1' }, 400, 'invalid-tree-size');
    await problem('/transparency/consistency', { from: '3', to: '2' }, 400, 'invalid-tree-size');
    await problem('/transparency/consistency', { from: '1', to: '99999999' }, 400, 'invalid-tree-size');
    await problem('/transparency/consistency', { from: 'one', to: '2' }, 400, 'invalid-tree-size');
    await problem('/transparency/consistency', { from: '1' }, 400, 'validation-failed');
    await problem(`/cases/${caseId}/proof`, { size: '99999999' }, 404, 'checkpoint-not-found', reviewer);
    await problem(`/cases/${caseId}/proof`, { size: '-1' }, 400, 'invalid-tree-size', reviewer);
    await problem(`/cases/${caseId}/proof`, {}, 404, 'case-not-found', otherSchool);
    await problem(`/cases/${caseId}/proof`, {}, 404, 'case-not-found', elsewhere);
    await problem(`/cases/${caseId}/proof`, {}, 401, 'unauthenticated');
    await problem('/cases/not-a-uuid/proof', {}, 400, 'invalid-case-id', reviewer);
    await problem('/cases/0b6c2f1e-9a11-4c1e-9d3a-5f0c7a1e2b1c/proof', {}, 404, 'case-not-found', reviewer);
  });

  it('GET /cases/:id/verify checks the witnessed checkpoints with the notary key; a note signed by another key is named', async () => {
    const intact = await http().get(`/cases/${caseId}/verify`).set('Authorization', reviewer).expect(200);
    expect(intact.body).toMatchObject({
      verdict: 'intact',
      anchor: { keyChecked: true, coveredRevisions: [0, 1, 2], chainOnlyRevisions: [], logFindings: [] },
    });

    const forger = generateSigner(config.notaryOrigin);
    // The largest note: a per-request verify checks notes from the largest down until one verifies.
    const forged = signNote(formatCheckpoint({ origin: config.notaryOrigin, treeSize: 1_000_000, root: Buffer.alloc(32, 1) }), forger);
    await new Witness(env.WITNESS_DIR).publish({ treeSize: 1_000_000, signedAt: new Date() }, forged);
    const res = await http().get(`/cases/${caseId}/verify`).set('Authorization', reviewer).expect(200);
    expect(res.body.verdict).toBe('broken');
    expect(res.body.anchor.logFindings).toEqual([expect.objectContaining({ reason: 'checkpoint-signature-invalid' })]);
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = await http().get('/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/transparency/checkpoint', '/transparency/key', '/transparency/consistency', '/cases/{id}/proof']),
    );
    expect(doc.body.paths['/cases/{id}/proof'].get.responses['200']).toBeDefined();
  });
});
