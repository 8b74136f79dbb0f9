import { isIP } from 'node:net';
import { hostname as osHostname, networkInterfaces } from 'node:os';

/**
 * Which names a request may carry in its `Host` and `Origin` headers. A page from anywhere else
 * (a DNS-rebinding page whose name now points at this machine, a web page opening a WebSocket to
 * 127.0.0.1) is refused before any route sees it. Loopback names always; with `listen: lan` also
 * this machine's own name and every address of its interfaces (re-read every 30 s, as Wi-Fi
 * addresses change), and the extra names hall.yaml gives.
 */
export class HostNames {
  private cache: { at: number; names: Set<string> } | undefined;

  constructor(
    private readonly opts: {
      listen: 'loopback' | 'lan';
      /** Further names the hall is reached by (a DNS name on the hall's router). */
      extra?: readonly string[];
      now?: () => number;
      interfaces?: () => ReturnType<typeof networkInterfaces>;
      hostname?: () => string;
    },
  ) {}

  /** Every name allowed now, lower case, IPv6 without brackets. */
  names(): Set<string> {
    const now = (this.opts.now ?? Date.now)();
    if (this.cache && now - this.cache.at < 30_000) return this.cache.names;
    const names = new Set(['localhost', '127.0.0.1', '::1']);
    if (this.opts.listen === 'lan') {
      const host = (this.opts.hostname ?? osHostname)().toLowerCase();
      if (host) for (const n of [host, `${host}.local`, `${host}.lan`]) names.add(n);
      for (const list of Object.values((this.opts.interfaces ?? networkInterfaces)())) {
        for (const i of list ?? []) names.add(i.address.toLowerCase().replace(/%.*$/, ''));
      }
      for (const n of this.opts.extra ?? []) names.add(n.toLowerCase());
    }
    this.cache = { at: now, names };
    return names;
  }

  /**
   * True when a `Host` header (name, optional port) names this hall: one of its names, or any IP
   * literal (rebinding needs a DNS name; an address that reached us is ours, NAT or not). A
   * request without one (HTTP/1.0) passes.
   */
  hostAllowed(header: string | undefined): boolean {
    if (header === undefined || header === '') return true;
    const name = hostPart(header);
    return name !== undefined && (isIP(name) !== 0 || this.names().has(name));
  }

  /**
   * True when an `Origin` header is absent (not a browser, or a same-origin GET) or is a page of
   * this hall over http: the request's own host, or one of the hall's names. `null` (a sandboxed
   * frame, a file) is refused, and so is a page on another machine of the LAN.
   */
  originAllowed(header: string | undefined, host?: string): boolean {
    if (header === undefined) return true;
    let url: URL;
    try {
      url = new URL(header);
    } catch {
      return false;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    const name = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
    return (host !== undefined && hostPart(host) === name) || this.names().has(name);
  }
}

/** The name of a `Host` header without its port ("[::1]:8080" → "::1"); undefined when malformed. */
export function hostPart(header: string): string | undefined {
  const h = header.trim().toLowerCase();
  const v6 = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(h);
  if (v6) return v6[1];
  const m = /^([a-z0-9.-]+)(?::\d{1,5})?$/.exec(h);
  return m?.[1];
}
