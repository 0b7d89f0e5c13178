import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { CASE_EVENT_SCHEMA_VERSION, caseStreamId } from '../../cases/domain/case.events';
import { chainHash } from '../../event-store/hash-chain';
import type { Region } from '../../regulations/regulation.model';
import { PLACEHOLDER, type CaseTemplate } from './history-templates';

/** Events per INSERT statement (one transaction each: positions come from its transaction id). */
const CHUNK = 2_000;
const PROVIDERS_PER_REGION = 40;
const SC_BRANCHES_PER_REGION = 6;

const PLACEHOLDERS = new RegExp(`(${Object.values(PLACEHOLDER).join('|')})`);

/** A text[] literal built in one pass (the driver's generic serialisation allocates far more). */
const textArray = (values: string[]): string => `{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;

const REGION_CODE: Record<Region, string> = { astana: 'ast', 'almaty-oblast': 'alm', 'kostanay-oblast': 'kst', 'west-kazakhstan-oblast': 'wko' };

/**
 * One event per row, exactly as es_append writes it: position = (transaction id
 * << 20) + index within the transaction, hashes chained per stream as chainHash().
 */
const INSERT_EVENTS = `
  INSERT INTO es_events (position, event_id, stream_id, revision, type, schema_version, data, metadata, prev_hash, hash)
  SELECT ((pg_current_xact_id()::text::bigint) << 20) + u.ord - 1, u.id, u.stream_id, u.revision, u.type, $9, u.data::json, u.metadata::json, u.prev_hash, u.hash
    FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
         WITH ORDINALITY AS u(id, stream_id, revision, type, data, metadata, prev_hash, hash, ord)`;

const INSERT_STREAMS = `
  INSERT INTO es_streams (stream_id, revision, last_hash)
  SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[])`;

export interface LoadedHistory {
  cases: number;
  openCases: number;
  events: number;
  seconds: number;
  /** Events per type, for the report. */
  byType: Map<string, number>;
  regulations: number;
  channels: number;
}

/** How many copies of the templates reach every target. */
export function casesNeeded(templates: CaseTemplate[], targets: { events: number; minCases: number; openCases: number }): number {
  const perCase = templates.reduce((n, t) => n + t.events.length, 0) / templates.length;
  const openShare = templates.filter((t) => t.open).length / templates.length;
  return Math.max(targets.minCases, Math.ceil(targets.events / perCase), openShare > 0 ? Math.ceil(targets.openCases / openShare) : 0);
}

/**
 * Case i is template i mod T under its own id, provider and State Corporation
 * branch (of the template's region); the events of all cases are written in
 * the order they happened, as a live system would have appended them.
 */
export async function loadHistory(pool: Pool, templates: CaseTemplate[], cases: number, log: (line: string) => void): Promise<LoadedHistory> {
  const started = performance.now();
  const templateOf = (i: number) => templates[i % templates.length];
  let total = 0;
  for (let i = 0; i < cases; i++) total += templateOf(i).events.length;

  // Order of every event: by time, then case, then revision (a case's events keep their order).
  const at = new Float64Array(total);
  const caseOf = new Uint32Array(total);
  const revisionOf = new Uint16Array(total);
  for (let i = 0, k = 0; i < cases; i++) {
    const events = templateOf(i).events;
    for (let r = 0; r < events.length; r++, k++) {
      at[k] = events[r].at;
      caseOf[k] = i;
      revisionOf[k] = r;
    }
  }
  const order = new Uint32Array(total).map((_, k) => k);
  order.sort((a, b) => at[a] - at[b] || caseOf[a] - caseOf[b] || revisionOf[a] - revisionOf[b]);
  log(`  ${total.toLocaleString('en')} events of ${cases.toLocaleString('en')} cases ordered by time (${((performance.now() - started) / 1000).toFixed(1)} s)`);

  const caseIds = Array.from({ length: cases }, () => randomUUID());
  const lastHash: string[] = new Array<string>(cases).fill('');
  const byType = new Map<string, number>();
  // Templates cut at their placeholders once; a copy is one join (the loader is allocation-bound).
  const cut = new Map<string, Array<string | 0 | 1 | 2>>();
  const partsOf = (text: string) => {
    let parts = cut.get(text);
    if (!parts) {
      parts = text.split(PLACEHOLDERS).map((p) => (p === PLACEHOLDER.caseId ? 0 : p === PLACEHOLDER.provider ? 1 : p === PLACEHOLDER.sc ? 2 : p));
      cut.set(text, parts);
    }
    return parts;
  };
  const substitute = (text: string, i: number): string => {
    const code = REGION_CODE[templateOf(i).region];
    const values = [caseIds[i], `${code}-provider-${String((i * 7919) % PROVIDERS_PER_REGION).padStart(2, '0')}`, `${code}-sc-${(i * 104_729) % SC_BRANCHES_PER_REGION}`];
    return partsOf(text)
      .map((p) => (typeof p === 'number' ? values[p] : p))
      .join('');
  };

  // Two chunks in flight on two connections. Each chunk's transaction takes its id
  // before the next chunk's does, so positions (id << 20 | index) still follow the
  // order of the chunks, and within a stream the order of its revisions.
  const inFlight: Array<Promise<unknown>> = [];
  let loaded = 0;
  let lastReport = performance.now();
  for (let from = 0; from < total; from += CHUNK) {
    const size = Math.min(CHUNK, total - from);
    const cols = { id: [] as string[], stream: [] as string[], revision: [] as number[], type: [] as string[], data: [] as string[], metadata: [] as string[], prev: [] as string[], hash: [] as string[] };
    for (let j = from; j < from + size; j++) {
      const k = order[j];
      const i = caseOf[k];
      const revision = revisionOf[k];
      const event = templateOf(i).events[revision];
      const id = randomUUID();
      const streamId = caseStreamId(caseIds[i]);
      const data = substitute(event.data, i);
      const metadata = `{"actor":${substitute(event.actor, i)},"occurredAt":"${event.occurredAt}","commandId":"${id}","correlationId":"${caseIds[i]}","causationId":"${caseIds[i]}"}`;
      const prevHash = lastHash[i];
      const hash = chainHash({ prevHash, streamId, revision, type: event.type, schemaVersion: CASE_EVENT_SCHEMA_VERSION, rawData: data, rawMetadata: metadata });
      lastHash[i] = hash;
      cols.id.push(id);
      cols.stream.push(streamId);
      cols.revision.push(revision);
      cols.type.push(event.type);
      cols.data.push(data);
      cols.metadata.push(metadata);
      cols.prev.push(prevHash);
      cols.hash.push(hash);
      byType.set(event.type, (byType.get(event.type) ?? 0) + 1);
    }
    if (inFlight.length >= 2) await inFlight.shift();
    const client = await pool.connect();
    await client.query('BEGIN');
    await client.query('SELECT pg_current_xact_id()'); // assigns the transaction id now, in chunk order
    inFlight.push(
      client
        .query(INSERT_EVENTS, [cols.id, cols.stream, cols.revision, cols.type, textArray(cols.data), textArray(cols.metadata), cols.prev, cols.hash, CASE_EVENT_SCHEMA_VERSION])
        .then(() => client.query('COMMIT'))
        .finally(() => client.release()),
    );
    loaded += size;
    if (performance.now() - lastReport > 5_000) {
      lastReport = performance.now();
      const seconds = (lastReport - started) / 1000;
      log(`  loaded ${loaded.toLocaleString('en')} / ${total.toLocaleString('en')} events (${seconds.toFixed(0)} s, ${Math.round(loaded / seconds).toLocaleString('en')} events/s)`);
    }
  }
  await Promise.all(inFlight);
  // Stream heads, where this version of the store keeps them in a table of their own.
  const { rows: heads } = await pool.query<{ present: boolean }>("SELECT to_regclass('es_streams') IS NOT NULL AS present");
  for (let from = 0; heads[0].present && from < cases; from += 20_000) {
    const ids = caseIds.slice(from, from + 20_000);
    await pool.query(INSERT_STREAMS, [
      ids.map(caseStreamId),
      ids.map((_, j) => templateOf(from + j).events.length - 1),
      ids.map((_, j) => lastHash[from + j]),
    ]);
  }
  let openCases = 0;
  for (let i = 0; i < cases; i++) if (templateOf(i).open) openCases += 1;
  return {
    cases,
    openCases,
    events: total,
    seconds: (performance.now() - started) / 1000,
    byType,
    regulations: new Set(templates.map((t) => t.regulationVersionId)).size,
    channels: new Set(templates.map((t) => `${t.regulationVersionId} ${t.channel}`)).size,
  };
}
