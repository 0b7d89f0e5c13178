import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../auth/principal';
import { assertCanSee, caseNotFoundProblem, partiesFromRow } from '../../cases/case-access';
import { RegulationCatalog } from '../../regulations/catalog/regulation-catalog';
import type { RegulationVersion } from '../../regulations/regulation.model';
import { READ_MODELS_DATA_SOURCE } from '../runtime/tokens';
import type { HistoryCase, HistoryEntry, HistoryPlan } from './history-entry';
import { HISTORY_PLANS_TABLE } from './history-plans';
import { CaseHistoryView, RegulationRef, toEntryView } from './history-view';
import { maskPerson, seesPersonalData } from '../../personal-data/personal-data-policy';

/** Who may read a case's chronicle: the one visibility rule of every case route. */
export function assertCanReadHistory(principal: Principal, header: HistoryCase): void {
  assertCanSee(principal, partiesFromRow(header.region, header.providerOrganisation, header.stateCorporationOrganisation));
}

@Injectable()
export class CaseHistoryQueries {
  constructor(
    @Inject(READ_MODELS_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(RegulationCatalog) private readonly catalog: RegulationCatalog,
  ) {}

  async history(caseId: string, principal: Principal): Promise<CaseHistoryView> {
    const [found]: Array<{ header: HistoryCase; plan: HistoryPlan | null }> = await this.dataSource.query(
      `SELECT c.header, p.plan FROM rm_case_history_cases c
         LEFT JOIN ${HISTORY_PLANS_TABLE} p ON p.plan_key = c.header->>'planKey'
        WHERE c.case_id = $1`,
      [caseId],
    );
    if (!found) throw caseNotFoundProblem();
    const header = found.header;
    assertCanReadHistory(principal, header);
    const rows: Array<{ entry: HistoryEntry }> = await this.dataSource.query(
      'SELECT entry FROM rm_case_history_entries WHERE case_id = $1 ORDER BY revision',
      [caseId],
    );
    const visible = seesPersonalData(principal);
    const { planKey: _plan, regulationVersionId, ...rest } = header;
    return {
      ...rest,
      regulation: regulationRefOf(
        regulationVersionId,
        this.catalog.versions.find((v) => v.id === regulationVersionId),
      ),
      applicant: maskPerson(header.applicant, visible),
      representative: header.representative ? maskPerson(header.representative, visible) : null,
      personalDataMasked: !visible,
      entries: rows.map((r) => toEntryView(r.entry, found.plan ?? undefined)),
    };
  }
}

/** The regulation as the reader names it, from the catalog entry with the case's version id. */
export function regulationRefOf(versionId: string, version: RegulationVersion | undefined): RegulationRef {
  if (!version) return { versionId, serviceName: null, textLanguage: null, act: null };
  const { body, kind, date, number } = version.legal.approvingAct;
  const { ru, kk } = version.service.name;
  return { versionId, serviceName: { ru, kk }, textLanguage: version.source.language, act: { body, kind, date, number } };
}
