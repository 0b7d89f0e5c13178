import { createPrivateKey } from 'node:crypto';
import { mkdir, open, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { errorCode } from './witness';
import {
  formatSignerKey,
  formatVerifierKey,
  generateSigner,
  parseSignerKey,
  signerFromPrivateKey,
  type NoteSigner,
} from './checkpoint-note';

/** The notary key cannot be used: the message says which file and what to do. */
export class NotaryKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotaryKeyError';
  }
}

export interface NotaryKeyOptions {
  keyFile: string;
  /** The name a generated key carries (and a PEM key is given): the checkpoint origin. */
  origin: string;
  /** Production never generates a key: a missing one stops the start. */
  production: boolean;
  log: (message: string) => void;
}

/**
 * The notary's signing key and its public half. The verifier key text
 * (`<name>+<id>+<key>`, C2SP) is what verifiers and the audit are given.
 */
export class NotaryKey {
  readonly verifierKeyText: string;

  constructor(readonly signer: NoteSigner) {
    this.verifierKeyText = formatVerifierKey(signer);
  }

  get keyId(): string {
    return this.signer.keyId.toString('hex');
  }

  /** The public verifier key text (the audit's NotaryVerifierKey port). */
  async verifierKey(): Promise<string> {
    return this.verifierKeyText;
  }
}

/**
 * Reads the key from `keyFile`: C2SP signer key text (`PRIVATE+KEY+…`, what
 * `npm run audit:key -- --generate` writes) or an Ed25519 PKCS#8 PEM. When the
 * file does not exist, production refuses; development generates one there
 * (mode 0600) and says so.
 */
export async function loadNotaryKey(options: NotaryKeyOptions): Promise<NotaryKey> {
  const text = await readKeyFile(options.keyFile);
  if (text !== undefined) return new NotaryKey(parseKeyText(text, options));
  if (options.production) {
    throw new NotaryKeyError(
      `NOTARY_KEY_FILE ${options.keyFile} does not exist: in production the notary never generates its key. ` +
        `Create one with \`npm run audit:key -- --generate ${options.keyFile}\` (keep it off the database host, mode 0600) and start again.`,
    );
  }
  const created = await writeNewKey(options.keyFile, options.origin);
  if (created === 'exists') return loadNotaryKey(options); // another process generated it meanwhile
  options.log(
    `NOTARY_KEY_FILE ${options.keyFile} did not exist: generated a DEVELOPMENT notary key (never do this in production). ` +
      `Checkpoints it signs verify with ${created.verifierKeyText}`,
  );
  return created;
}

/**
 * Writes a fresh key to `keyFile` (never over an existing file: 'exists'),
 * mode 0600, flushed to disk before it is used to sign anything.
 */
export async function writeNewKey(keyFile: string, name: string): Promise<NotaryKey | 'exists'> {
  const signer = generateSigner(name);
  await mkdir(dirname(keyFile), { recursive: true, mode: 0o700 });
  let handle;
  try {
    handle = await open(keyFile, 'wx', 0o600);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return 'exists';
    throw error;
  }
  try {
    await handle.writeFile(`${formatSignerKey(signer)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return new NotaryKey(signer);
}

function parseKeyText(text: string, options: NotaryKeyOptions): NoteSigner {
  try {
    if (text.trimStart().startsWith('-----BEGIN')) return signerFromPrivateKey(options.origin, createPrivateKey(text));
    return parseSignerKey(text);
  } catch (error) {
    throw new NotaryKeyError(`NOTARY_KEY_FILE ${options.keyFile} holds no usable Ed25519 notary key: ${messageOfAny(error)}`);
  }
}

async function readKeyFile(keyFile: string): Promise<string | undefined> {
  try {
    const info = await stat(keyFile);
    if (!info.isFile()) throw new NotaryKeyError(`NOTARY_KEY_FILE ${keyFile} is not a file`);
    return await readFile(keyFile, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    if (error instanceof NotaryKeyError) throw error;
    throw new NotaryKeyError(`NOTARY_KEY_FILE ${keyFile} cannot be read: ${messageOfAny(error)}`);
  }
}

/**
 * Wider than common/error-message's messageOf: takes `message` from any object
 * that has one, not only from an Error of this realm, so a key failure names
 * its cause whatever the crypto or file layer threw.
 */
function messageOfAny(error: unknown): string {
  return typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
}
