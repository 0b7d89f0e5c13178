import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU seconds the server's backends for `database` have used, when the server
 * runs on this machine (/proc); undefined otherwise. CPU time, unlike the wall
 * clock, hardly changes with what else the machine runs.
 */
export function serverCpuSeconds(database: string): number | undefined {
  let ticks = 0;
  let found = false;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${database} `)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
      found = true;
    } catch {
      // the process ended meanwhile
    }
  }
  return found ? ticks / 100 : undefined;
}

/** The machine's CPU time so far, busy and in all (/proc/stat, in ticks). */
function machineCpu(): { busy: number; all: number } {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const ticks = fields.map(Number);
  const all = ticks.reduce((n, t) => n + t, 0);
  return { busy: all - (ticks[3] ?? 0) - (ticks[4] ?? 0), all };
}

/**
 * From now on: the wall clock, this process's CPU, the database's backends'
 * and the machine's. `summary()` says how busy each was since, per second.
 */
export function startCpuMeter(database: string): { summary(): string } {
  const cpu = process.cpuUsage();
  const machine = machineCpu();
  const server = serverCpuSeconds(database) ?? Number.NaN;
  const started = performance.now();
  return {
    summary() {
      const wall = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      const after = machineCpu();
      const backends = ((serverCpuSeconds(database) ?? Number.NaN) - server) / wall;
      return (
        `over ${wall.toFixed(1)} s: node ${((used.user + used.system) / 1e6 / wall).toFixed(2)} CPUs, ` +
        `the database's backends ${backends.toFixed(2)} CPUs, the machine busy ${((after.busy - machine.busy) / (after.all - machine.all)).toFixed(2)} of its CPUs`
      );
    },
  };
}
