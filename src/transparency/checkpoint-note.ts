import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { HASH_SIZE } from './merkle';
import { messageOf } from '../common/error-message';

/**
 * Checkpoints in the C2SP formats every transparency-log tool reads:
 * - tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the body
 *   `<origin>\n<tree size>\n<base64 root>\n` plus optional extension lines;
 * - signed-note (https://c2sp.org/signed-note) with Ed25519: the body, an
 *   empty line, then one line per signature `— <key name> <base64(key id || signature)>`.
 * Key id = the first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key);
 * verifier key text `<name>+<hex key id>+<base64(0x01 || public key)>`,
 * signer key text `PRIVATE+KEY+<name>+<hex key id>+<base64(0x01 || seed)>`
 * (the formats of golang.org/x/mod/sumdb/note).
 */

const ED25519_ALG = 0x01;
const SIGNATURE_PREFIX = '— '; // U+2014 EM DASH, then a space
const SIGNER_KEY_PREFIX = 'PRIVATE+KEY+';
// DER prefixes that turn raw Ed25519 key bytes into the PKCS#8 / SPKI forms node:crypto imports.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface NoteVerifier {
  name: string;
  /** 4 bytes. */
  keyId: Buffer;
  /** Raw Ed25519 public key, 32 bytes. */
  publicKey: Buffer;
}

export interface NoteSigner extends NoteVerifier {
  privateKey: KeyObject;
}

export interface Checkpoint {
  origin: string;
  treeSize: number;
  /** 32 bytes. */
  root: Buffer;
  /** Optional lines after the root, without their newlines. */
  extensions?: string[];
}

export interface NoteSignature {
  name: string;
  keyId: Buffer;
  signature: Buffer;
}

export interface SignedNote {
  /** The signed text, ending in a newline. */
  text: string;
  signatures: NoteSignature[];
}

export type CheckpointVerdict =
  | { ok: true; checkpoint: Checkpoint; note: SignedNote }
  | { ok: false; reason: 'malformed-note' | 'malformed-checkpoint' | 'no-signature-by-key' | 'bad-signature'; detail: string };

export class MalformedNoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedNoteError';
  }
}

/** A key name is non-empty and has no whitespace and no '+'. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name);
}

export function keyIdOf(name: string, publicKey: Buffer): Buffer {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, ED25519_ALG]))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

export function generateSigner(name: string): NoteSigner {
  const { privateKey } = generateKeyPairSync('ed25519');
  return signerFromPrivateKey(name, privateKey);
}

/** A signer from an Ed25519 private key (e.g. read from PEM); the name is the one signatures carry. */
export function signerFromPrivateKey(name: string, privateKey: KeyObject): NoteSigner {
  if (!isValidKeyName(name)) throw new MalformedNoteError(`invalid key name ${JSON.stringify(name)}`);
  if (privateKey.asymmetricKeyType !== 'ed25519' || privateKey.type !== 'private') {
    throw new MalformedNoteError('the notary key must be an Ed25519 private key');
  }
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  return { name, keyId: keyIdOf(name, publicKey), publicKey, privateKey };
}

export function formatVerifierKey(key: NoteVerifier): string {
  return `${key.name}+${key.keyId.toString('hex')}+${Buffer.concat([Buffer.from([ED25519_ALG]), key.publicKey]).toString('base64')}`;
}

export function parseVerifierKey(vkey: string): NoteVerifier {
  const parts = splitKeyText(vkey.trim());
  if (parts === undefined) throw new MalformedNoteError('a verifier key is <name>+<key id>+<key>');
  const [name, idHex, keyText] = parts;
  const key = strictBase64(keyText);
  if (!isValidKeyName(name) || !/^[0-9a-f]{8}$/.test(idHex) || key === undefined || key.length !== 33 || key[0] !== ED25519_ALG) {
    throw new MalformedNoteError('malformed Ed25519 verifier key');
  }
  const publicKey = key.subarray(1);
  const keyId = keyIdOf(name, publicKey);
  if (keyId.toString('hex') !== idHex) throw new MalformedNoteError('the verifier key id does not match its name and key');
  createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]), format: 'der', type: 'spki' });
  return { name, keyId, publicKey };
}

export function formatSignerKey(signer: NoteSigner): string {
  const der = signer.privateKey.export({ format: 'der', type: 'pkcs8' });
  const seed = der.subarray(der.length - 32);
  const key = Buffer.concat([Buffer.from([ED25519_ALG]), seed]).toString('base64');
  return `${SIGNER_KEY_PREFIX}${signer.name}+${signer.keyId.toString('hex')}+${key}`;
}

export function parseSignerKey(skey: string): NoteSigner {
  const text = skey.trim();
  if (!text.startsWith(SIGNER_KEY_PREFIX)) throw new MalformedNoteError('a signer key starts with PRIVATE+KEY+');
  const parts = splitKeyText(text.slice(SIGNER_KEY_PREFIX.length));
  if (parts === undefined) throw new MalformedNoteError('a signer key is PRIVATE+KEY+<name>+<key id>+<key>');
  const [name, idHex, keyText] = parts;
  const key = strictBase64(keyText);
  if (!isValidKeyName(name) || key === undefined || key.length !== 33 || key[0] !== ED25519_ALG) {
    throw new MalformedNoteError('malformed Ed25519 signer key');
  }
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, key.subarray(1)]), format: 'der', type: 'pkcs8' });
  const signer = signerFromPrivateKey(name, privateKey);
  if (signer.keyId.toString('hex') !== idHex) throw new MalformedNoteError('the signer key id does not match its name and key');
  return signer;
}

