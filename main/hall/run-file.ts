import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toDisposable, type Disposable } from '../../core/lifecycle';

/**
 * Where the CLI finds the running hall (`redhall identify`): pid, port, admin token, shell;
 * readable by this user only. Dispose empties it, so a stopped hall is not mistaken for a live one.
 */
export function writeRunFile(dataDir: string, run: { pid: number; port: number; adminToken: string; shell: string }): Disposable {
  const runDir = join(dataDir, 'run');
  mkdirSync(runDir, { recursive: true });
  const file = join(runDir, 'host.json');
  writeFileSync(`${file}.tmp`, JSON.stringify(run), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return toDisposable(() => {
    if (existsSync(file)) writeFileSync(file, '{}');
  });
}
