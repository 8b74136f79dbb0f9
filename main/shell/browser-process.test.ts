import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, existsSync, readFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findSetpriv, processesOnProfile, reclaimProfile, runsOnProfile, singletonLockPid, writePidFile } from './browser-process';

const setpriv = findSetpriv();
const alive = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'latin1').length > 0;
  } catch {
    return false;
  }
};
/** A stand-in browser: a shell that stays up with the profile argument on its command line. */
const fakeBrowserArgs = (profile: string) => ['-c', 'sleep 60; :', `--user-data-dir=${profile}`];

describe.skipIf(process.platform !== 'linux')('browsers owned by the host (real processes)', () => {
  let dir: string;
  const started: ChildProcess[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'redhall-own-'));
  });
  afterEach(() => {
    for (const c of started.splice(0)) if (c.pid && alive(c.pid)) process.kill(c.pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('ends what an earlier run left on a profile, and only that', async () => {
    const profile = join(dir, 'kiosk');
    const other = join(dir, 'kiosk-2');
    mkdirSync(profile);
    const left = spawn('bash', fakeBrowserArgs(profile), { detached: true, stdio: 'ignore' });
    const bystander = spawn('bash', fakeBrowserArgs(other), { detached: true, stdio: 'ignore' });
    started.push(left, bystander);
    await new Promise((r) => setTimeout(r, 200));
    // What Chromium leaves: a lock naming this machine and the pid; ours: a pid file.
    symlinkSync(`${hostname()}-${left.pid}`, join(profile, 'SingletonLock'));
    writePidFile(join(dir, 'run', 'kiosk.json'), { pid: left.pid!, profile, surface: 'kiosk', hostPid: 1, startedAt: '' });
    expect(singletonLockPid(profile)).toBe(left.pid);
    expect(runsOnProfile(left.pid!, profile)).toBe(true);
    expect(processesOnProfile(profile)).toEqual([left.pid]);
    const ended = await reclaimProfile(profile, join(dir, 'run', 'kiosk.json'));
    expect(ended).toEqual([left.pid]);
    expect(alive(left.pid!)).toBe(false);
    expect(alive(bystander.pid!)).toBe(true);
    expect(existsSync(join(profile, 'SingletonLock'))).toBe(false);
    expect(existsSync(join(dir, 'run', 'kiosk.json'))).toBe(false);
  });

  it('never kills a recorded pid that is no longer a browser on that profile', async () => {
    const profile = join(dir, 'kiosk');
    const unrelated = spawn('bash', ['-c', 'sleep 60; :'], { detached: true, stdio: 'ignore' });
    started.push(unrelated);
    await new Promise((r) => setTimeout(r, 200));
    writePidFile(join(dir, 'run', 'kiosk.json'), { pid: unrelated.pid!, profile, surface: 'kiosk', hostPid: 1, startedAt: '' });
    expect(await reclaimProfile(profile, join(dir, 'run', 'kiosk.json'))).toEqual([]);
    expect(alive(unrelated.pid!)).toBe(true);
  });

  it.skipIf(!setpriv)('kills the browser when its host dies by SIGKILL (setpriv --pdeathsig)', async () => {
    const profile = join(dir, 'kiosk');
    // A stand-in host that starts a browser the way ChromiumShell does, then gets killed.
    const script = `const { spawn } = require('node:child_process');
      const c = spawn(${JSON.stringify(setpriv)}, ['--pdeathsig', 'KILL', 'bash', ...${JSON.stringify(fakeBrowserArgs(profile))}], { detached: true, stdio: 'ignore' });
      console.log(c.pid); setInterval(() => {}, 1000);`;
    const host = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] });
    started.push(host);
    const pid = Number(await new Promise<string>((r) => host.stdout!.once('data', (d: Buffer) => r(d.toString()))));
    await new Promise((r) => setTimeout(r, 300));
    expect(runsOnProfile(pid, profile)).toBe(true);
    host.kill('SIGKILL');
    const deadline = Date.now() + 3000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(alive(pid)).toBe(false);
  });
});
