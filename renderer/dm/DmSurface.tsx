import { useEffect, useState } from 'react';
import type { Locale } from '../../core/text';
import type { DmAction } from '../../core/protocol/tables';
import { tablesUrl } from '../table/link';
import { TableSurface } from '../table/TableSurface';
import { useLocaleText, useTable } from '../table/ui';
import { browserStorage } from '../phone/seat';
import { DmConsole } from './Dm';
import { DmLink, parseDmHash } from './dmLink';

/** The DM console page (at /dm/, or a surface with the role `dm`). */
export function DmSurface() {
  const [locale, setLocale] = useState<Locale>('zh-Hans');
  const [watching, setWatching] = useState<string | undefined>(() => parseDmHash(window.location.hash));
  const [passing, setPassing] = useState<string | undefined>(undefined);
  const [link] = useState(() => new DmLink(tablesUrl(window.location), browserStorage(), parseDmHash(window.location.hash)));
  useEffect(() => {
    const off = link.onFollow(setWatching);
    link.socket.connect();
    (window as unknown as { redhallDm: unknown }).redhallDm = link;
    return () => {
      off();
      link.socket.close();
    };
  }, [link]);
  useEffect(() => {
    // At /dm/ the address keeps the watched table; a shell-launched surface keeps its own address.
    if (/[?&]surface=/.test(window.location.hash)) return;
    window.history.replaceState(null, '', watching ? `#/dm?table=${watching}` : '#/dm');
  }, [watching]);
  if (passing)
    return (
      <div className="dm-pass">
        <div className="dm-pass-body">
          <TableSurface hash={`#/pass?code=${encodeURIComponent(passing)}&locale=${locale}`} />
        </div>
        <DmStrip link={link} locale={locale} onBack={() => setPassing(undefined)} />
      </div>
    );
  return (
    <DmConsole
      link={link}
      locale={locale}
      onLocale={setLocale}
      watching={watching}
      onWatch={(t) => {
        link.watch(t);
        setWatching(t);
      }}
      onPin={(pin) => link.signIn(pin)}
      onPass={setPassing}
      exportLog={(id, fileName) => void downloadTableLog(id, link.state.dm?.token ?? '', fileName)}
    />
  );
}

/** The DM's few controls over pass-and-play: nothing secret, only moving the table along. */
function DmStrip({ link, locale, onBack }: { link: DmLink; locale: Locale; onBack: () => void }) {
  const s = useTable(link);
  const { t } = useLocaleText(locale);
  const view = s.view?.dm ? s.view : undefined;
  const table = s.table;
  const cmd = (action: DmAction) => view && table && link.send({ type: 'dm.command', table: table.id, version: view.version, action });
  const kind = view?.phase.kind;
  const timer = s.timer && s.timer.phase === view?.phase.id ? s.timer : undefined;
  return (
    <nav className="dm-strip" data-testid="dm-strip" data-phase={view?.phase.id} data-version={view?.version}>
      <button type="button" className="dm-btn" onClick={onBack} data-action="console">
        ← {t('dmTitle')}
      </button>
      {!view && table && (
        <button type="button" className="dm-btn dm-gold" onClick={() => link.send({ type: 'dm.start', table: table.id })} data-action="start">
          {t('start')}
        </button>
      )}
      {timer && (
        <button type="button" className="dm-btn" onClick={() => cmd({ type: timer.paused ? 'resume' : 'pause' })} data-action={timer.paused ? 'resume' : 'pause'}>
          {t(timer.paused ? 'resume' : 'pause')}
        </button>
      )}
      {kind === 'vote' && (
        <button type="button" className="dm-btn" onClick={() => cmd({ type: 'close-vote' })} data-action="close-vote">
          {t('closeVote')}
        </button>
      )}
      {view && view.status === 'playing' && kind !== 'vote' && kind !== 'choice' && kind !== 'ending' && (
        <button type="button" className="dm-btn dm-gold" onClick={() => cmd({ type: 'advance' })} data-action="advance">
          {t('advance')} →
        </button>
      )}
    </nav>
  );
}

/**
 * Fetches a table's log with the DM token in the Authorization header and saves it from a blob:
 * URL, so the token never sits in a URL (history, the downloads list, a proxy's log).
 */
async function downloadTableLog(table: string, token: string, fileName: string): Promise<void> {
  const r = await fetch(`/api/tables/${encodeURIComponent(table)}/log`, { headers: { authorization: `Bearer ${token}` } });
  if (!r.ok) {
    console.warn(`redhall: the table log could not be exported (${r.status})`);
    return;
  }
  const url = URL.createObjectURL(await r.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
