import { digestOfPlanText, planDigestOf } from '../../cases/plan-codec';
import { verifyChain } from '../../event-store/hash-chain';
import { parseVerifierKey, verifySignedCheckpoint } from '../../transparency/checkpoint-note';
import { eventLeafHash } from '../../transparency/leaf';
import { verifyInclusion } from '../../transparency/merkle';
import { CaseBundle } from './bundle-format';
import { readBundle } from './read-bundle';
import { messageOf } from '../../common/error-message';

export type BundleProblem =
  | 'malformed' // not a bundle, or not byte-for-byte as written
  | 'no-key' // no key to check the checkpoint's signature with
  | 'bad-key' // the key is not a verifier key
  | 'checkpoint-signature' // the note is not a checkpoint signed by the key
  | 'wrong-stream' // the stream is not the case's
  | 'revision-gap' // revisions do not run 0, 1, 2, ... (an event deleted, or two swapped)
  | 'chain' // the hash chain does not recompute
  | 'leaf-mismatch' // an event does not hash to its leaf
  | 'proof' // a leaf's inclusion proof does not lead to the signed root
  | 'event-missing' // the signed tree holds a leaf of the stream whose event is not in the bundle
  | 'not-in-checkpoint' // an event older than the stream's last signed leaf has no leaf of its own
  | 'plan'; // a plan a receipt names by digest is missing, does not hash to its digest, or is named by no receipt

export interface BundleFinding {
  streamId: string | null;
  revision: number | null;
  problem: BundleProblem;
  detail: string;
}

export interface BundleVerdict {
  intact: boolean;
  findings: BundleFinding[];
  warnings: string[];
  /** What was checked, when the bundle could be read. */
  checked: {
    streamId: string;
    events: number;
    treeSize: number | null;
    provenRevisions: number[];
    chainOnlyRevisions: number[];
    /** Plans the receipts name by digest, each found in the bundle and hashing to its digest. */
    plans: number;
  } | null;
}

const b64 = (text: string): Buffer | undefined => {
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
};

/**
 * Checks a bundle offline: the checkpoint's signature with the key (a given
 * key overrides the bundle's own, with a warning when they differ), each
 * event's leaf hash and inclusion proof against the signed root, the hash
 * chain, and revisions contiguous from 0.
 */
export function verifyBundle(bytes: Uint8Array, options: { key?: string } = {}): BundleVerdict {
  const read = readBundle(bytes);
  if ('error' in read)
    return {
      intact: false,
      findings: [{ streamId: null, revision: null, problem: 'malformed', detail: read.error }],
      warnings: [],
      checked: null,
    };
  return judgeBundle(read, options);
}

