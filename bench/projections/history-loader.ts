import { randomUUID } from 'node:crypto';
import { planEvent, planStreamId } from '../../src/cases/plan-codec';
import { CASE_EVENT_SCHEMA_VERSION, caseStreamId } from '../../src/cases/domain/case.events';
import type { EventStore, ExpectedRevision, ImportedEvent } from '../../src/event-store/event-store.port';
import { MAX_STREAMS_PER_IMPORT } from '../../src/event-store/import-validation';
import type { Region } from '../../src/regulations/regulation.model';
import { PLACEHOLDER, type CaseTemplate } from './history-templates';

/** Events per import at most (one transaction each); an import also ends at the port's limit of streams. */
const CHUNK = 20_000;
const PROVIDERS_PER_REGION = 40;
const SC_BRANCHES_PER_REGION = 6;

const PLACEHOLDERS = new RegExp(`(${Object.values(PLACEHOLDER).join('|')})`);

const REGION_CODE: Record<Region, string> = {
  astana: 'ast',
  'almaty-oblast': 'alm',
  'kostanay-oblast': 'kst',
  'west-kazakhstan-oblast': 'wko',
};

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
export async function loadHistory(
  store: EventStore,
  templates: CaseTemplate[],
  cases: number,
  log: (line: string) => void,
  eventsPerImport = CHUNK,
): Promise<LoadedHistory> {
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
  log(
    `  ${total.toLocaleString('en')} events of ${cases.toLocaleString('en')} cases ordered by time (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );

  // The plans the receipts name by digest, stored before any receipt (as the command path stores them).
  const plans = new Map(templates.flatMap((t) => [...t.plans]));
  for (const [digest, plan] of plans) {
    await store.append(
      planStreamId(digest),
      [planEvent(digest, plan, { correlationId: 'bench-history', causationId: 'bench-history' })],
      'any',
    );
  }
  const caseIds = Array.from({ length: cases }, () => randomUUID());
  const byType = new Map<string, number>();
  // Templates cut at their placeholders once; a copy is one join (the loader is allocation-bound).
  const cut = new Map<string, Array<string | 0 | 1 | 2>>();
  const partsOf = (text: string) => {
    let parts = cut.get(text);
    if (!parts) {
      parts = text
        .split(PLACEHOLDERS)
        .map((p) => (p === PLACEHOLDER.caseId ? 0 : p === PLACEHOLDER.provider ? 1 : p === PLACEHOLDER.sc ? 2 : p));
      cut.set(text, parts);
    }
    return parts;
  };
  const substitute = (text: string, i: number): string => {
    const code = REGION_CODE[templateOf(i).region];
    const values = [
      caseIds[i],
      `${code}-provider-${String((i * 7919) % PROVIDERS_PER_REGION).padStart(2, '0')}`,
      `${code}-sc-${(i * 104_729) % SC_BRANCHES_PER_REGION}`,
    ];
    return partsOf(text)
      .map((p) => (typeof p === 'number' ? values[p] : p))
      .join('');
  };

  // The store's own bulk import, chunk after chunk in time order: each import is
  // one transaction that takes its positions after the previous one committed,
  // so positions follow the order things happened. The next chunk is built
  // while the previous one is being written.
  let writing: Promise<unknown> = Promise.resolve();
  let loaded = 0;
  let lastReport = performance.now();
  for (let from = 0; from < total;) {
    const events: ImportedEvent[] = [];
    const expected = new Map<string, ExpectedRevision>();
    const streams = new Set<number>();
    for (; from < total && events.length < eventsPerImport; from++) {
      const k = order[from];
      const i = caseOf[k];
      if (!streams.has(i)) {
        if (streams.size === MAX_STREAMS_PER_IMPORT) break;
        streams.add(i);
        // A case begun in an earlier import continues from the revision that one left.
        if (revisionOf[k] > 0) expected.set(caseStreamId(caseIds[i]), revisionOf[k] - 1);
      }
      const event = templateOf(i).events[revisionOf[k]];
      const id = randomUUID();
      events.push({
        id,
        streamId: caseStreamId(caseIds[i]),
        type: event.type,
        schemaVersion: CASE_EVENT_SCHEMA_VERSION,
        data: JSON.parse(substitute(event.data, i)),
        metadata: {
          actor: JSON.parse(substitute(event.actor, i)),
          occurredAt: event.occurredAt,
          commandId: id,
          correlationId: caseIds[i],
          causationId: caseIds[i],
        },
      });
      byType.set(event.type, (byType.get(event.type) ?? 0) + 1);
    }
    await writing;
    writing = store.importEvents({ events, expected });
    loaded += events.length;
    if (performance.now() - lastReport > 5_000) {
      lastReport = performance.now();
      const seconds = (lastReport - started) / 1000;
      log(
        `  loaded ${loaded.toLocaleString('en')} / ${total.toLocaleString('en')} events (${seconds.toFixed(0)} s, ${Math.round(loaded / seconds).toLocaleString('en')} events/s)`,
      );
    }
  }
  await writing;
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
