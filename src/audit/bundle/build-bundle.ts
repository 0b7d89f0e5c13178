import type { RecordedEvent } from '../../event-store/event-store.port';
import type { StreamLeaf } from '../integrity/leaf-check';
import { canonicalJson, planDigestOf } from '../../cases/plan-codec';
import type { CasePlan } from '../../cases/domain/plan';
import { BUNDLE_FORMAT, BUNDLE_VERSION, BundlePlan, CaseBundle } from './bundle-format';

export interface BundleInput {
  caseId: string;
  streamId: string;
  events: readonly RecordedEvent[];
  /** The stream's leaves the checkpoint covers, each with its inclusion proof (from the tree rows as they are). */
  leaves: ReadonlyArray<{ leaf: StreamLeaf; proof: readonly Buffer[] }>;
  checkpointNote: string | null;
  verifierKey: string | null;
  /** The plans the receipts name by digest, as stored in their plan streams (plan-codec's knownPlan once loaded). */
  plans: (digest: string) => CasePlan | undefined;
}

/** The bundle as the store holds the case now: nothing is judged here, the offline verifier judges. */
export function buildBundle(input: BundleInput): CaseBundle {
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    caseId: input.caseId,
    streamId: input.streamId,
    checkpoint: input.checkpointNote,
    key: input.verifierKey,
    events: input.events.map((e) => ({
      revision: e.revision,
      id: e.id,
      type: e.type,
      schemaVersion: e.schemaVersion,
      rawData: e.rawData,
      rawMetadata: e.rawMetadata,
      prevHash: e.prevHash,
      hash: e.hash,
    })),
    leaves: [...input.leaves]
      .sort((a, b) => a.leaf.revision - b.leaf.revision || a.leaf.leafIndex - b.leaf.leafIndex)
      .map(({ leaf, proof }) => ({
        revision: leaf.revision,
        eventId: leaf.eventId,
        leafIndex: leaf.leafIndex,
        leafHash: leaf.leafHash.toString('base64'),
        proof: proof.map((hash) => hash.toString('base64')),
      })),
    plans: plansOf(input),
  };
}

/** Once each, in the order the receipts name them; a plan the store lacks goes out missing, and the verifier names it. */
function plansOf(input: BundleInput): BundlePlan[] {
  const digests = new Set(input.events.map(planDigestOf).filter((d): d is string => d !== undefined));
  return [...digests].flatMap((digest) => {
    const plan = input.plans(digest);
    return plan ? [{ digest, plan: canonicalJson(plan) }] : [];
  });
}
