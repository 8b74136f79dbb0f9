// The `redhall` command for tests that run it as a user does: its own process, its exit code,
// stdout and stderr. The CLI is bundled from the current sources once per test process, the way
// scripts/build-main.mjs builds dist/main/cli.mjs (esbuild; here with packages left in node_modules, a quicker build), so a
// command costs a Node start, not the seconds `node --import tsx` spends transforming every
// module again on each run.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

export const REPO = resolve(import.meta.dirname, '..', '..');

let bundled: string | undefined;

/**
 * The path of the bundled CLI. It lies two folders under the repository, as dist/main/cli.mjs
 * does, so what the CLI finds next to itself (the repository root, assets/) is the same; it is
 * named by its content, so test processes running side by side share it and never see half a file.
 */
export function cliBundle(): string {
  if (bundled) return bundled;
  const r = buildSync({
    absWorkingDir: REPO,
    entryPoints: ['main/cli/index.ts'],
    bundle: true,
    platform: 'node',
    packages: 'external',
    format: 'esm',
    target: 'node20.19',
    write: false,
    outfile: 'cli.mjs',
    logLevel: 'warning',
  });
  const code = r.outputFiles[0]!.contents;
  const dir = join(REPO, '.data', 'test-cli');
  const file = join(dir, `cli-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const part = `${file}.${process.pid}.part`;
    writeFileSync(part, code);
    renameSync(part, file);
  }
  bundled = file;
  return file;
}

/** `node <bundle> ...args`, to start with spawn() where a test must watch or kill the process. */
export function cliArgs(...args: string[]): string[] {
  return [cliBundle(), ...args];
}

/** Runs `redhall ...args` to the end (from the repository folder unless `cwd` says otherwise). */
export function redhall(args: string[], opts: Omit<SpawnSyncOptions, 'encoding'> = {}): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, cliArgs(...args), { cwd: REPO, timeout: 60_000, ...opts, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
