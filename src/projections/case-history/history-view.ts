import type { HistoryCase, HistoryEntry } from './history-entry';

/** What the regulation text is, for the reader: the approving act as the catalog records it. */
export interface RegulationRef {
  versionId: string;
  /** In both languages (see the catalog's nameTranslation). */
  serviceName: { ru: string; kk: string } | null;
  /** The language of the text the citations quote. */
  textLanguage: 'ru' | 'kk' | null;
  act: { body: string; kind: string; date: string; number: string } | null;
}

export interface HistoryEntryView extends HistoryEntry {
  /** Minutes past the due instant when late, else null. */
  lateByMinutes: number | null;
}

/** GET /cases/:id/history (structured form). */
export interface CaseHistoryView extends Omit<HistoryCase, 'specialRules' | 'regulationVersionId'> {
  regulation: RegulationRef;
  personalDataMasked: boolean;
  entries: HistoryEntryView[];
}

export function toEntryView(entry: HistoryEntry): HistoryEntryView {
  const lateByMinutes =
    entry.late && entry.dueAt ? Math.max(0, Math.round((Date.parse(entry.occurredAt) - Date.parse(entry.dueAt)) / 60_000)) : null;
  return { ...entry, lateByMinutes };
}
