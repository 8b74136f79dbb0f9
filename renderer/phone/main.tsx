// The phone's own bundle: no three.js, no web fonts (phones have Chinese system fonts), only
// React, the table protocol and markdown. Served at /phone/ (QR: /phone/#/phone?code=…).
import { createRoot } from 'react-dom/client';
import '../styles.css';
import { PhoneSurface } from './PhoneSurface';
import { PhoneRoute } from './RoutePage';
import { parseRouteAddress } from '../kiosk/map/model';

// `#/route?map=…&route=…` is a map route taken away from the kiosk (its QR code); anything else is a table seat.
const route = parseRouteAddress(window.location.hash);
createRoot(document.getElementById('root')!).render(route ? <PhoneRoute mapId={route.map} routeId={route.route} lang={route.lang} /> : <PhoneSurface />);
