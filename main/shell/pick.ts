import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { findChromium } from './chromium';

export type ShellChoice = { shell: 'electron'; executable: string; why: string } | { shell: 'chromium'; executable: string; why: string } | { shell: 'none'; why: string };

/** Where the Electron binary is, when it is installed (the npm package alone is not enough). */
export function findElectron(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const p = require('electron') as unknown;
    return typeof p === 'string' && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

/** Picks the shell: the one asked for, else Electron when its binary exists, else system Chromium. */
export function pickShell(wanted: 'electron' | 'chromium' | undefined, env: NodeJS.ProcessEnv = process.env): ShellChoice {
  const electron = wanted === 'chromium' ? undefined : findElectron();
  const chromium = wanted === 'electron' ? undefined : findChromium(env);
  if (wanted === 'electron') {
    return electron
      ? { shell: 'electron', executable: electron, why: 'asked for with --shell electron' }
      : { shell: 'none', why: 'Electron was asked for, but its binary is not installed (npm i electron without ELECTRON_SKIP_BINARY_DOWNLOAD)' };
  }
  if (wanted === 'chromium') {
    return chromium
      ? { shell: 'chromium', executable: chromium, why: 'asked for with --shell chromium' }
      : { shell: 'none', why: 'system Chromium was asked for but not found (apt-get install chromium, or set REDHALL_CHROMIUM)' };
  }
  if (electron) return { shell: 'electron', executable: electron, why: `the Electron binary is installed (${electron})` };
  if (chromium) return { shell: 'chromium', executable: chromium, why: `the Electron binary is not installed; using system Chromium at ${chromium}` };
  return { shell: 'none', why: 'neither the Electron binary nor a system Chromium was found (apt-get install chromium)' };
}