function judgeBundle(bundle: CaseBundle, options: { key?: string }): BundleVerdict {
  const { streamId } = bundle;
  const findings: BundleFinding[] = [];
  const warnings: string[] = [];
  const find = (revision: number | null, problem: BundleProblem, detail: string) => findings.push({ streamId, revision, problem, detail });

  if (streamId !== `case-${bundle.caseId}`) find(null, 'wrong-stream', `the stream ${streamId} is not the stream of case ${bundle.caseId}`);

  // The key: given, else the bundle's own.
  let key = bundle.key ?? undefined;
  if (options.key !== undefined) {
    if (bundle.key !== null && bundle.key !== options.key.trim())
      warnings.push(`the bundle carries another key (${bundle.key}); checking with the given key`);
    key = options.key.trim();
  }
  let root: Buffer | undefined;
  let treeSize: number | null = null;
  if (bundle.checkpoint === null) {
    warnings.push('the bundle has no signed checkpoint: its events are covered by their hash chain only');
  } else if (key === undefined) {
    find(null, 'no-key', 'no key to check the checkpoint signature with: pass --key');
  } else {
    let keyOk = true;
    try {
      parseVerifierKey(key);
    } catch (error) {
      keyOk = false;
      find(null, 'bad-key', `the key is not a verifier key: ${messageOf(error)}`);
    }
    if (keyOk) {
      const verdict = verifySignedCheckpoint(bundle.checkpoint, key);
      if (verdict.ok) {
        root = verdict.checkpoint.root;
        treeSize = verdict.checkpoint.treeSize;
      } else {
        find(null, 'checkpoint-signature', `the checkpoint is not signed by the key: ${verdict.reason}: ${verdict.detail}`);
      }
    }
  }

  // Revisions 0, 1, 2, ... and the chain.
  bundle.events.forEach((event, i) => {
    if (event.revision !== i)
      find(
        event.revision,
        'revision-gap',
        `event ${i} of the bundle is revision ${event.revision}, not ${i}: a revision is missing or out of place`,
      );
  });
  const chain = verifyChain(bundle.events.map((e) => ({ ...e, streamId })));
  if (!chain.ok && chain.firstMismatch && chain.firstMismatch.reason !== 'revision-gap') {
    find(
      chain.firstMismatch.revision,
      'chain',
      `the hash chain breaks at revision ${chain.firstMismatch.revision}: ${chain.firstMismatch.reason}`,
    );
  }

  // Leaves against the signed root, events against their leaves.
  const provenRevisions: number[] = [];
  const leafRevisions = new Set<number>();
  const byRevision = new Map(bundle.events.map((e) => [e.revision, e]));
  for (const leaf of bundle.leaves) {
    leafRevisions.add(leaf.revision);
    const hash = b64(leaf.leafHash);
    const proof = leaf.proof.map(b64);
    let proven = false;
    if (root !== undefined && treeSize !== null) {
      const path = proof.filter((p): p is Buffer => p !== undefined);
      proven = hash !== undefined && path.length === proof.length && verifyInclusion(leaf.leafIndex, treeSize, hash, path, root);
      if (!proven)
        find(
          leaf.revision,
          'proof',
          `revision ${leaf.revision}: leaf ${leaf.leafIndex} is not proven in the signed tree of ${treeSize} leaves`,
        );
    }
    const event = byRevision.get(leaf.revision);
    if (event === undefined) {
      find(
        leaf.revision,
        'event-missing',
        `the signed tree holds revision ${leaf.revision} (leaf ${leaf.leafIndex}, event ${leaf.eventId}), the bundle has no such event: deleted`,
      );
      continue;
    }
    const matches = event.id === leaf.eventId && hash !== undefined && eventLeafHash({ ...event, streamId }).equals(hash);
    if (!matches) find(leaf.revision, 'leaf-mismatch', `revision ${leaf.revision} does not hash to its leaf ${leaf.leafIndex}: changed`);
    else if (proven) provenRevisions.push(leaf.revision);
  }
  const lastSigned = Math.max(-1, ...leafRevisions);
  const chainOnlyRevisions: number[] = [];
  for (const event of bundle.events) {
    if (leafRevisions.has(event.revision)) continue;
    if (root !== undefined && event.revision < lastSigned) {
      find(
        event.revision,
        'not-in-checkpoint',
        `revision ${event.revision} is older than the stream's last signed leaf (revision ${lastSigned}) but has no leaf in the signed tree`,
      );
    } else {
      chainOnlyRevisions.push(event.revision);
    }
  }
  const plans = checkPlans(bundle, find);
  return {
    intact: findings.length === 0,
    findings,
    warnings,
    checked: { streamId, events: bundle.events.length, treeSize, provenRevisions, chainOnlyRevisions, plans },
  };
}

/**
 * A receipt at case schema version 2 names its regulation plan by digest; the
 * plan travels in `plans` as the text the digest is the SHA-256 of. Returns how
 * many named plans were found intact.
 */
function checkPlans(bundle: CaseBundle, find: (revision: number | null, problem: BundleProblem, detail: string) => void): number {
  const held = new Map<string, string>();
  for (const { digest, plan } of bundle.plans ?? []) {
    if (held.has(digest)) find(null, 'plan', `the plan ${digest} is in the bundle twice`);
    held.set(digest, plan);
  }
  const named = new Set<string>();
  let intact = 0;
  for (const event of bundle.events) {
    const digest = planDigestOf({ type: event.type, data: parsedOrNull(event.rawData) });
    if (digest === undefined || named.has(digest)) continue;
    named.add(digest);
    const plan = held.get(digest);
    if (plan === undefined)
      find(event.revision, 'plan', `revision ${event.revision} names the plan ${digest}, which the bundle does not hold`);
    else if (digestOfPlanText(plan) !== digest)
      find(event.revision, 'plan', `the plan ${digest} that revision ${event.revision} names does not hash to its digest: changed`);
    else intact += 1;
  }
  for (const digest of held.keys())
    if (!named.has(digest)) find(null, 'plan', `the bundle holds the plan ${digest}, which no receipt names`);
  return intact;
}

function parsedOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
