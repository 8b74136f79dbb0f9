import type { TableLink, TablePageState } from './link';
import type { Texts } from './ui';

/** Connection and refusal notices, over everything else. */
export function Banners({ link, s, tx }: { link: TableLink; s: TablePageState; tx: Texts }) {
  return (
    <>
      {s.status !== 'open' && (
        <div className="ph-banner ph-banner-net" role="status" data-testid="phone-offline">
          {tx.t(s.status === 'connecting' ? 'connecting' : 'reconnecting')}
        </div>
      )}
      {s.refused && (
        <div className="ph-banner ph-banner-refused" role="alert" data-testid="refused" data-code={s.refused.code}>
          <span>{s.refused.code === 'stale' ? tx.t('refusedStale') : tx.bi(s.refused.reason)}</span>
          <button type="button" onClick={() => link.dismiss()}>
            {tx.t('dismiss')}
          </button>
        </div>
      )}
      {s.error && s.seat && (
        <div className="ph-banner ph-banner-refused" role="alert" data-testid="table-error" data-code={s.error.code}>
          <span>{tx.bi(s.error.message)}</span>
          <button type="button" onClick={() => link.dismiss()}>
            {tx.t('dismiss')}
          </button>
        </div>
      )}
    </>
  );
}
