import { statfs } from 'node:fs/promises';
import type { DataSource } from 'typeorm';
import { messageOf } from '../../common/error-message';

/** Bytes free to an unprivileged writer in the file system that holds `directory`. */
export type FreeBytes = (directory: string) => Promise<number>;

export const freeBytesOf: FreeBytes = async (directory) => {
  const stats = await statfs(directory);
  return stats.bavail * stats.bsize;
};

/**
 * Whether a rebuild has room for its copies of the tables: at least what the
 * live tables take now (the copies hold the same rows, and the log only
 * grows), so `enough` is a lower bound, not a promise.
 */
export type DiskRoom =
  | { kind: 'enough'; needed: number; free: number; directory: string }
  | { kind: 'short'; needed: number; free: number; directory: string }
  | { kind: 'unknown'; needed: number; reason: string };

const LOOPBACK = new Set(['', 'localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * The server runs on this machine when the URL names a Unix socket or a
 * loopback address: only then is its data directory a path here. A server
 * behind another host name (a container, a managed service) may be on this
 * machine too, but a same-named path here would be another file system.
 */
export function serverIsOnThisMachine(databaseUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    return false;
  }
  const socket = url.searchParams.get('host');
  if (socket !== null) return socket.startsWith('/');
  return LOOPBACK.has(url.hostname.toLowerCase());
}

type Queryable = Pick<DataSource, 'query'>;

/** The room a rebuild of `tables` needs (their total size: heap, TOAST and indexes) against the free space of the server's data directory. */
export async function diskRoomForRebuild(
  db: Queryable,
  tables: readonly string[],
  databaseUrl: string,
  freeBytes: FreeBytes,
): Promise<DiskRoom> {
  const [{ bytes }]: Array<{ bytes: string }> = await db.query(
    `SELECT coalesce(sum(pg_total_relation_size(c)), 0)::text AS bytes
       FROM unnest($1::text[]) AS t, LATERAL to_regclass(t) AS c WHERE c IS NOT NULL`,
    [tables],
  );
  const needed = Number(bytes);
  if (!serverIsOnThisMachine(databaseUrl)) return { kind: 'unknown', needed, reason: 'the database server is not on this machine' };
  let directory: string;
  try {
    const [{ dir }]: Array<{ dir: string }> = await db.query("SELECT current_setting('data_directory') AS dir");
    directory = dir;
  } catch (error) {
    return { kind: 'unknown', needed, reason: `the server's data_directory cannot be read (${messageOf(error)})` };
  }
  let free: number;
  try {
    free = await freeBytes(directory);
  } catch (error) {
    return { kind: 'unknown', needed, reason: `the free space of ${directory} cannot be read (${messageOf(error)})` };
  }
  return { kind: free < needed ? 'short' : 'enough', needed, free, directory };
}

/** 1536 -> "1.5 KiB": binary units, one decimal. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

/** One line for the rebuild's stderr. */
export function describeRoom(room: DiskRoom): string {
  const needed = `the live tables take ${formatBytes(room.needed)}, and their copies need at least as much until the swap`;
  switch (room.kind) {
    case 'enough':
      return `disk: ${needed}; ${formatBytes(room.free)} free in ${room.directory}`;
    case 'short':
      return (
        `disk: not enough room: ${needed}, and only ${formatBytes(room.free)} is free in ${room.directory}. ` +
        'Nothing was changed. Free some space, or pass --skip-disk-check to start anyway (a database that fills its disk stops taking writes).'
      );
    case 'unknown':
      return `disk: free space not checked: ${room.reason}; ${needed}`;
    default: {
      const unknown: never = room;
      return unknown;
    }
  }
}
