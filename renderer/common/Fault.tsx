import { useEffect, useState } from 'react';
import { useT } from '../i18n';
import { parseRoute } from '../route';

/**
 * The screen a surface rests on after repeated failures. It announces when the shell tries the
 * surface again (the shell keeps that time) and counts down to it, in Chinese and English.
 */
export function Fault() {
  const { t } = useT();
  const retryAt = parseRoute(window.location.hash).retryAt;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const left = retryAt === undefined ? undefined : Math.max(0, Math.ceil((retryAt - now) / 1000));
  const at = retryAt === undefined ? '' : new Date(retryAt).toLocaleTimeString('zh-CN', { hour12: false });
  const en = left === undefined ? 'This screen stopped several times; it will try again shortly.' : left > 0 ? `This screen stopped several times; it will try again in ${left} s (${at}).` : 'Trying again…';
  return (
    <div className="fault" data-testid="fault" data-retry-in={left}>
      <h1>{t('faultTitle')}</h1>
      <p>{left === undefined ? t('faultBody') : left > 0 ? t('faultRetryIn', { n: left, at }) : t('faultRetrying')}</p>
      <p className="fault-en" lang="en">{en}</p>
    </div>
  );
}
