import { useEffect, useState } from 'react';
import { TABLES_PROTOCOL_VERSION } from '../../core/protocol/tables';
import type { Locale } from '../../core/text';
import { TableSocket, tablesUrl } from './link';
import { TableScreen } from './Screen';
import { PassAndPlay, type PassSeat } from './PassAndPlay';
import { phoneLink } from '../phone/phoneLink';
import { SeatStore, browserStorage } from '../phone/seat';
import { parseTableRoute } from './route';
import { useTable } from './ui';

function watchLink(code: string): TableSocket {
  return new TableSocket(tablesUrl(window.location), () => [{ type: 'watch', protocol: TABLES_PROTOCOL_VERSION, code }]);
}

/** A wall or kiosk showing one table: its shared screen, or pass-and-play with every seat held here. */
export function TableSurface({ hash }: { hash: string }) {
  const [route] = useState(() => parseTableRoute(hash));
  const [screen] = useState(() => watchLink(route.code));
  useEffect(() => {
    screen.connect();
    (window as unknown as { redhallTable: unknown }).redhallTable = screen;
    return () => screen.close();
  }, [screen]);
  if (route.mode === 'pass') return <PassSurface screen={screen} code={route.code} locale={route.locale} />;
  return <TableScreen link={screen} locale={route.locale} />;
}

function PassSurface({ screen, code, locale }: { screen: TableSocket; code: string; locale: Locale }) {
  const s = useTable(screen);
  const roles = s.table?.roles.map((r) => r.id).join(',') ?? '';
  if (!roles) return <TableScreen link={screen} locale={locale} />;
  // One seat per role of the table, opened once the table says which roles are in play.
  return <PassSeats key={roles} screen={screen} code={code} roles={roles.split(',')} locale={locale} />;
}

function PassSeats({ screen, code, roles, locale }: { screen: TableSocket; code: string; roles: string[]; locale: Locale }) {
  const [seats] = useState<Array<PassSeat & { link: TableSocket }>>(() => {
    const store = new SeatStore(browserStorage());
    return roles.map((role) => ({ role, link: phoneLink(tablesUrl(window.location), { code, token: '' }, store, () => undefined, role).link }));
  });
  useEffect(() => {
    for (const x of seats) x.link.connect();
    return () => seats.forEach((x) => x.link.close());
  }, [seats]);
  return <PassAndPlay screen={screen} seats={seats} locale={locale} />;
}
