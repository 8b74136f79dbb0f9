import { TABLES_PROTOCOL_VERSION, type TableClientMessage } from '../../core/protocol/tables';
import { TableSocket, type TableLink, type TablePageState } from '../table/link';

const TOKEN_KEY = 'redhall.dm.token';

/** The table the console watches, kept in the address bar so a reload returns to it. */
export function parseDmHash(hash: string): string | undefined {
  return /^#\/dm\?(?:.*&)?table=(t-[a-z0-9]{4,32})(?:&|$)/.exec(hash)?.[1];
}

/**
 * The DM console's socket: signs in with the PIN once, then with the token the host gave (kept
 * in storage, so a reload or a host restart does not ask again), re-watches its table on every
 * reconnect, and follows a table it has just opened.
 */
export class DmLink implements TableLink {
  private pin = '';
  private watching: string | undefined;
  private opening = false;
  private followers = new Set<(table: string) => void>();
  readonly socket: TableSocket;

  constructor(url: string, private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined, watching?: string) {
    this.watching = watching;
    this.socket = new TableSocket(url, () => this.hello(), (m, _s, self) => {
      if (m.type === 'dm.welcome') this.keep(m.token);
      else if (m.type === 'error' && m.ref === 'dm.hello') {
        // A token the host no longer accepts is dropped; a wrong PIN stays on screen.
        const hadToken = this.token() !== '';
        this.keep('');
        if (hadToken && !this.pin) self.dismiss();
        this.pin = '';
      } else if (m.type === 'table' && this.opening) {
        this.opening = false;
        this.watching = m.table.id;
        for (const fn of this.followers) fn(m.table.id);
      }
    });
  }

  private token(): string {
    try {
      return this.storage?.getItem(TOKEN_KEY) ?? '';
    } catch {
      return '';
    }
  }

  private keep(token: string): void {
    try {
      if (token) this.storage?.setItem(TOKEN_KEY, token);
      else this.storage?.removeItem(TOKEN_KEY);
    } catch {
      // without storage the PIN is asked again after a reload
    }
  }

  private hello(): TableClientMessage[] {
    const token = this.token();
    const hello: TableClientMessage | undefined = token
      ? { type: 'dm.hello', protocol: TABLES_PROTOCOL_VERSION, token }
      : this.pin
        ? { type: 'dm.hello', protocol: TABLES_PROTOCOL_VERSION, pin: this.pin }
        : undefined;
    if (!hello) return [];
    return this.watching ? [hello, { type: 'dm.watch', table: this.watching }] : [hello];
  }

  get state(): TablePageState {
    return this.socket.state;
  }
  subscribe(fn: (s: TablePageState) => void): () => void {
    return this.socket.subscribe(fn);
  }
  hostNow(): number {
    return this.socket.hostNow();
  }
  dismiss(): void {
    this.socket.dismiss();
  }
  send(m: TableClientMessage): void {
    if (m.type === 'dm.open') this.opening = true;
    this.socket.send(m);
  }

  signIn(pin: string): void {
    this.pin = pin;
    this.socket.dismiss();
    this.socket.reintroduce();
  }

  watch(table: string | undefined): void {
    this.watching = table;
    if (table) this.socket.send({ type: 'dm.watch', table });
  }

  /** Calls `fn` with the id of a table this console just opened. */
  onFollow(fn: (table: string) => void): () => void {
    this.followers.add(fn);
    return () => this.followers.delete(fn);
  }
}
