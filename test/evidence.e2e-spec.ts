import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { NOTARY_VERIFIER_KEY, WITNESSED_CHECKPOINTS } from '../src/audit/anchor/witnessed-checkpoints';
import { WitnessDirectory } from '../src/audit/anchor/witness-directory';
import { verifyBundle } from '../src/audit/bundle/verify-bundle';
import { LogStreamSource } from '../src/audit/integrity/log-stream-source';
import { LogStreamEvidence } from '../src/audit/integrity/stream-evidence';
import { verifyAllStreams } from '../src/audit/integrity/verify-all';
import { runVerifyCommand } from '../src/audit/integrity/verify-command';
import { driveCase, kostanayOfficeScript } from '../src/audit/testing/case-history';
import { Principal } from '../src/auth/principal';
import { issueToken } from '../src/auth/tokens';
import { caseStreamId } from '../src/cases/domain/case.events';
import { loadConfig } from '../src/config/config';
import { EVENT_STORE, EventStore } from '../src/event-store/event-store.port';
import { chainHash } from '../src/event-store/hash-chain';
import { formatCheckpoint, formatVerifierKey, generateSigner, signNote } from '../src/transparency/checkpoint-note';
import { TransparencyLog } from '../src/transparency/transparency-log';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';

const config = loadConfig({ LOG_JSON: 'false', LOG_LEVEL: 'error' });
const reviewer = `Bearer ${issueToken({ userId: 'u-rev', roles: ['appeal-reviewer'], organisation: 'appeals-kostanay', region: 'kostanay-oblast' } satisfies Principal, config.jwtSecret)}`;

const CASES = {
  intact: '0e000000-0000-4000-8000-000000000001',
  edited: '0e000000-0000-4000-8000-000000000002',
  middleDeleted: '0e000000-0000-4000-8000-000000000003',
  tailCut: '0e000000-0000-4000-8000-000000000004',
  tailCutHeadless: '0e000000-0000-4000-8000-000000000005',
  rewritten: '0e000000-0000-4000-8000-000000000006',
  swapped: '0e000000-0000-4000-8000-000000000007',
  streamDeleted: '0e000000-0000-4000-8000-000000000008',
  treeRowsDeleted: '0e000000-0000-4000-8000-000000000009',
} as const;
const LAST = 6; // kostanayOfficeScript: revisions 0..6

/**
 * Issue #16, "done when": real SQL tampering made after a checkpoint that
 * covers the events, each found by audit:verify (exit 1), GET /verify and the
 * offline bundle verifier, naming the stream and the revision.
 */
