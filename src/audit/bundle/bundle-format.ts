/**
 * The offline evidence bundle of one case (GET /cases/:id/dossier?format=bundle),
 * checked by `npm run audit:verify-bundle` with no database and no service.
 * Every field is evidence: each is covered by the note's signature, a leaf
 * hash, the hash chain, or a check of its own; nothing unverifiable (the
 * generation time, positions, recordedAt) is carried, so any changed byte is found.
 * The file is this object as JSON.stringify(bundle, null, 2) plus a newline, exactly.
 */
export const BUNDLE_FORMAT = 'kz-regulated-services/case-evidence-bundle';
/** 2: with `plans` (case events at schema version 2 name their regulation plan by digest); 1: without. The verifier reads both. */
export const BUNDLE_VERSION = 2;
export type BundleVersion = 1 | typeof BUNDLE_VERSION;

/** An event exactly as stored: what its leaf and its chain hash commit to. */
export interface BundleEvent {
  revision: number;
  id: string;
  type: string;
  schemaVersion: number;
  /** The stored JSON text of data and metadata, byte for byte. */
  rawData: string;
  rawMetadata: string;
  prevHash: string;
  hash: string;
}

/** A leaf of the case's stream in the signed tree, with its inclusion proof (base64 hashes, leaf to root). */
export interface BundleLeaf {
  revision: number;
  eventId: string;
  leafIndex: number;
  leafHash: string;
  proof: string[];
}

/**
 * A regulation plan a receipt of the bundle names by digest, as canonical JSON
 * (keys in code-point order): the digest is the SHA-256 of exactly this text,
 * and the receipt's data, covered by the chain, holds the digest.
 */
export interface BundlePlan {
  digest: string;
  plan: string;
}

export interface CaseBundle {
  format: typeof BUNDLE_FORMAT;
  version: BundleVersion;
  caseId: string;
  streamId: string;
  /** The C2SP signed checkpoint note the leaves are proven against; null when none was published yet. */
  checkpoint: string | null;
  /** The notary's verifier key (C2SP vkey text), as the service knows it; null when not configured. */
  key: string | null;
  events: BundleEvent[];
  /** The stream's leaves the checkpoint covers. */
  leaves: BundleLeaf[];
  /** Version 2: every plan the receipts name by digest, once each (absent at version 1). */
  plans?: BundlePlan[];
}

export function serializeBundle(bundle: CaseBundle): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}
