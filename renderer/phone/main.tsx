// The phone's own bundle: no three.js, no web fonts (phones have Chinese system fonts), only
// React, the table protocol and markdown. Served at /phone/ (QR: /phone/#/phone?code=…).
import { createRoot } from 'react-dom/client';
import '../styles.css';
import { PhoneSurface } from './PhoneSurface';

createRoot(document.getElementById('root')!).render(<PhoneSurface />);
