import { link, mkdir, open, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** A signed checkpoint note as published, and the file it was read from. */
export interface WitnessedNote {
  note: string;
  source: string;
}

/** Where notes are written before they are linked into place (a subdirectory: readers list files only). */
const INCOMING = '.incoming';

/**
 * The witness directory: signed checkpoint notes published outside the
 * database, one file per checkpoint, append-only. A published file is never
 * opened for writing again: a note is written and fsynced under .incoming/,
 * then hard-linked to its final name (link never replaces an existing file),
 * and the directory is fsynced, so a crash leaves either the whole note or
 * nothing under the final name.
 *
 * File names sort by tree size then signing instant:
 * `checkpoint-<tree size, 16 digits>-<signed at, UTC>.note`.
 */
export class Witness {
  constructor(readonly dir: string) {}

  get description(): string {
    return `witness directory ${this.dir}`;
  }

  /** Publishes one note; returns the file it now lives in. */
  async publish(checkpoint: { treeSize: number; signedAt: Date }, note: string): Promise<string> {
    const incoming = join(this.dir, INCOMING);
    await mkdir(incoming, { recursive: true, mode: 0o755 });
    const base = `checkpoint-${String(checkpoint.treeSize).padStart(16, '0')}-${checkpoint.signedAt.toISOString().replace(/[-:]/g, '')}`;
    const temp = join(incoming, `${base}.${process.pid}.${Date.now()}.tmp`);
    await writeSynced(temp, note);
    try {
      for (let attempt = 1; ; attempt++) {
        const target = join(this.dir, attempt === 1 ? `${base}.note` : `${base}_${attempt}.note`);
        try {
          await link(temp, target);
          await syncDirectory(this.dir);
          return target;
        } catch (error) {
          if (errorCode(error) !== 'EEXIST' || attempt >= 100) throw error;
        }
      }
    } finally {
      await unlink(temp).catch(() => undefined);
    }
  }

  /** Every published note, in file-name order (tree size, then signing instant); a missing directory holds none. */
  async listWitnessed(): Promise<WitnessedNote[]> {
    let names: string[];
    try {
      const entries = await readdir(this.dir, { withFileTypes: true });
      names = entries.filter((entry) => entry.isFile() && !entry.name.startsWith('.')).map((entry) => entry.name);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
    names.sort();
    return Promise.all(names.map(async (name) => ({ note: await readFile(join(this.dir, name), 'utf8'), source: join(this.dir, name) })));
  }

  /** The audit's port name for the same list. */
  list(): Promise<WitnessedNote[]> {
    return this.listWitnessed();
  }
}

async function writeSynced(path: string, text: string): Promise<void> {
  const handle = await open(path, 'wx', 0o644);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The errno code of a node:fs error (checked structurally: such errors may come from another realm). */
export function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}
