import type { Citation } from '../../regulations/regulation.model';
import type { HistoryCase, HistoryEntry, HistoryPlan } from './history-entry';

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
  /** Always present in the view: from the entry, or from the case's plan. */
  citation: Citation | null;
  /** Minutes past the due instant when late, else null. */
  lateByMinutes: number | null;
}

/** GET /cases/:id/history (structured form). */
export interface CaseHistoryView extends Omit<HistoryCase, 'planKey' | 'regulationVersionId'> {
  regulation: RegulationRef;
  personalDataMasked: boolean;
  entries: HistoryEntryView[];
}

/** An entry as served: with the duration and the citation the case's plan gives its step (older rows carry their own). */
export function toEntryView(entry: HistoryEntry, plan: HistoryPlan | undefined): HistoryEntryView {
  const lateByMinutes =
    entry.late && entry.dueAt ? Math.max(0, Math.round((Date.parse(entry.occurredAt) - Date.parse(entry.dueAt)) / 60_000)) : null;
  const stepId = entry.step?.stepId;
  const regulatedDuration = entry.regulatedDuration ?? (stepId !== undefined ? plan?.stepDurations[stepId] : undefined);
  const citation =
    entry.citation !== undefined ? entry.citation : ((stepId !== undefined ? plan?.stepCitations?.[stepId] : undefined) ?? null);
  return { ...entry, citation, ...(regulatedDuration ? { regulatedDuration } : {}), lateByMinutes };
}
