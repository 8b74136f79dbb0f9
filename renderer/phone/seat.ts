/**
 * Where a phone keeps its seat. The seat token lives in localStorage so a reload or a dropped
 * Wi-Fi comes back to the same seat; chat apps' built-in browsers sometimes refuse storage
 * (private mode, disabled cookies), so the token is also written into the page's own URL, which
 * a reload keeps. Pure apart from the Storage passed in.
 */

export interface PhoneAddress {
  /** The table's join code, upper case, or '' when none was given. */
  code: string;
  /** A seat token carried in the URL (the storage fallback). */
  token: string;
}

const CODE = /^[A-Z0-9]{3,12}$/;

/** Normalises what a person types as a code: spaces and dashes dropped, upper case. */
export function normaliseCode(typed: string): string {
  return typed.replace(/[\s-]+/g, '').toUpperCase();
}

/** Whether a typed code has the shape of a join code (the host still decides whether it exists). */
export function looksLikeCode(code: string): boolean {
  return CODE.test(code);
}

/** Reads the code and seat token from the phone's address: `#/phone?code=…&seat=…` (core/protocol/tables phoneJoinPath), or `?code=` in the query. */
export function parsePhoneAddress(search: string, hash: string): PhoneAddress {
  const q = new URLSearchParams(search);
  const m = /^#\/phone(?:\?(.*))?$/.exec(hash);
  const hq = new URLSearchParams(m?.[1] ?? '');
  const code = normaliseCode(hq.get('code') ?? q.get('code') ?? '');
  return { code: looksLikeCode(code) ? code : '', token: hq.get('seat') ?? q.get('seat') ?? '' };
}

/** The hash that keeps a code (and a seat token, when storage failed) in the address bar. */
export function phoneHash(code: string, token?: string): string {
  return `#/phone?code=${encodeURIComponent(code)}${token ? `&seat=${encodeURIComponent(token)}` : ''}`;
}

/** The seat token for a table code, from storage or the URL; and where to write a new one. */
export class SeatStore {
  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined) {}

  private key(code: string): string {
    return `redhall.seat.${code}`;
  }

  /** The token kept for this code, '' when none. */
  get(code: string, fromUrl = ''): string {
    try {
      return this.storage?.getItem(this.key(code)) ?? fromUrl;
    } catch {
      return fromUrl;
    }
  }

  /** Keeps a token; returns false when storage refused it (the caller then puts it in the URL). */
  set(code: string, token: string): boolean {
    try {
      if (!this.storage) return false;
      this.storage.setItem(this.key(code), token);
      return this.storage.getItem(this.key(code)) === token;
    } catch {
      return false;
    }
  }

  /** Forgets the seat for this code (the host refused the token, or the player left). */
  clear(code: string): void {
    try {
      this.storage?.removeItem(this.key(code));
    } catch {
      // nothing kept, nothing to clear
    }
  }
}

/** The ending and debrief a phone reached, kept so they stay after the table closes or the page reloads. */
export class EndingStore {
  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | undefined) {}

  keep(code: string, view: unknown): void {
    try {
      this.storage?.setItem(`redhall.ending.${code}`, JSON.stringify(view));
    } catch {
      // the debrief stays while the page is open
    }
  }

  /** The kept view, or undefined (nothing kept, storage refused, or not JSON). */
  get(code: string): unknown {
    try {
      const raw = this.storage?.getItem(`redhall.ending.${code}`);
      return raw ? (JSON.parse(raw) as unknown) : undefined;
    } catch {
      return undefined;
    }
  }
}

/** localStorage when the browser lets the page use it, otherwise undefined. */
export function browserStorage(): Storage | undefined {
  try {
    const s = window.localStorage;
    s.setItem('redhall.probe', '1');
    s.removeItem('redhall.probe');
    return s;
  } catch {
    return undefined;
  }
}