export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, treeSize, root, extensions = [] } = checkpoint;
  if (origin.length === 0 || /[\n]/.test(origin)) throw new MalformedNoteError('a checkpoint origin is one non-empty line');
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) throw new MalformedNoteError(`bad tree size ${treeSize}`);
  if (root.length !== HASH_SIZE) throw new MalformedNoteError('a checkpoint root is 32 bytes');
  if (extensions.some((line) => line.length === 0 || line.includes('\n'))) {
    throw new MalformedNoteError('checkpoint extension lines are non-empty single lines');
  }
  return [origin, String(treeSize), root.toString('base64'), ...extensions].map((line) => `${line}\n`).join('');
}

export function parseCheckpoint(body: string): Checkpoint {
  if (!body.endsWith('\n')) throw new MalformedNoteError('a checkpoint body ends with a newline');
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3) throw new MalformedNoteError('a checkpoint has an origin, a size and a root');
  const [origin, sizeText, rootText, ...extensions] = lines;
  const root = strictBase64(rootText);
  if (origin.length === 0) throw new MalformedNoteError('empty checkpoint origin');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    throw new MalformedNoteError('a checkpoint size is a decimal number without leading zeros');
  }
  if (root === undefined || root.length !== HASH_SIZE) throw new MalformedNoteError('a checkpoint root is 32 bytes in base64');
  if (extensions.some((line) => line.length === 0)) throw new MalformedNoteError('empty checkpoint extension line');
  return { origin, treeSize: Number(sizeText), root, ...(extensions.length > 0 ? { extensions } : {}) };
}

/** Signs `text` (which must end in a newline) into a signed note with one signature. */
export function signNote(text: string, signer: NoteSigner): string {
  if (text.length === 0 || !text.endsWith('\n')) throw new MalformedNoteError('a note text ends with a newline');
  if (text.includes('\n\n')) throw new MalformedNoteError('a note text has no empty line');
  const signature = sign(null, Buffer.from(text, 'utf8'), signer.privateKey);
  return `${text}\n${signatureLine({ name: signer.name, keyId: signer.keyId, signature })}`;
}

function signatureLine(sig: NoteSignature): string {
  return `${SIGNATURE_PREFIX}${sig.name} ${Buffer.concat([sig.keyId, sig.signature]).toString('base64')}\n`;
}

export function parseSignedNote(note: string): SignedNote {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new MalformedNoteError('a signed note is text, an empty line and signature lines');
  const text = note.slice(0, split + 1);
  if (text.includes('\n\n')) throw new MalformedNoteError('a note text has no empty line');
  const lines = note.slice(split + 2, -1).split('\n');
  const signatures = lines.map((line): NoteSignature => {
    if (!line.startsWith(SIGNATURE_PREFIX)) throw new MalformedNoteError('a signature line starts with an em dash and a space');
    const rest = line.slice(SIGNATURE_PREFIX.length).split(' ');
    if (rest.length !== 2) throw new MalformedNoteError('a signature line is "— <name> <signature>"');
    const [name, sigText] = rest;
    const blob = strictBase64(sigText);
    if (!isValidKeyName(name) || blob === undefined || blob.length < 5) throw new MalformedNoteError('malformed signature line');
    return { name, keyId: blob.subarray(0, 4), signature: blob.subarray(4) };
  });
  if (signatures.length === 0) throw new MalformedNoteError('a signed note has at least one signature');
  return { text, signatures };
}

/** The note's text and signatures, and its text read as a checkpoint; no signature is checked. */
export function parseSignedCheckpoint(note: string): { checkpoint: Checkpoint; note: SignedNote } {
  const parsed = parseSignedNote(note);
  return { checkpoint: parseCheckpoint(parsed.text), note: parsed };
}

/**
 * Checks that `note` is a checkpoint signed by `key` (a NoteVerifier or its
 * vkey text): a signature line with the key's name and id whose Ed25519
 * signature over the text verifies. Signatures by other keys are ignored.
 */
export function verifySignedCheckpoint(note: string, key: NoteVerifier | string): CheckpointVerdict {
  let verifier: NoteVerifier;
  let parsed: SignedNote;
  try {
    verifier = typeof key === 'string' ? parseVerifierKey(key) : key;
    parsed = parseSignedNote(note);
  } catch (error) {
    return { ok: false, reason: 'malformed-note', detail: messageOf(error) };
  }
  const mine = parsed.signatures.filter((sig) => sig.name === verifier.name && sig.keyId.equals(verifier.keyId));
  if (mine.length === 0) {
    return { ok: false, reason: 'no-signature-by-key', detail: `no signature by ${verifier.name}+${verifier.keyId.toString('hex')}` };
  }
  const publicKey = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, verifier.publicKey]), format: 'der', type: 'spki' });
  const text = Buffer.from(parsed.text, 'utf8');
  if (!mine.every((sig) => sig.signature.length === 64 && verify(null, text, publicKey, sig.signature))) {
    return { ok: false, reason: 'bad-signature', detail: `the signature by ${verifier.name} does not verify` };
  }
  try {
    return { ok: true, checkpoint: parseCheckpoint(parsed.text), note: parsed };
  } catch (error) {
    return { ok: false, reason: 'malformed-checkpoint', detail: messageOf(error) };
  }
}

/** `<name>+<id>+<key>`: names have no '+', base64 key material may. */
function splitKeyText(text: string): [string, string, string] | undefined {
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (second < 0) return undefined;
  return [text.slice(0, first), text.slice(first + 1, second), text.slice(second + 1)];
}

function rawPublicKey(publicKey: KeyObject): Buffer {
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32);
}

/** Standard padded base64 that round-trips exactly (Buffer.from alone skips bad characters). */
function strictBase64(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}
