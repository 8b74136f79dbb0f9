import { useEffect, useState } from 'react';
import { call } from './api';
import { useT } from './strings';

/** The admin PIN on a number pad big enough for a tablet; refusals (wrong, slowed down, locked out) in words. */
export function Login({ languages, ended, onSignedIn }: { languages: React.ReactNode; ended: boolean; onSignedIn: () => void }) {
  const { t, say } = useT();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | undefined>(ended ? t('sessionEnded') : undefined);
  const [waitUntil, setWaitUntil] = useState(0);
  const [now, setNow] = useState(0);
  const [busy, setBusy] = useState(false);
  const [refusals, setRefusals] = useState(0);

  useEffect(() => {
    if (waitUntil <= Date.now()) return;
    const id = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(id);
  }, [waitUntil]);
  const wait = Math.max(0, Math.ceil((waitUntil - now) / 1000));

  const submit = async () => {
    if (!pin || busy || wait > 0) return;
    setBusy(true);
    const r = await call('POST /api/auth/login', { role: 'admin', pin });
    setBusy(false);
    setPin('');
    if (r.ok) return onSignedIn();
    setError(say(r.error.message));
    setRefusals((n) => n + 1);
    if (r.error.retryAfterSec) {
      setWaitUntil(Date.now() + r.error.retryAfterSec * 1000);
      setNow(Date.now());
    }
  };
  const press = (d: string) => setPin((p) => (p.length < 12 ? p + d : p));

  return (
    <div className="ad-login">
      <div className="ad-login-langs">{languages}</div>
      <form
        className="ad-login-card"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h1>
          <span className="ad-star">★</span> {t('signInTitle')}
        </h1>
        <label>
          {t('pinLabel')}
          <input
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={12}
            value={pin}
            data-testid="pin"
            onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 12))}
            autoFocus
          />
        </label>
        <div className="ad-pad">
          {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
            <button key={d} type="button" onClick={() => press(d)}>
              {d}
            </button>
          ))}
          <button type="button" className="ad-pad-clear" onClick={() => setPin('')}>
            {t('clear')}
          </button>
          <button type="button" onClick={() => press('0')}>
            0
          </button>
          <button type="submit" className="ad-pad-go" disabled={!pin || busy || wait > 0} data-testid="sign-in">
            {wait > 0 ? t('waitFor', { n: wait }) : t('signIn')}
          </button>
        </div>
        {error && (
          <p className="ad-error" role="alert" data-testid="login-error" data-refusals={refusals}>
            {error}
          </p>
        )}
        <p className="ad-muted">{t('pinHint')}</p>
      </form>
    </div>
  );
}
