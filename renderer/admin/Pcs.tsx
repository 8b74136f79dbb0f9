import { useCallback, useEffect, useState } from 'react';
import type { PairedPc } from '../../core/protocol/join';
import { call } from './api';
import { useT } from './strings';

/**
 * The hall's second PCs (`redhall start --join`): a one-time pairing code for a new one, the
 * paired ones (last report, address, screens) and revoking one.
 */
export function Pcs() {
  const { t, say, locale } = useT();
  const [pcs, setPcs] = useState<PairedPc[]>([]);
  const [listen, setListen] = useState<'loopback' | 'lan'>('lan');
  const [joinUrl, setJoinUrl] = useState<string | null>(null);
  const [code, setCode] = useState<{ code: string; expiresAt: string } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [reloads, setReloads] = useState(0);
  const load = useCallback(() => setReloads((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    const fetchPcs = async () => {
      const r = await call('GET /api/pcs');
      if (live && r.ok) {
        setPcs(r.value.pcs);
        setListen(r.value.listen);
        setJoinUrl(r.value.joinUrl);
      }
    };
    void fetchPcs();
    const timer = window.setInterval(() => void fetchPcs(), 4000);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [reloads]);
  const pair = async () => {
    setBusy(true);
    const r = await call('POST /api/pcs/code', {});
    setBusy(false);
    if (r.ok) {
      setCode(r.value);
      setError(undefined);
    } else setError(say(r.error.message));
  };
  const revoke = async (pc: string) => {
    if (!window.confirm(t('pcRevokeConfirm', { pc }))) return;
    const r = await call('POST /api/pcs/revoke', { pc });
    if (!r.ok) setError(say(r.error.message));
    load();
  };
  const time = (iso: string) => new Date(iso).toLocaleTimeString(locale === 'en' ? 'en-GB' : locale === 'zh-Hant' ? 'zh-TW' : 'zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });
  return (
    <section className="ad-card ad-pcs" data-testid="pcs">
      <header className="ad-pcs-head">
        <h3>{t('pcsTitle')}</h3>
        <button type="button" className="ad-btn" onClick={() => void pair()} disabled={busy}>
          {t('pcPair')}
        </button>
      </header>
      {error && <div className="ad-banner ad-banner-bad">{error}</div>}
      {listen !== 'lan' && <div className="ad-banner">{t('pcLoopback')}</div>}
      {code && (
        <div className="ad-pair-code" data-testid="pair-code">
          <span className="ad-code">{code.code}</span>
          <span>{t('pcCodeHint', { cmd: `redhall start --join ${joinUrl ?? window.location.origin}`, time: time(code.expiresAt) })}</span>
        </div>
      )}
      {pcs.length === 0 ? (
        <p className="ad-muted">{t('pcNone')}</p>
      ) : (
        <table className="ad-table ad-pcs-table">
          <tbody>
            {pcs.map((p) => (
              <tr key={p.pc} data-pc={p.pc}>
                <td>
                  <span className="ad-pill">{p.pc}</span>
                </td>
                <td>{p.revokedAt ? t('pcRevoked') : p.lastSeen ? t('pcSeen', { time: time(p.lastSeen), address: p.address ?? '' }) : t('pcNotSeen')}</td>
                <td className="ad-mono">{p.surfaces.join(', ') || '—'}</td>
                <td>
                  {!p.revokedAt && (
                    <button type="button" className="ad-ghost" onClick={() => void revoke(p.pc)}>
                      {t('pcRevoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
