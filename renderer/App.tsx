import { lazy, Suspense } from 'react';
import { useHost } from './host/context';
import { LocaleContext, useT } from './i18n';
import { Kiosk } from './kiosk/Kiosk';
import { Wall } from './wall/Wall';
import { Identify } from './common/Identify';
import { Fault } from './common/Fault';

// A screen given the role `dm` in hall.yaml (e.g. the kiosk at a table without phones) is the DM console.
const DmSurface = lazy(() => import('./dm/DmSurface').then((m) => ({ default: m.DmSurface })));
// A script-kill table the DM put on this surface (host message table.show), over its own content.
const TableOnSurface = lazy(() => import('./table/OnSurface').then((m) => ({ default: m.TableOnSurface })));

/** Picks the surface for this window's role, with the overlays every surface shares. */
export function App({ role }: { role: string }) {
  const { state } = useHost();
  return (
    <LocaleContext.Provider value="zh-Hans">
      <div className="surface" data-role={role} data-status={state.status}>
        {role === 'fault' ? <Fault /> : state.status === 'refused' ? <Notice k="refused" /> : role === 'kiosk' ? <Kiosk /> : role === 'dm' ? <Suspense fallback={null}><DmSurface /></Suspense> : <Wall />}
        {state.table && role !== 'fault' && <Suspense fallback={null}><TableOnSurface key={state.table} code={state.table} /></Suspense>}
        {state.status !== 'connected' && state.status !== 'refused' && role !== 'fault' && <ConnectionBadge />}
        {state.warnings.length > 0 && <InstallerWarnings />}
        {state.identify && <Identify />}
      </div>
    </LocaleContext.Provider>
  );
}

function Notice({ k }: { k: 'refused' }) {
  const { t } = useT();
  return <div className="center-message">{t(k)}</div>;
}

function ConnectionBadge() {
  const { state } = useHost();
  const { t } = useT();
  return <div className="connection-badge">{t(state.status === 'connecting' ? 'connecting' : 'disconnected')}</div>;
}

function InstallerWarnings() {
  const { state } = useHost();
  const { t } = useT();
  return (
    <aside className="installer-warnings" role="status" data-testid="installer-warning">
      <strong>⚠ {t('installerWarning')}</strong>
      <ul>
        {state.warnings.slice(0, 4).map((w, i) => (
          <li key={i}>
            {w.file}:{w.line}:{w.column} {w.message['zh-Hans']} / {w.message.en}
          </li>
        ))}
      </ul>
    </aside>
  );
}
