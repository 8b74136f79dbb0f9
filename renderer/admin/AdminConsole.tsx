import { useCallback, useEffect, useState } from 'react';
import { LOCALES, type Locale } from '../../core/text';
import { call, whenSignedOut } from './api';
import { Board } from './Board';
import { Login } from './Login';
import { Packs } from './Packs';
import { Stats } from './Stats';
import { LocaleContext, useT } from './strings';

type Tab = 'packs' | 'board' | 'stats';
const LABELS: Record<Locale, string> = { 'zh-Hans': '简', 'zh-Hant': '繁', en: 'EN' };

/** The console: the PIN first, then packs, screens and statistics (a sidebar on a desktop, tabs on a tablet). */
export function AdminConsole() {
  const [locale, setLocale] = useState<Locale>('zh-Hans');
  const [signedIn, setSignedIn] = useState<boolean | undefined>(undefined);
  const [ended, setEnded] = useState(false);

  useEffect(() => {
    whenSignedOut(() => {
      setSignedIn(false);
      setEnded(true);
    });
    void call('GET /api/auth/session').then((r) => setSignedIn(r.ok && r.value.sessions.some((s) => s.role === 'admin')));
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const languages = (
    <div className="ad-langs" role="group" aria-label="Language / 语言">
      {LOCALES.map((l) => (
        <button key={l} type="button" className={l === locale ? 'on' : ''} aria-pressed={l === locale} onClick={() => setLocale(l)}>
          {LABELS[l]}
        </button>
      ))}
    </div>
  );
  return (
    <LocaleContext.Provider value={locale}>
      <div className="ad" data-testid="admin">
        {signedIn === undefined ? null : signedIn ? (
          <Console languages={languages} onSignOut={() => setSignedIn(false)} />
        ) : (
          <Login languages={languages} ended={ended} onSignedIn={() => { setEnded(false); setSignedIn(true); }} />
        )}
      </div>
    </LocaleContext.Provider>
  );
}

function Console({ languages, onSignOut }: { languages: React.ReactNode; onSignOut: () => void }) {
  const { t } = useT();
  const [tab, setTab] = useState<Tab>('packs');
  const signOut = useCallback(async () => {
    await call('POST /api/auth/logout');
    onSignOut();
  }, [onSignOut]);
  const tabs: Array<[Tab, string, string]> = [['packs', t('tabPacks'), '▤'], ['board', t('tabBoard'), '▦'], ['stats', t('tabStats'), '▥']];
  return (
    <div className="ad-console">
      <nav className="ad-nav">
        <div className="ad-brand">
          <span className="ad-star">★</span> {t('title')}
        </div>
        <div className="ad-tabs" role="tablist">
          {tabs.map(([k, label, icon]) => (
            <button key={k} role="tab" type="button" aria-selected={tab === k} className={tab === k ? 'on' : ''} onClick={() => setTab(k)} data-tab={k}>
              <span aria-hidden="true">{icon}</span> {label}
            </button>
          ))}
        </div>
        <div className="ad-nav-end">
          {languages}
          <button type="button" className="ad-ghost" onClick={() => void signOut()}>
            {t('signOut')}
          </button>
        </div>
      </nav>
      <main className="ad-main">
        {tab === 'packs' && <Packs />}
        {tab === 'board' && <Board />}
        {tab === 'stats' && <Stats />}
      </main>
    </div>
  );
}