describe('evidence against whoever runs the database (HTTP, CLI, offline bundle)', () => {
  let app: INestApplication;
  let db: TestDatabase;
  let sql: Client;
  let witnessDir: string;
  const signer = generateSigner('kz-regulated-services/evidence-test');
  const vkey = formatVerifierKey(signer);
  const http = () => request(app.getHttpServer());

  async function cli(): Promise<{ code: number; out: string }> {
    const out: string[] = [];
    const code = await runVerifyCommand(['--prefix', 'case-', '--key', vkey, '--witness-dir', witnessDir], {
      env: { DATABASE_URL: db.url },
      out: (t) => out.push(t),
      err: () => undefined,
    });
    return { code, out: out.join('\n') };
  }

  const verify = async (caseId: string) => (await http().get(`/cases/${caseId}/verify`).set('Authorization', reviewer).expect(200)).body;
  const bundleOf = async (caseId: string) => {
    const res = await http()
      .get(`/cases/${caseId}/dossier`)
      .query({ format: 'bundle' })
      .set('Authorization', reviewer)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="case-${caseId}.bundle.json"`);
    return verifyBundle(res.body);
  };
  const named = (findings: Array<{ revision: number | null; reason?: string; problem?: string }>) =>
    findings.map((f) => [f.revision, f.reason ?? f.problem]);

  beforeAll(async () => {
    db = await createTestDatabase('evidence_e2e');
    witnessDir = mkdtempSync(join(tmpdir(), 'witness-'));
    app = await createTestApp({
      databaseUrl: db.url,
      ports: [
        { token: WITNESSED_CHECKPOINTS, value: new WitnessDirectory(witnessDir) },
        { token: NOTARY_VERIFIER_KEY, value: { verifierKey: async () => vkey } },
      ],
    });
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    const store = app.get<EventStore>(EVENT_STORE);
    let last = 0n;
    for (const id of Object.values(CASES))
      last = (await store.append(caseStreamId(id), driveCase(id, kostanayOfficeScript(id)), 'no-stream')).position;
    // The notary (a projection of the app) logs them; then the checkpoint is signed and published outside the database.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { rows } = await sql.query<{ position: string }>('SELECT position FROM tl_state WHERE id = 1');
      if (rows[0] && BigInt(rows[0].position) >= last) break;
      if (Date.now() > deadline) throw new Error('the notary did not catch up');
      await new Promise((r) => setTimeout(r, 50));
    }
    const log = app.get(TransparencyLog);
    const treeSize = await log.treeSize();
    const note = signNote(formatCheckpoint({ origin: signer.name, treeSize, root: await log.rootAt(treeSize) }), signer);
    await sql.query(
      'INSERT INTO tl_checkpoints (origin, tree_size, root, key_id, signed_note, signed_at) VALUES ($1, $2, $3, $4, $5, now())',
      [signer.name, treeSize, await log.rootAt(treeSize), signer.keyId.toString('hex'), note],
    );
    writeFileSync(join(witnessDir, `checkpoint-${treeSize}.note`), note);
  }, 60_000);

  afterAll(async () => {
    await sql?.end();
    await app?.close();
    await db?.drop();
    if (witnessDir) rmSync(witnessDir, { recursive: true, force: true });
  });

  it('before anyone touches the database: every check passes, every revision is proven in the signed checkpoint', async () => {
    expect(await cli()).toMatchObject({
      code: 0,
      out: expect.stringMatching(/checkpoints: 1 from witness directory .* signatures checked[\s\S]*verdict: every stream intact/),
    });
    const verdict = await verify(CASES.intact);
    expect(verdict).toMatchObject({
      verdict: 'intact',
      findings: [],
      anchor: { coveredRevisions: [0, 1, 2, 3, 4, 5, 6], chainOnlyRevisions: [], findings: [], logFindings: [] },
    });
    expect(verdict.statement.ru).toMatch(
      /События с ревизиями 0–6 совпадают со своими листьями, и их включение доказано в подписанную контрольную точку журнала прозрачности «kz-regulated-services\/evidence-test» на \d+ листьев, подписана .*; подпись проверена открытым ключом нотариуса\.$/,
    );
    expect(await bundleOf(CASES.intact)).toMatchObject({
      intact: true,
      checked: { provenRevisions: [0, 1, 2, 3, 4, 5, 6], chainOnlyRevisions: [], plans: 1 },
    });
  });

  it('serves the bundle only to those who may read the case, and records each request', async () => {
    const otherSchool = `Bearer ${issueToken({ userId: 'u-c9', roles: ['clerk'], organisation: 'school-9', region: 'kostanay-oblast' } satisfies Principal, config.jwtSecret)}`;
    const denied = await http()
      .get(`/cases/${CASES.intact}/dossier`)
      .query({ format: 'bundle' })
      .set('Authorization', otherSchool)
      .expect(404);
    // A case the caller may not see answers exactly like a missing one.
    expect(denied.body.code).toBe('case-not-found');
    const unknown = await http()
      .get('/cases/0e000000-0000-4000-8000-0000000000ff/dossier')
      .query({ format: 'bundle' })
      .set('Authorization', reviewer)
      .expect(404);
    expect(unknown.body.code).toBe('case-not-found');
    const log = await http().get(`/cases/${CASES.intact}/access-log`).set('Authorization', reviewer).expect(200);
    expect(
      log.body.items
        .filter((e: { what: string; parameters: { format?: string } }) => e.what === 'dossier' && e.parameters.format === 'bundle')
        .map((e: { outcome: string }) => e.outcome),
    ).toEqual(['granted', 'denied']);
  });

  it('an edited event', async () => {
    const stream = caseStreamId(CASES.edited);
    await sql.query(
      `UPDATE es_events SET data = replace(data::text, '"u-exec"', '"u-forged"')::json WHERE stream_id = $1 AND revision = 2`,
      [stream],
    );
    expect(named((await verify(CASES.edited)).findings)).toEqual([
      [2, 'hash-mismatch'],
      [2, 'leaf-mismatch'],
    ]);
    expect(named((await bundleOf(CASES.edited)).findings)).toEqual([
      [2, 'chain'],
      [2, 'leaf-mismatch'],
    ]);
    const { code, out } = await cli();
    expect(code).toBe(1);
    expect(out).toContain(`BROKEN ${stream}: revision 2`);
    // As on EventStoreDB: streams found through the global log, leaves first, then the events through the port.
    const store = app.get<EventStore>(EVENT_STORE);
    const log = app.get(TransparencyLog);
    const reader = new LogStreamEvidence(store, {
      leavesOfStream: (id) => log.leavesOfStream(id),
      notaryPosition: async () => BigInt((await sql.query('SELECT position FROM tl_state')).rows[0].position),
    });
    const summary = await verifyAllStreams(store, new LogStreamSource(store), { prefix: 'case-', evidence: reader });
    expect(summary.broken.map((b) => [b.streamId, named(b.findings)])).toEqual([
      [
        stream,
        [
          [2, 'hash-mismatch'],
          [2, 'leaf-mismatch'],
        ],
      ],
    ]);
  });

  it('a deleted middle event', async () => {
    const stream = caseStreamId(CASES.middleDeleted);
    await sql.query('DELETE FROM es_events WHERE stream_id = $1 AND revision = 3', [stream]);
    expect(named((await verify(CASES.middleDeleted)).findings)).toEqual([
      [4, 'revision-gap'],
      [3, 'event-missing'],
    ]);
    expect(named((await bundleOf(CASES.middleDeleted)).findings)).toEqual([
      [4, 'revision-gap'],
      [5, 'revision-gap'],
      [6, 'revision-gap'],
      [3, 'event-missing'],
    ]);
    expect((await cli()).out).toContain(`BROKEN ${stream}: revision 3 (event `);
  });

  it('the last event deleted and the head row rewound with it (or deleted)', async () => {
    for (const [caseId, head] of [
      [CASES.tailCut, 'rewind'],
      [CASES.tailCutHeadless, 'delete'],
    ] as const) {
      const stream = caseStreamId(caseId);
      await sql.query('DELETE FROM es_events WHERE stream_id = $1 AND revision = $2', [stream, LAST]);
      if (head === 'rewind') {
        await sql.query(
          'UPDATE es_streams SET revision = $2, last_hash = (SELECT hash FROM es_events WHERE stream_id = $1 AND revision = $2) WHERE stream_id = $1',
          [stream, LAST - 1],
        );
      } else {
        await sql.query('DELETE FROM es_streams WHERE stream_id = $1', [stream]);
      }
      const verdict = await verify(caseId);
      expect(verdict.findings).toContainEqual(
        expect.objectContaining({ revision: LAST, reason: 'event-missing', missingRevisions: [LAST] }),
      );
      expect(named(verdict.findings)).toEqual(
        head === 'rewind'
          ? [[LAST, 'event-missing']]
          : [
              [LAST - 1, 'head-missing'],
              [LAST, 'event-missing'],
            ],
      );
      expect(named((await bundleOf(caseId)).findings)).toEqual([[LAST, 'event-missing']]);
      expect((await cli()).out).toContain(`BROKEN ${stream}: revision ${LAST} (event `);
    }
  });

  it('an edit with the chain and the head recomputed', async () => {
    const stream = caseStreamId(CASES.rewritten);
    const { rows } = await sql.query<{
      revision: string;
      type: string;
      schema_version: number;
      data: string;
      metadata: string;
      hash: string;
    }>(
      'SELECT revision, type, schema_version, data::text AS data, metadata::text AS metadata, hash FROM es_events WHERE stream_id = $1 ORDER BY revision',
      [stream],
    );
    let prevHash = rows[1].hash;
    for (const row of rows.slice(2)) {
      const rawData = Number(row.revision) === 2 ? row.data.replace('"u-exec"', '"u-forged"') : row.data;
      const hash = chainHash({
        prevHash,
        streamId: stream,
        revision: Number(row.revision),
        type: row.type,
        schemaVersion: row.schema_version,
        rawData,
        rawMetadata: row.metadata,
      });
      await sql.query('UPDATE es_events SET data = $3::json, prev_hash = $4, hash = $5 WHERE stream_id = $1 AND revision = $2', [
        stream,
        row.revision,
        rawData,
        prevHash,
        hash,
      ]);
      prevHash = hash;
    }
    await sql.query('UPDATE es_streams SET last_hash = $2 WHERE stream_id = $1', [stream, prevHash]);
    // The chain and the head agree again; only the log's leaves (committed to before the rewrite) show it.
    const verdict = await verify(CASES.rewritten);
    expect(verdict.checked).toBe(7);
    expect(named(verdict.findings)).toEqual([2, 3, 4, 5, 6].map((r) => [r, 'leaf-mismatch']));
    expect(named((await bundleOf(CASES.rewritten)).findings)).toEqual([2, 3, 4, 5, 6].map((r) => [r, 'leaf-mismatch']));
    expect((await cli()).out).toContain(`BROKEN ${stream}: revision 2 (event `);
  });

  it('two events swapped', async () => {
    const stream = caseStreamId(CASES.swapped);
    await sql.query('UPDATE es_events SET revision = -1 WHERE stream_id = $1 AND revision = 2', [stream]);
    await sql.query('UPDATE es_events SET revision = 2 WHERE stream_id = $1 AND revision = 3', [stream]);
    await sql.query('UPDATE es_events SET revision = 3 WHERE stream_id = $1 AND revision = -1', [stream]);
    expect(named((await verify(CASES.swapped)).findings)).toEqual([
      [2, 'broken-link'],
      [2, 'leaf-mismatch'],
      [3, 'leaf-mismatch'],
    ]);
    expect(named((await bundleOf(CASES.swapped)).findings)).toEqual([
      [2, 'chain'],
      [2, 'leaf-mismatch'],
      [3, 'leaf-mismatch'],
    ]);
    expect((await cli()).out).toContain(`BROKEN ${stream}: revision 2 (event `);
  });

  it('a whole stream deleted', async () => {
    const stream = caseStreamId(CASES.streamDeleted);
    await sql.query('DELETE FROM es_events WHERE stream_id = $1', [stream]);
    await sql.query('DELETE FROM es_streams WHERE stream_id = $1', [stream]);
    // Its region went with its receipt: auditors still get the verdict (hashes only, no personal data).
    const verdict = await verify(CASES.streamDeleted);
    expect(verdict).toMatchObject({
      verdict: 'broken',
      total: 0,
      findings: [{ revision: 0, reason: 'event-missing', missingRevisions: [0, 1, 2, 3, 4, 5, 6] }],
    });
    expect(named((await bundleOf(CASES.streamDeleted)).findings)).toEqual([0, 1, 2, 3, 4, 5, 6].map((r) => [r, 'event-missing']));
    const clerk = `Bearer ${issueToken({ userId: 'u-clerk', roles: ['clerk'], organisation: 'school-7', region: 'kostanay-oblast' } satisfies Principal, config.jwtSecret)}`;
    expect((await http().get(`/cases/${CASES.streamDeleted}/verify`).set('Authorization', clerk).expect(404)).body.code).toBe(
      'case-not-found',
    );
    expect((await http().get(`/cases/${CASES.streamDeleted}/replay`).set('Authorization', reviewer).expect(404)).body.code).toBe(
      'case-not-found',
    );
    expect((await cli()).out).toContain(`BROKEN ${stream}: revision 0 (event `);
  });

  it('events deleted together with their tree rows: the signed root no longer recomputes', async () => {
    const stream = caseStreamId(CASES.treeRowsDeleted);
    const { rows } = await sql.query<{ leaf_index: string }>('SELECT leaf_index FROM tl_leaves WHERE stream_id = $1 AND revision = 3', [
      stream,
    ]);
    const leafIndex = Number(rows[0].leaf_index);
    await sql.query('DELETE FROM es_events WHERE stream_id = $1 AND revision = 3', [stream]);
    await sql.query('DELETE FROM tl_leaves WHERE stream_id = $1 AND revision = 3', [stream]);
    for (let level = 4; level < 32; level++)
      await sql.query('DELETE FROM tl_nodes WHERE level = $1 AND node_index = $2', [level, Math.floor(leafIndex / 2 ** level)]);

    const verdict = await verify(CASES.treeRowsDeleted);
    expect(named(verdict.findings)).toEqual([[4, 'revision-gap']]);
    expect(verdict.anchor.logFindings.map((f: { reason: string }) => f.reason)).toEqual(['tree-rows-missing']);
    // The stream's remaining leaves can no longer be proven: the subtrees above the deleted leaf are gone.
    expect(named(verdict.anchor.findings)).toEqual([0, 1, 2, 4, 5, 6].map((r) => [r, 'tree-rows-missing']));
    expect(named((await bundleOf(CASES.treeRowsDeleted)).findings)).toEqual([
      [4, 'revision-gap'],
      [5, 'revision-gap'],
      [6, 'revision-gap'],
      ...[0, 1, 2, 4, 5, 6].map((r) => [r, 'proof']),
    ]);
    const { code, out } = await cli();
    expect(code).toBe(1);
    expect(out).toContain(`BROKEN ${stream}: revision 4 (event `);
    expect(out).toMatch(/BROKEN LOG \(checkpoint of \d+ leaves, .*\): tree-rows-missing/);
    expect(out).toMatch(
      new RegExp(`BROKEN LOG ${stream} revision 4: tree-leaves-not-contiguous: Tree leaves ${leafIndex}\\.\\.${leafIndex} are missing`),
    );
    expect(out).toMatch(/BROKEN LOG .*: checkpoint-not-reproduced-by-events/);
    // An untouched case now says so too: its evidence rests on a root the store no longer yields.
    expect(await verify(CASES.intact)).toMatchObject({ verdict: 'broken', findings: [] });
  });
});
