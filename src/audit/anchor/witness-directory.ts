import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { splitNotes, WitnessedCheckpoints, WitnessedNote } from './witnessed-checkpoints';

/**
 * Signed checkpoint notes from the files of a witness directory (one note per
 * file, or several appended to one file). A missing directory holds nothing.
 */
export class WitnessDirectory implements WitnessedCheckpoints {
  readonly description: string;
  /** Notes per file, kept while the file's size and modification time stay the same (published notes are only appended). */
  private readonly cache = new Map<string, { size: number; mtimeMs: number; notes: string[] }>();

  constructor(private readonly dir: string) {
    this.description = `witness directory ${dir}`;
  }

  async list(): Promise<WitnessedNote[]> {
    let names: string[];
    try {
      names = (await readdir(this.dir, { withFileTypes: true }))
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name)
        .sort();
    } catch (error) {
      // Not `instanceof Error`: errors from node's fs may come from another realm (e.g. under jest).
      if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return [];
      throw error;
    }
    const notes: WitnessedNote[] = [];
    for (const name of names) {
      const source = join(this.dir, name);
      const { size, mtimeMs } = await stat(source);
      let cached = this.cache.get(source);
      if (cached === undefined || cached.size !== size || cached.mtimeMs !== mtimeMs) {
        cached = { size, mtimeMs, notes: splitNotes(await readFile(source, 'utf8')) };
        this.cache.set(source, cached);
      }
      for (const note of cached.notes) notes.push({ note, source });
    }
    return notes;
  }
}
