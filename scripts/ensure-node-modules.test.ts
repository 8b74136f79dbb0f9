// scripts/ensure-node-modules.sh with a stand-in `npm` that records being called.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const script = resolve(__dirname, 'ensure-node-modules.sh');
let root: string;

function run(dir: string): { code: number; out: string } {
  const env = { ...process.env, PATH: `${join(root, 'bin')}:${process.env.PATH ?? ''}` };
  try {
    const out = execFileSync('bash', [script], { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: 0, out };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: err.stdout + err.stderr };
  }
}
/** How many times `npm` was called. */
const installs = () => (existsSync(join(root, 'calls')) ? readFileSync(join(root, 'calls'), 'utf8').trim().split('\n').length : 0);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'redhall-enm-'));
  mkdirSync(join(root, 'bin'));
  // The stand-in installs nothing but the marker npm writes, and notes each call.
  writeFileSync(join(root, 'bin', 'npm'), `#!/bin/sh\necho "$@" >> ${join(root, 'calls')}\nmkdir -p node_modules && touch node_modules/.package-lock.json\n`);
  chmodSync(join(root, 'bin', 'npm'), 0o755);
  mkdirSync(join(root, 'a'));
  writeFileSync(join(root, 'a', 'package-lock.json'), '{"v":1}');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('ensure-node-modules', () => {
  it('installs when node_modules is missing, and not again for the same lock file', () => {
    const a = join(root, 'a');
    expect(run(a).code).toBe(0);
    expect(installs()).toBe(1);
    expect(run(a).code).toBe(0);
    expect(installs()).toBe(1);
  });

  it('judges the lock file by its content: a newer mtime alone installs nothing, a changed file installs', () => {
    const a = join(root, 'a');
    run(a);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(a, 'package-lock.json'), later, later);
    run(a);
    expect(installs()).toBe(1);
    writeFileSync(join(a, 'package-lock.json'), '{"v":2}');
    run(a);
    expect(installs()).toBe(2);
  });

  it('never installs through a link to another checkout’s node_modules when the lock files differ', () => {
    const a = join(root, 'a');
    run(a);
    const b = join(root, 'b');
    mkdirSync(b);
    symlinkSync(join(a, 'node_modules'), join(b, 'node_modules'));
    writeFileSync(join(b, 'package-lock.json'), '{"v":1}');
    expect(run(b).code).toBe(0);
    writeFileSync(join(b, 'package-lock.json'), '{"v":9}');
    const r = run(b);
    expect(r.code).toBe(1);
    expect(r.out).toContain('not through the link');
    expect(installs()).toBe(1);
    expect(existsSync(join(a, 'node_modules', '.package-lock.json'))).toBe(true);
  });

  it('trusts an install made before stamps existed when the lock file is not newer', () => {
    const a = join(root, 'a');
    mkdirSync(join(a, 'node_modules'));
    const old = new Date('2020-01-01');
    utimesSync(join(a, 'package-lock.json'), old, old);
    writeFileSync(join(a, 'node_modules', '.package-lock.json'), '{}');
    expect(run(a).code).toBe(0);
    expect(installs()).toBe(0);
    expect(existsSync(join(a, 'node_modules', '.redhall-lock.sha256'))).toBe(true);
  });
});
