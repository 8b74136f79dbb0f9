// The phone's own bundle: no three.js, no web fonts (phones have Chinese system fonts), only
// React, the table protocol and markdown. Served at /phone/ (QR: /phone/#/phone?code=…).
import { createRoot } from 'react-dom/client';
import '../styles.css';
import { PhoneSurface } from './PhoneSurface';
import { PhoneReader, parseReaderAddress } from './Reader';

// `#/read?item=…` is the reading bar's piece carried over from the kiosk (its QR code); anything else is a table seat.
const read = parseReaderAddress(window.location.hash);
createRoot(document.getElementById('root')!).render(read ? <PhoneReader initial={read.item} initialLocale={read.locale} /> : <PhoneSurface />);
