import { readFile } from 'node:fs/promises';
import { Pool } from 'pg';

/**
 * CPU time of the benchmark's own side and of the server processes serving its
 * database, so a phase reports where an append's cost lands. Server CPU is read
 * from /proc and is only available when PostgreSQL runs on this (Linux) machine;
 * it counts the database's backends, not the WAL writer or checkpointer.
 */
export interface CpuMark {
  clientUs: number;
  /** Backend pid -> CPU µs so far; undefined when /proc is not readable for them. */
  serverUs?: Map<number, number>;
}

export interface CpuSpent {
  clientUs: number;
  serverUs?: number;
}

const CLOCK_TICK_US = 10_000; // USER_HZ is 100 on Linux

async function processCpuUs(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th of the line.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_US;
  } catch {
    return undefined;
  }
}

async function backendCpu(pool: Pool): Promise<Map<number, number> | undefined> {
  const { rows } = await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
  const usage = new Map<number, number>();
  for (const { pid } of rows) {
    const us = await processCpuUs(pid);
    if (us === undefined) return undefined;
    usage.set(pid, us);
  }
  return usage;
}

export async function cpuMark(pool: Pool): Promise<CpuMark> {
  const { user, system } = process.cpuUsage();
  return { clientUs: user + system, serverUs: await backendCpu(pool) };
}

/** CPU spent since `before`; a backend started in between counts from zero. */
export async function cpuSince(pool: Pool, before: CpuMark): Promise<CpuSpent> {
  const after = await cpuMark(pool);
  let serverUs: number | undefined;
  if (before.serverUs && after.serverUs) {
    serverUs = 0;
    for (const [pid, us] of after.serverUs) serverUs += us - (before.serverUs.get(pid) ?? 0);
  }
  return { clientUs: after.clientUs - before.clientUs, serverUs };
}

/** Machine-wide CPU ticks from /proc/stat: all, and those stolen by the hypervisor for other guests. */
export interface StealMark {
  total: number;
  steal: number;
}

export async function stealMark(): Promise<StealMark | undefined> {
  try {
    const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0];
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already inside user)
    return { total: ticks.slice(0, 8).reduce((a, b) => a + b, 0), steal: ticks[7] ?? 0 };
  } catch {
    return undefined;
  }
}

/** Share of the machine's CPU time stolen since `before` (0..1); undefined off Linux. */
export async function stealSince(before: StealMark | undefined): Promise<number | undefined> {
  const after = await stealMark();
  if (!before || !after || after.total === before.total) return undefined;
  return (after.steal - before.steal) / (after.total - before.total);
}
