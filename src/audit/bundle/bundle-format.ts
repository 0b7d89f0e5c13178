/**
 * The offline evidence bundle of one case (GET /cases/:id/dossier?format=bundle),
 * checked by `npm run audit:verify-bundle` with no database and no service.
 * Every field is evidence: each is covered by the note's signature, a leaf
 * hash, the hash chain, or a check of its own; nothing unverifiable (the
 * generation time, positions, recordedAt) is carried, so any changed byte is found.
 * The file is this object as JSON.stringify(bundle, null, 2) plus a newline, exactly.
 */
export const BUNDLE_FORMAT = 'kz-regulated-services/case-evidence-bundle';
export const BUNDLE_VERSION = 1;

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

export interface CaseBundle {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  caseId: string;
  streamId: string;
  /** The C2SP signed checkpoint note the leaves are proven against; null when none was published yet. */
  checkpoint: string | null;
  /** The notary's verifier key (C2SP vkey text), as the service knows it; null when not configured. */
  key: string | null;
  events: BundleEvent[];
  /** The stream's leaves the checkpoint covers. */
  leaves: BundleLeaf[];
}

export function serializeBundle(bundle: CaseBundle): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}
