import { networkInterfaces } from 'node:os';

/**
 * The address phones on the hall's Wi-Fi reach this machine at: the first non-internal IPv4
 * address (private ranges first), or undefined when the machine has none.
 */
export function lanAddress(interfaces = networkInterfaces()): string | undefined {
  const all = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((i) => i.family === 'IPv4' && !i.internal)
    .map((i) => i.address);
  const isPrivate = (a: string) => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(a);
  return all.find(isPrivate) ?? all[0];
}
