import fs from 'node:fs';
import os from 'node:os';
import { withClient } from './bench-database';

/** CPU time counters at one moment: the machine's, this process's, and PostgreSQL's server processes'. */
export interface CpuSnapshot {
  at: number;
  machineBusyTicks: number;
  machineTotalTicks: number;
  processMicros: number;
  /** This process's main thread: the servers' event loop (the load generator runs in a worker thread). */
  mainThreadTicks: number;
  /** CPU ticks of each PostgreSQL server process (all databases). */
  postgresTicks: Map<number, number>;
  /** CPU ticks of each server process connected to the benchmark's database. */
  databaseTicks: Map<number, number>;
}

/** What the machine was doing during a measurement, in cores busy (2.0 = both cores of a 2-core machine). */
export interface MachineLoad {
  cores: number;
  /** Load average over the last minute, at the end. */
  loadAverage: number;
  machineBusy: number;
  thisProcess: number;
  mainThread: number;
  postgres: number;
  /** The part of `postgres` spent by server processes connected to the benchmark's database. */
  database: number;
  /** The rest: other processes on the machine (other tests, other tenants). */
  others: number;
}

const ticksPerSecond = 100; // USER_HZ on Linux

/**
 * The counters now. With `databaseUrl`, also those of the server processes
 * connected to that database (PostgreSQL time attributable to the benchmark).
 */
export async function cpuSnapshot(databaseUrl?: string): Promise<CpuSnapshot> {
  const pids = databaseUrl === undefined ? [] : await backendPids(databaseUrl);
  const databaseTicks = new Map(pids.map((pid) => [pid, processTicks(pid)]));
  return { ...machineCounters(), databaseTicks };
}

function machineCounters(): Omit<CpuSnapshot, 'databaseTicks'> {
  let machineBusyTicks = 0;
  let machineTotalTicks = 0;
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
    machineBusyTicks = user + nice + system + irq + softirq + steal;
    machineTotalTicks = machineBusyTicks + idle + iowait;
  } catch {
    // not Linux: only this process's time is known
  }
  const usage = process.cpuUsage();
  return {
    at: Date.now(),
    machineBusyTicks,
    machineTotalTicks,
    processMicros: usage.user + usage.system,
    mainThreadTicks: processTicks(process.pid, `/proc/self/task/${process.pid}/stat`),
    postgresTicks: postgresCpuTicks(),
  };
}

export function machineLoadBetween(before: CpuSnapshot, after: CpuSnapshot): MachineLoad {
  const cores = os.availableParallelism();
  const seconds = Math.max(0.001, (after.at - before.at) / 1000);
  const totalTicks = after.machineTotalTicks - before.machineTotalTicks;
  const machineBusy =
    totalTicks > 0 ? ((after.machineBusyTicks - before.machineBusyTicks) / totalTicks) * cores : Number.NaN;
  const thisProcess = (after.processMicros - before.processMicros) / 1e6 / seconds;
  const postgres = ticksBetween(before.postgresTicks, after.postgresTicks) / ticksPerSecond / seconds;
  const databaseTicks = ticksBetween(before.databaseTicks, after.databaseTicks);
  return {
    cores,
    loadAverage: os.loadavg()[0]!,
    machineBusy,
    thisProcess,
    mainThread: (after.mainThreadTicks - before.mainThreadTicks) / ticksPerSecond / seconds,
    postgres,
    database: databaseTicks / ticksPerSecond / seconds,
    others: Math.max(0, machineBusy - thisProcess - postgres),
  };
}

/** CPU time of the processes present at both moments (one that came or went meanwhile is left out). */
function ticksBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ticks] of after) {
    const earlier = before.get(pid);
    if (earlier !== undefined && Number.isFinite(earlier) && Number.isFinite(ticks)) total += ticks - earlier;
  }
  return total;
}

export function describeLoad(load: MachineLoad): string {
  const f = (value: number): string => (Number.isFinite(value) ? value.toFixed(2) : '?');
  return (
    `${f(load.machineBusy)} of ${load.cores} cores busy (bench process ${f(load.thisProcess)} of which ` +
    `main thread ${f(load.mainThread)}, ` +
    `PostgreSQL ${f(load.postgres)} of which this benchmark's database ${f(load.database)}, ` +
    `other processes ${f(load.others)}), load average ${load.loadAverage.toFixed(2)}`
  );
}

async function backendPids(databaseUrl: string): Promise<number[]> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    return rows.map((row) => row.pid);
  });
}

function processTicks(pid: number, file = `/proc/${pid}/stat`): number {
  try {
    const stat = fs.readFileSync(file, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return Number.NaN;
  }
}

/** utime + stime of every process named postgres (all databases: ours and other tenants'). */
function postgresCpuTicks(): Map<number, number> {
  const ticks = new Map<number, number>();
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return ticks;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
      const fields = stat.slice(close + 2).split(' ');
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks;
}
