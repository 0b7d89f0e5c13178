import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatCheckpoint, formatSignerKey, generateSigner, signNote, verifySignedCheckpoint } from './checkpoint-note';
import { loadNotaryKey, NotaryKeyError, writeNewKey } from './notary-key';

const ORIGIN = 'test.example/log';

describe('the notary key', () => {
  let dir: string;
  let lines: string[];
  const options = (keyFile: string, production = false) => ({
    keyFile,
    origin: ORIGIN,
    production,
    log: (line: string) => lines.push(line),
  });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'notary-key-'));
    lines = [];
  });

  it('in development, generates a key on first start (mode 0600, under a new directory) and says so; the next start reads the same key', async () => {
    const keyFile = join(dir, 'nested', 'notary.key');
    const first = await loadNotaryKey(options(keyFile));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('generated a DEVELOPMENT notary key');
    expect(lines[0]).toContain(first.verifierKeyText);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(await readFile(keyFile, 'utf8')).toMatch(/^PRIVATE\+KEY\+test\.example\/log\+[0-9a-f]{8}\+/);

    const again = await loadNotaryKey(options(keyFile));
    expect(again.verifierKeyText).toBe(first.verifierKeyText);
    expect(lines).toHaveLength(1);
  });

  it('in production, refuses to start without a key file and says how to make one', async () => {
    const keyFile = join(dir, 'missing.key');
    const loading = loadNotaryKey(options(keyFile, true));
    await expect(loading).rejects.toBeInstanceOf(NotaryKeyError);
    await expect(loadNotaryKey(options(keyFile, true))).rejects.toThrow(`NOTARY_KEY_FILE ${keyFile} does not exist`);
    await expect(loadNotaryKey(options(keyFile, true))).rejects.toThrow('npm run audit:key -- --generate');
    await expect(stat(keyFile)).rejects.toThrow('ENOENT');
  });

  it('reads a C2SP signer key or an Ed25519 PKCS#8 PEM; signatures verify with its verifier key', async () => {
    const signer = generateSigner('other.example/log');
    const textFile = join(dir, 'text.key');
    await writeFile(textFile, `${formatSignerKey(signer)}\n`);
    const fromText = await loadNotaryKey(options(textFile, true));
    expect(fromText.keyId).toBe(signer.keyId.toString('hex'));

    const pemFile = join(dir, 'pem.key');
    const { privateKey } = generateKeyPairSync('ed25519');
    await writeFile(pemFile, privateKey.export({ format: 'pem', type: 'pkcs8' }));
    const fromPem = await loadNotaryKey(options(pemFile, true));
    const note = signNote(formatCheckpoint({ origin: ORIGIN, treeSize: 3, root: Buffer.alloc(32, 7) }), fromPem.signer);
    expect(verifySignedCheckpoint(note, fromPem.verifierKeyText).ok).toBe(true);
    expect(fromPem.verifierKeyText.startsWith(`${ORIGIN}+`)).toBe(true);
  });

  it('names the file when it holds no usable key (garbage, an RSA key)', async () => {
    const garbage = join(dir, 'garbage.key');
    await writeFile(garbage, 'not a key\n');
    await expect(loadNotaryKey(options(garbage))).rejects.toThrow(`NOTARY_KEY_FILE ${garbage} holds no usable Ed25519 notary key`);
    const rsa = join(dir, 'rsa.key');
    await writeFile(rsa, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }));
    await expect(loadNotaryKey(options(rsa))).rejects.toThrow('Ed25519');
  });

  it('never writes over an existing key file', async () => {
    const keyFile = join(dir, 'k');
    const created = await writeNewKey(keyFile, ORIGIN);
    const before = await readFile(keyFile, 'utf8');
    expect(created).not.toBe('exists');
    expect(await writeNewKey(keyFile, ORIGIN)).toBe('exists');
    expect(await readFile(keyFile, 'utf8')).toBe(before);
  });
});
