// The phone's own bundle: no three.js, no web fonts (phones have Chinese system fonts), only
// React, the table protocol and markdown. Served at /phone/ (QR: /phone/#/phone?code=…).
import { createRoot } from 'react-dom/client';
import '../styles.css';
import { PhoneSurface } from './PhoneSurface';
import { PhoneReader, parseReaderAddress } from './Reader';
import { PhoneRoute } from './RoutePage';
import { parseRouteAddress } from '../kiosk/map/model';

// `#/read?item=…` is the reading bar's piece carried over from the kiosk (its QR code);
// `#/route?map=…&route=…` a map route taken away from it; anything else is a table seat.
const read = parseReaderAddress(window.location.hash);
const route = parseRouteAddress(window.location.hash);
createRoot(document.getElementById('root')!).render(
  read ? <PhoneReader initial={read.item} initialLocale={read.locale} /> : route ? <PhoneRoute mapId={route.map} routeId={route.route} lang={route.lang} /> : <PhoneSurface />,
);
