import { existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * A surface browser belongs to the host that started it. Three layers keep it so:
 * - parent death: the browser is started through util-linux `setpriv --pdeathsig KILL`, so the
 *   kernel kills it the moment the host dies, even by SIGKILL (no native code needed);
 * - a process group per browser, killed whole on a clean stop;
 * - at start, a host ends whatever an earlier run left on a profile (pid file, Chromium's
 *   SingletonLock, any process naming the profile), after checking /proc that it really is a
 *   browser on that profile.
 */

/** util-linux's setpriv, when this machine has it (Debian and most Linux distributions do). */
export function findSetpriv(): string | undefined {
  if (process.platform !== 'linux') return undefined;
  return ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));
}

/** The command that starts `executable` so that it dies with this process. */
export function ownedCommand(executable: string, args: readonly string[], setpriv: string | undefined): { command: string; args: string[] } {
  return setpriv ? { command: setpriv, args: ['--pdeathsig', 'KILL', executable, ...args] } : { command: executable, args: [...args] };
}

/** The argument that names a profile; matched exactly, so `kiosk` never matches `kiosk-2`. */
export function profileArg(profile: string): string {
  return `--user-data-dir=${profile}`;
}

function cmdline(pid: number, procDir: string): string[] {
  try {
    return readFileSync(join(procDir, String(pid), 'cmdline'), 'latin1').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

/** True when `pid` is a live (not zombie) process whose command line names `profile`. */
export function runsOnProfile(pid: number, profile: string, procDir = '/proc'): boolean {
  return cmdline(pid, procDir).includes(profileArg(profile));
}

/** Every live process whose command line names `profile` (browser, zygotes, GPU, renderers). */
export function processesOnProfile(profile: string, procDir = '/proc'): number[] {
  let entries: string[];
  try {
    entries = readdirSync(procDir);
  } catch {
    return [];
  }
  return entries.filter((e) => /^\d+$/.test(e)).map(Number).filter((pid) => pid !== process.pid && runsOnProfile(pid, profile, procDir));
}

/** The pid in Chromium's SingletonLock (a symlink to `<hostname>-<pid>`), when it is this machine's. */
export function singletonLockPid(profile: string, host = hostname()): number | undefined {
  try {
    const m = /^(.*)-(\d+)$/.exec(readlinkSync(join(profile, 'SingletonLock')));
    return m && m[1] === host ? Number(m[2]) : undefined;
  } catch {
    return undefined;
  }
}

export interface PidFile {
  pid: number;
  profile: string;
  surface: string;
  hostPid: number;
  startedAt: string;
}

export function writePidFile(file: string, record: PidFile): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(record), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

export function readPidFile(file: string): PidFile | undefined {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<PidFile>;
    return typeof v.pid === 'number' && typeof v.profile === 'string' ? (v as PidFile) : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number, procDir: string): boolean {
  // A zombie has an empty cmdline; it holds nothing and is not ours to reap.
  return cmdline(pid, procDir).length > 0;
}

function kill(target: number): void {
  try {
    process.kill(target, 'SIGKILL');
  } catch {
    // gone already, or not ours
  }
}

/**
 * Ends every browser an earlier run left on `profile`, so a new one does not hand its window
 * over to it and exit. Only processes whose command line names the profile are killed (their
 * process group too, when they lead one). Returns the pids it ended.
 */
export async function reclaimProfile(profile: string, pidFile: string | undefined, opts: { procDir?: string; timeoutMs?: number } = {}): Promise<number[]> {
  const procDir = opts.procDir ?? '/proc';
  const candidates = new Set<number>(processesOnProfile(profile, procDir));
  const recorded = pidFile ? readPidFile(pidFile) : undefined;
  if (recorded && recorded.profile === profile) candidates.add(recorded.pid);
  const locked = singletonLockPid(profile);
  if (locked !== undefined) candidates.add(locked);
  const victims = [...candidates].filter((pid) => pid !== process.pid && runsOnProfile(pid, profile, procDir));
  for (const pid of victims) {
    if (leadsGroup(pid, procDir)) kill(-pid);
    kill(pid);
  }
  const deadline = Date.now() + (opts.timeoutMs ?? 5000);
  while (victims.some((pid) => alive(pid, procDir)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  // The lock names a dead process now; remove it so the next browser does not even look.
  for (const f of ['SingletonLock', 'SingletonSocket', 'SingletonCookie']) rmSync(join(profile, f), { force: true });
  if (pidFile) rmSync(pidFile, { force: true });
  return victims;
}

/** The process group of `pid`, or undefined when it is gone. */
export function processGroupOf(pid: number, procDir = '/proc'): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses.
    const stat = readFileSync(join(procDir, String(pid), 'stat'), 'latin1');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
  } catch {
    return undefined;
  }
}

function leadsGroup(pid: number, procDir: string): boolean {
  return processGroupOf(pid, procDir) === pid;
}
