import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../auth/principal';
import { partiesFromRow } from '../../cases/case-access';
import { caseVisibility } from '../../cases/domain/case-visibility';
import { READ_MODELS_DATA_SOURCE } from '../runtime/tokens';
import type { HistoryCase, HistoryEntry } from './history-entry';
import { maskPerson, seesPersonalData } from '../../personal-data/personal-data-policy';

export interface AppealSummary {
  appealId: string;
  filedAt: string;
  decisionDueAt: string | null;
  decision: 'upheld' | 'rejected' | null;
  decidedLate: boolean | null;
}

export interface AppealedCase {
  caseId: string;
  service: string;
  providerOrganisation: string;
  applicant: { iin: string; name: string };
  status: HistoryCase['status'];
  appeals: AppealSummary[];
}

const APPEAL_TYPES = ['AppealFiled', 'AppealDecided'];

/** The appeals of one case from its chronicle entries, in filing order. */
export function appealsOf(entries: HistoryEntry[]): AppealSummary[] {
  const byId = new Map<string, AppealSummary>();
  for (const entry of entries) {
    const appealId = typeof entry.details.appealId === 'string' ? entry.details.appealId : undefined;
    if (!appealId) continue;
    if (entry.type === 'AppealFiled') {
      const due = entry.details.decisionDueAt;
      byId.set(appealId, {
        appealId,
        filedAt: entry.occurredAt,
        decisionDueAt: typeof due === 'string' ? due : null,
        decision: null,
        decidedLate: null,
      });
    } else if (entry.type === 'AppealDecided') {
      const filed = byId.get(appealId);
      const decision = entry.details.decision;
      if (filed && (decision === 'upheld' || decision === 'rejected')) byId.set(appealId, { ...filed, decision, decidedLate: entry.late });
    }
  }
  return [...byId.values()];
}

/**
 * The appealed cases of the caller's region, from the chronicle's read model
 * (no table of its own): newest appeal first, at most `limit`, each case
 * checked against the one visibility rule and masked as the chronicle masks.
 */
@Injectable()
export class AppealedCasesQuery {
  constructor(@Inject(READ_MODELS_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async list(principal: Principal, limit = 200): Promise<AppealedCase[]> {
    const rows: Array<{ header: HistoryCase; region: string; provider_org: string; sc_org: string | null; entries: HistoryEntry[] }> =
      await this.dataSource.query(
        `SELECT c.header, c.region, c.provider_org, c.sc_org, json_agg(e.entry ORDER BY e.revision) AS entries
         FROM rm_case_history_cases c
         JOIN rm_case_history_entries e ON e.case_id = c.case_id
        WHERE c.region = $1 AND e.entry->>'type' = ANY($2::text[])
        GROUP BY c.case_id
        ORDER BY max(e.position) DESC
        LIMIT $3`,
        [principal.region, APPEAL_TYPES, limit],
      );
    const visible = seesPersonalData(principal);
    return rows
      .filter((row) => caseVisibility(principal, partiesFromRow(row.region, row.provider_org, row.sc_org)).visible)
      .map((row) => ({
        caseId: row.header.caseId,
        service: row.header.service,
        providerOrganisation: row.header.providerOrganisation,
        applicant: maskPerson(row.header.applicant, visible),
        status: row.header.status,
        appeals: appealsOf(row.entries),
      }));
  }
}
