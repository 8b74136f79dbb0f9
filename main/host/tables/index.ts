import { capability, type Capability } from '../capability';
import type { PinCheck } from '../auth/hall-auth';
import { lanAddress } from './lan';
import { tablesPlugin } from './plugin';
import { scenarioSources, type PackOnHost } from './scenarios';
import { Tables } from './tables';

export { Tables } from './tables';
export { tablesPlugin } from './plugin';

export interface HallTablesOptions {
  dataDir: string;
  /** The active packs (read at every table open, so a newly activated pack is offered). */
  packs: () => readonly PackOnHost[];
  /** hall.yaml `listen`: with 'lan' the QR codes carry the machine's LAN address. */
  listen: 'loopback' | 'lan';
  /** The port the host listens on, known once it listens. */
  port: () => number;
  /** The DM PIN check of the hall's auth (its PIN: `redhall pin set dm`, hall.yaml `tables.dmPin`, or drawn and logged). */
  checkPin: PinCheck;
  now: () => number;
  log: (line: string) => void;
}

/**
 * The hall's tables: rebuilt from their logs, then served by `capability` (the tables plugin bound to
 * its options, registered by the host). Disposed with the app (`onClose`): timers stop, log files
 * close, tables stay on disk.
 */
export function hallTables(opts: HallTablesOptions): { tables: Tables; capability: Capability } {
  const address = opts.listen === 'lan' ? (lanAddress() ?? '127.0.0.1') : '127.0.0.1';
  const tables = new Tables({
    dataDir: opts.dataDir,
    scenarios: scenarioSources(opts.packs, opts.log),
    origin: () => `http://${address}:${opts.port()}`,
    now: opts.now,
    log: opts.log,
  });
  tables.loadAll();
  return {
    tables,
    capability: capability('tables', tablesPlugin, { tables, checkPin: opts.checkPin, now: opts.now, log: opts.log }),
  };
}
