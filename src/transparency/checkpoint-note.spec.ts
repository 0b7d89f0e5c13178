import {
  formatCheckpoint,
  formatSignerKey,
  formatVerifierKey,
  generateSigner,
  MalformedNoteError,
  parseCheckpoint,
  parseSignedCheckpoint,
  parseSignerKey,
  parseSignedNote,
  parseVerifierKey,
  signNote,
  verifySignedCheckpoint,
} from './checkpoint-note';

// The reference key and note of golang.org/x/mod/sumdb/note (note_test.go): Ed25519 is
// deterministic, so signing the same text with the same key must give the same bytes.
const GO_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

const ROOT = Buffer.from('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328', 'hex');

describe('C2SP signed note (golang.org/x/mod/sumdb/note vector)', () => {
  it('derives the reference key id and keys and signs the reference note byte for byte', () => {
    const signer = parseSignerKey(GO_SKEY);
    expect(signer.keyId.toString('hex')).toBe('c74f20a3');
    expect(formatVerifierKey(signer)).toBe(GO_VKEY);
    expect(formatSignerKey(signer)).toBe(GO_SKEY);
    expect(signNote(GO_TEXT, signer)).toBe(GO_NOTE);
    const verifier = parseVerifierKey(GO_VKEY);
    expect(verifier.publicKey.equals(signer.publicKey)).toBe(true);
    expect(parseSignedNote(GO_NOTE)).toEqual({
      text: GO_TEXT,
      signatures: [expect.objectContaining({ name: 'PeterNeumann', keyId: signer.keyId })],
    });
  });

  it('refuses mangled verifier keys', () => {
    for (const bad of [
      'PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', // wrong key id
      'PeterNeumann+c74f20a3+AhpcZ2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', // wrong algorithm / key
      'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10', // short key
      'PeterNeumann+c74f20a3', // no key
      'Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', // space in the name
    ]) {
      expect(() => parseVerifierKey(bad)).toThrow(MalformedNoteError);
    }
  });
});

describe('tlog-checkpoint', () => {
  it('formats and parses the three lines (and extension lines)', () => {
    const body = formatCheckpoint({ origin: 'kz-regulated-services/test', treeSize: 8, root: ROOT });
    expect(body).toBe(`kz-regulated-services/test\n8\n${ROOT.toString('base64')}\n`);
    expect(parseCheckpoint(body)).toEqual({ origin: 'kz-regulated-services/test', treeSize: 8, root: ROOT });
    const extended = formatCheckpoint({ origin: 'o', treeSize: 0, root: ROOT, extensions: ['x y'] });
    expect(parseCheckpoint(extended).extensions).toEqual(['x y']);
  });

  it.each([
    ['no final newline', `o\n8\n${ROOT.toString('base64')}`],
    ['leading zero in the size', `o\n08\n${ROOT.toString('base64')}\n`],
    ['negative size', `o\n-1\n${ROOT.toString('base64')}\n`],
    ['short root', `o\n8\n${ROOT.subarray(1).toString('base64')}\n`],
    ['root not base64', `o\n8\n${ROOT.toString('hex')}\n`],
    ['missing root', 'o\n8\n'],
    ['empty origin', `\n8\n${ROOT.toString('base64')}\n`],
  ])('refuses a body with %s', (_what, body) => {
    expect(() => parseCheckpoint(body)).toThrow(MalformedNoteError);
  });
});

describe('signed checkpoints', () => {
  const signer = generateSigner('kz-regulated-services/test');
  const vkey = formatVerifierKey(signer);
  const note = signNote(formatCheckpoint({ origin: signer.name, treeSize: 8, root: ROOT }), signer);

  it('verifies with the verifier key text or object and yields the checkpoint', () => {
    for (const key of [vkey, parseVerifierKey(vkey)]) {
      const verdict = verifySignedCheckpoint(note, key);
      expect(verdict.ok && verdict.checkpoint).toEqual({ origin: signer.name, treeSize: 8, root: ROOT });
    }
    expect(parseSignedCheckpoint(note).checkpoint.treeSize).toBe(8);
    expect(parseSignerKey(formatSignerKey(signer)).publicKey.equals(signer.publicKey)).toBe(true);
  });

  it('fails on any changed character of the note', () => {
    for (let i = 0; i < note.length; i++) {
      const code = note.charCodeAt(i);
      const changed = note.slice(0, i) + String.fromCharCode(code === 0x41 ? 0x42 : 0x41) + note.slice(i + 1);
      if (changed === note) continue;
      expect(verifySignedCheckpoint(changed, vkey).ok).toBe(false);
    }
  });

  it('names why a note does not verify', () => {
    const other = generateSigner('kz-regulated-services/test');
    expect(verifySignedCheckpoint(note, formatVerifierKey(other))).toMatchObject({ ok: false, reason: 'no-signature-by-key' });
    // Same name and key id as the real key, but a signature made by another key.
    const forged = signNote(formatCheckpoint({ origin: signer.name, treeSize: 9, root: ROOT }), other).replace(
      /^— \S+ (\S+)$/m,
      (_line, blob: string) =>
        `— ${signer.name} ${Buffer.concat([signer.keyId, Buffer.from(blob, 'base64').subarray(4)]).toString('base64')}`,
    );
    expect(verifySignedCheckpoint(forged, vkey)).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(verifySignedCheckpoint('not a note', vkey)).toMatchObject({ ok: false, reason: 'malformed-note' });
    const notACheckpoint = signNote('hello\n', signer);
    expect(verifySignedCheckpoint(notACheckpoint, vkey)).toMatchObject({ ok: false, reason: 'malformed-checkpoint' });
    expect(verifySignedCheckpoint(GO_NOTE, GO_VKEY)).toMatchObject({ ok: false, reason: 'malformed-checkpoint' });
  });

  it('accepts a note that also carries other signers (witness cosignatures)', () => {
    const witness = generateSigner('witness.example');
    const cosigned = `${note}${signNote(parseSignedNote(note).text, witness).split('\n\n')[1]}`;
    expect(parseSignedNote(cosigned).signatures).toHaveLength(2);
    expect(verifySignedCheckpoint(cosigned, vkey).ok).toBe(true);
    expect(verifySignedCheckpoint(cosigned, formatVerifierKey(witness)).ok).toBe(true);
  });
});
