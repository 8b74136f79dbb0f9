import { lazy, Suspense, type ComponentType } from 'react';
import { useHost } from './host/context';
import { LocaleContext, useT } from './i18n';
import { Identify } from './common/Identify';
import { ControlCover } from './common/ControlCover';
import { PreviewRibbon } from './common/PreviewRibbon';
import { ErrorBoundary } from './common/ErrorBoundary';
import { isSurfaceName } from './surfaces';

// A script-kill table the DM put on this surface (host message table.show), over its own content.
const TableOnSurface = lazy(() => import('./table/OnSurface').then((m) => ({ default: m.TableOnSurface })));
// The group oath the docent started on this surface (host message oath.run), over its own content.
const GroupOath = lazy(() => import('./oath/GroupOath').then((m) => ({ default: m.GroupOath })));
// A show's words for the kiosk (cues with target kiosk), as a banner over its screen.
const ShowBanner = lazy(() => import('./show/ShowBanner').then((m) => ({ default: m.ShowBanner })));

/** A launched surface: its screen (renderer/surfaces.ts) with the overlays every surface shares. */
export function App({ role, Screen }: { role: string; Screen: ComponentType }) {
  const { state } = useHost();
  // A page at an unknown role says so even without a token: that is the first thing to fix.
  const refused = state.status === 'refused' && isSurfaceName(role);
  return (
    <LocaleContext.Provider value="zh-Hans">
      <div className="surface" data-role={role} data-status={state.status}>
        {refused ? <Notice k="refused" /> : <LoadedScreen Screen={Screen} />}
        {role === 'kiosk' && state.status === 'connected' && <Suspense fallback={null}><ShowBanner /></Suspense>}
        {state.table && <Suspense fallback={null}><TableOnSurface key={state.table} code={state.table} /></Suspense>}
        {state.oath && state.surface && state.oath.surfaces.includes(state.surface.id) && (
          <Suspense fallback={null}>
            <GroupOath key={state.oath.runId} run={state.oath} />
          </Suspense>
        )}
        {state.status !== 'connected' && state.status !== 'refused' && <ConnectionBadge />}
        {state.warnings.length > 0 && <InstallerWarnings />}
        {role !== 'fault' && <PreviewRibbon />}
        {state.identify && <Identify />}
        <ControlCover />
      </div>
    </LocaleContext.Provider>
  );
}

/**
 * A screen's code arrives as its own chunk. If it cannot (the host went away mid-load), say so
 * and load the page again a little later.
 */
function LoadedScreen({ Screen }: { Screen: ComponentType }) {
  return (
    <ErrorBoundary fallback={<Notice k="screenFailed" />} onError={() => window.setTimeout(() => window.location.reload(), 10_000)}>
      <Suspense fallback={null}>
        <Screen />
      </Suspense>
    </ErrorBoundary>
  );
}

function Notice({ k }: { k: 'refused' | 'screenFailed' }) {
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
