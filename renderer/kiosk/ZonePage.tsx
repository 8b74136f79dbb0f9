import type { ReactNode } from 'react';
import { useT } from '../i18n';

/**
 * The frame of a zone screen: a header with the way home and the zone's title (and, on the
 * right, whatever the zone puts there: filters, a route picker), then the zone's body filling
 * the rest. The kiosk's language and access switches stay in their corners below it.
 */
export function ZonePage({ zone, title, subtitle, tools, onHome, children }: { zone: string; title: string; subtitle?: string | undefined; tools?: ReactNode; onHome: () => void; children: ReactNode }) {
  const { t } = useT();
  return (
    <main className="zone-page" data-zone-page={zone}>
      <header className="zone-header">
        <button className="back-button" data-action="home" onClick={onHome}>
          <span aria-hidden="true">‹</span> {t('home')}
        </button>
        <div className="zone-heading">
          <h1>{title}</h1>
          {subtitle && <p className="zone-subtitle">{subtitle}</p>}
        </div>
        {tools && <div className="zone-tools">{tools}</div>}
      </header>
      <div className="zone-body">{children}</div>
    </main>
  );
}
