import { CasePlan } from '../cases/domain/plan';

/**
 * The regulation version that governs the case, as snapshotted into its first
 * event: the steps, durations and citations the case was bound to at receipt,
 * whatever the catalog says today.
 */
export type RegulationView = Omit<CasePlan, 'regulationVersionId'> & {
  versionId: string;
  source: 'case-snapshot';
};

export function regulationOf(plan: CasePlan): RegulationView {
  const { regulationVersionId, ...rest } = plan;
  return { versionId: regulationVersionId, source: 'case-snapshot', ...rest };
}
