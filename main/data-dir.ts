import { resolve } from 'node:path';

/** Where everything the hall writes lives: --data, else REDHALL_DATA, else ./.data. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return resolve(cwd, flag ?? env.REDHALL_DATA ?? '.data');
}
