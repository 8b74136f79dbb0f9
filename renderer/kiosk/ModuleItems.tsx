import type { HallContent } from '../../core/protocol/messages';
import { packAssetUrl } from '../../core/pack/url';
import { useT } from '../i18n';
import { renderMarkdown } from '../common/markdown';
import { releaseMediaOnUnmount } from '../common/media';
import { Picture } from './Picture';

const ON_THE_TIMELINE = { 'zh-Hans': '在百年征程中查看', 'zh-Hant': '在百年征程中查看', en: 'See it on the timeline' } as const;

/**
 * A module page's items (pictures, films, sounds, texts in Markdown): their own chunk, with the
 * Markdown renderer, fetched once the kiosk is idle after start (Kiosk.tsx), not before its first screen.
 */
export function ModuleItems({ packId, module, stations, onStation }: { packId: string; module: HallContent['modules'][number]; stations: ReadonlySet<string>; onStation: (id: string) => void }) {
  const { t, text, locale } = useT();
  return (
    <section className="item-list" aria-label={t('items')}>
      {module.items.map((item) => (
        <article key={item.id} className={`item item-${item.kind}`} data-item={item.id}>
          <h2>{text(item.title)}</h2>
          {item.kind === 'image' && item.src && <Picture src={packAssetUrl(packId, item.src)} alt={text(item.caption ?? item.title)} caption={item.caption ? text(item.caption) : undefined} />}
          {item.kind === 'audio' && item.src && <audio ref={releaseMediaOnUnmount} src={packAssetUrl(packId, item.src)} controls preload="none" />}
          {item.kind === 'video' && item.src && <video ref={releaseMediaOnUnmount} src={packAssetUrl(packId, item.src)} controls preload="metadata" playsInline />}
          {item.body && <div className="item-body" dangerouslySetInnerHTML={{ __html: renderMarkdown(text(item.body)) }} />}
          {item.caption && item.kind !== 'image' && <p className="item-caption">{text(item.caption)}</p>}
          {item.station && stations.has(item.station) && (
            <button className="k-chip item-station" data-action="open-station" data-station={item.station} onClick={() => onStation(item.station!)}>
              <span aria-hidden="true">◉</span> {ON_THE_TIMELINE[locale]} ›
            </button>
          )}
        </article>
      ))}
    </section>
  );
}
