/**
 * Where signed checkpoints were published outside the database. The notary's
 * witness directory is one such place; the transparency helper's reader plugs
 * in here with one line (see audit.module.ts).
 */
export interface WitnessedCheckpoints {
  /** Where the notes come from, for messages. */
  readonly description: string;
  /** Every signed checkpoint note published there, as text. */
  list(): Promise<WitnessedNote[]>;
}

export interface WitnessedNote {
  note: string;
  /** The file (or other place) it was read from. */
  source: string;
}

/** The notary's public key (C2SP verifier key text) as known outside the database; undefined when not configured. */
export interface NotaryVerifierKey {
  verifierKey(): Promise<string | undefined>;
}

export const WITNESSED_CHECKPOINTS = Symbol('WITNESSED_CHECKPOINTS');
export const NOTARY_VERIFIER_KEY = Symbol('NOTARY_VERIFIER_KEY');

/** Splits text holding one or more signed notes one after another (an append-only witness file) into notes. */
export function splitNotes(text: string): string[] {
  const notes: string[] = [];
  const lines = text.split('\n');
  let body: string[] = [];
  let signatures: string[] = [];
  const flush = () => {
    if (body.length > 0 && signatures.length > 0) notes.push(`${body.join('\n')}\n\n${signatures.join('\n')}\n`);
    body = [];
    signatures = [];
  };
  let inSignatures = false;
  for (const line of lines) {
    if (line.startsWith('— ')) {
      signatures.push(line);
      inSignatures = true;
    } else if (line === '') {
      if (!inSignatures && body.length > 0) inSignatures = true;
    } else {
      if (inSignatures) flush();
      inSignatures = false;
      body.push(line);
    }
  }
  flush();
  return notes;
}
