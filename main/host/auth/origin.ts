import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';

/**
 * Why a request must not reach a guarded route, judged from its headers alone; undefined when
 * it may. Guards against two browser attacks on a LAN host:
 * - another site's page posting to us with the visitor's cookies (CSRF): its `Origin` (or
 *   `Sec-Fetch-Site`) gives it away;
 * - DNS rebinding (a hostile name that resolves to the hall PC): its `Host` is a name we do not
 *   know. Only `localhost`, IP literals and the names in `allowedHosts` are ours.
 * A small pure function so the general Origin/Host check for every route can absorb it.
 */
export function crossOriginReason(headers: IncomingHttpHeaders, allowedHosts: readonly string[] = []): { zh: string; en: string } | undefined {
  const host = headers.host;
  if (!host) return { zh: '请求缺少 Host。', en: 'The request has no Host header.' };
  const name = hostName(host);
  if (!name) return { zh: `Host “${host}” 无法识别。`, en: `The Host "${host}" is not understood.` };
  if (!(name === 'localhost' || isIP(name) !== 0 || allowedHosts.some((h) => h.toLowerCase() === name))) {
    return { zh: `不接受经由主机名 “${name}” 的请求，请用展厅主机的 IP 地址访问。`, en: `Requests through the name "${name}" are not accepted; use the hall host's IP address.` };
  }
  const origin = headers.origin;
  if (origin !== undefined) {
    if (origin !== `http://${host}` && origin !== `https://${host}`) return { zh: `来自其他网页（${origin}）的请求被拒绝。`, en: `A request from another page (${origin}) is refused.` };
  } else {
    const site = headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site') return { zh: '来自其他网页的请求被拒绝。', en: 'A request from another page is refused.' };
  }
  return undefined;
}

/** The host name of a Host header, lower-cased, without port or IPv6 brackets. */
function hostName(host: string): string | undefined {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(host.trim());
  if (!m) return undefined;
  const h = m[1]!.toLowerCase();
  return h.startsWith('[') ? h.slice(1, -1) : h;
}
