import { BUNDLE_FORMAT, BUNDLE_VERSION, BundleEvent, BundleLeaf, BundlePlan, CaseBundle, serializeBundle } from './bundle-format';
import { messageOf } from '../../common/error-message';

/** Reads a bundle file: strict UTF-8, the known format and version, every field of the right type, and byte-for-byte canonical. */
export function readBundle(bytes: Uint8Array): CaseBundle | { error: string } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: 'the file is not valid UTF-8' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `the file is not JSON: ${messageOf(error)}` };
  }
  const bundle = toBundle(value);
  if (typeof bundle === 'string') return { error: bundle };
  // Only the canonical text is accepted: no byte may change without a check noticing.
  if (serializeBundle(bundle) !== text)
    return {
      error: 'the file is not the bundle as the service wrote it (JSON.stringify with 2 spaces, a final newline, fields in order): changed',
    };
  return bundle;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isText = (v: unknown): v is string => typeof v === 'string';

function keysAre(record: Record<string, unknown>, keys: readonly string[]): boolean {
  const actual = Object.keys(record);
  return actual.length === keys.length && keys.every((k, i) => actual[i] === k);
}

const EVENT_KEYS = ['revision', 'id', 'type', 'schemaVersion', 'rawData', 'rawMetadata', 'prevHash', 'hash'] as const;
const LEAF_KEYS = ['revision', 'eventId', 'leafIndex', 'leafHash', 'proof'] as const;
const PLAN_KEYS = ['digest', 'plan'] as const;
const BUNDLE_KEYS_V1 = ['format', 'version', 'caseId', 'streamId', 'checkpoint', 'key', 'events', 'leaves'] as const;
const BUNDLE_KEYS = [...BUNDLE_KEYS_V1, 'plans'] as const;

function toEvent(v: unknown, i: number): BundleEvent | string {
  if (!isRecord(v) || !keysAre(v, EVENT_KEYS)) return `events[${i}] does not have the fields ${EVENT_KEYS.join(', ')}`;
  const { revision, id, type, schemaVersion, rawData, rawMetadata, prevHash, hash } = v;
  if (
    !isCount(revision) ||
    !isText(id) ||
    !isText(type) ||
    !isCount(schemaVersion) ||
    !isText(rawData) ||
    !isText(rawMetadata) ||
    !isText(prevHash) ||
    !isText(hash)
  ) {
    return `events[${i}] has a field of the wrong type`;
  }
  return { revision, id, type, schemaVersion, rawData, rawMetadata, prevHash, hash };
}

function toLeaf(v: unknown, i: number): BundleLeaf | string {
  if (!isRecord(v) || !keysAre(v, LEAF_KEYS)) return `leaves[${i}] does not have the fields ${LEAF_KEYS.join(', ')}`;
  const { revision, eventId, leafIndex, leafHash, proof } = v;
  if (!isCount(revision) || !isText(eventId) || !isCount(leafIndex) || !isText(leafHash) || !Array.isArray(proof) || !proof.every(isText)) {
    return `leaves[${i}] has a field of the wrong type`;
  }
  return { revision, eventId, leafIndex, leafHash, proof: proof.filter(isText) };
}

function toPlan(v: unknown, i: number): BundlePlan | string {
  if (!isRecord(v) || !keysAre(v, PLAN_KEYS)) return `plans[${i}] does not have the fields ${PLAN_KEYS.join(', ')}`;
  const { digest, plan } = v;
  if (!isText(digest) || !isText(plan)) return `plans[${i}] has a field of the wrong type`;
  return { digest, plan };
}

function toBundle(v: unknown): CaseBundle | string {
  if (!isRecord(v)) return `not a case evidence bundle (fields ${BUNDLE_KEYS.join(', ')})`;
  const version = v.version;
  if (version !== 1 && version !== BUNDLE_VERSION)
    return `unknown bundle version ${JSON.stringify(version)} (this verifier reads 1 and ${BUNDLE_VERSION})`;
  const keys = version === 1 ? BUNDLE_KEYS_V1 : BUNDLE_KEYS;
  if (!keysAre(v, keys)) return `not a case evidence bundle (fields ${keys.join(', ')})`;
  const { format, caseId, streamId, checkpoint, key, events, leaves, plans } = v;
  if (format !== BUNDLE_FORMAT) return `unknown bundle format ${JSON.stringify(format)}`;
  if (!isText(caseId) || !isText(streamId)) return 'caseId and streamId are text';
  if (!(checkpoint === null || isText(checkpoint)) || !(key === null || isText(key))) return 'checkpoint and key are text or null';
  if (!Array.isArray(events) || !Array.isArray(leaves)) return 'events and leaves are lists';
  const parsedEvents: BundleEvent[] = [];
  for (const [i, e] of events.entries()) {
    const event = toEvent(e, i);
    if (typeof event === 'string') return event;
    parsedEvents.push(event);
  }
  const parsedLeaves: BundleLeaf[] = [];
  for (const [i, l] of leaves.entries()) {
    const leaf = toLeaf(l, i);
    if (typeof leaf === 'string') return leaf;
    parsedLeaves.push(leaf);
  }
  const read: CaseBundle = {
    format: BUNDLE_FORMAT,
    version,
    caseId,
    streamId,
    checkpoint,
    key,
    events: parsedEvents,
    leaves: parsedLeaves,
  };
  if (version === 1) return read;
  if (!Array.isArray(plans)) return 'plans is a list';
  const parsedPlans: BundlePlan[] = [];
  for (const [i, p] of plans.entries()) {
    const plan = toPlan(p, i);
    if (typeof plan === 'string') return plan;
    parsedPlans.push(plan);
  }
  return { ...read, plans: parsedPlans };
}
