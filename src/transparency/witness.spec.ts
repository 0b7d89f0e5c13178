import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Witness } from './witness';

describe('the witness directory', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'witness-'));
  });

  const at = new Date('2026-12-04T10:00:00.123Z');

  it('publishes one file per checkpoint, named by tree size and instant, and lists them in that order', async () => {
    const witness = new Witness(join(dir, 'w'));
    const big = await witness.publish({ treeSize: 120, signedAt: at }, 'note 120\n');
    const small = await witness.publish({ treeSize: 9, signedAt: at }, 'note 9\n');
    expect(big).toBe(join(dir, 'w', 'checkpoint-0000000000000120-20261204T100000.123Z.note'));
    expect(await readFile(small, 'utf8')).toBe('note 9\n');
    expect((await witness.listWitnessed()).map((n) => n.note)).toEqual(['note 9\n', 'note 120\n']);
    // Nothing is left half-written beside them.
    expect(await readdir(join(dir, 'w', '.incoming'))).toEqual([]);
  });

  it('never rewrites a published file: the same size and instant gets a new name, the first file keeps its bytes', async () => {
    const witness = new Witness(dir);
    const first = await witness.publish({ treeSize: 5, signedAt: at }, 'first\n');
    const before = await stat(first);
    const second = await witness.publish({ treeSize: 5, signedAt: at }, 'second\n');
    expect(second).not.toBe(first);
    expect(second.endsWith('_2.note')).toBe(true);
    expect(await readFile(first, 'utf8')).toBe('first\n');
    expect((await stat(first)).ino).toBe(before.ino);
    expect((await witness.listWitnessed()).map((n) => n.note)).toEqual(['first\n', 'second\n']);
  });

  it('fails when the directory cannot be written (here: its path runs through a file)', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, 'x');
    await expect(new Witness(join(file, 'witness')).publish({ treeSize: 2, signedAt: at }, 'two\n')).rejects.toThrow('ENOTDIR');
  });

  it('holds nothing before the first checkpoint', async () => {
    expect(await new Witness(join(dir, 'never-made')).listWitnessed()).toEqual([]);
  });
});
