import type { Oath } from '../../core/pack/kinds/oath';
import { pickText, type Locale } from '../../core/text';
import type { OathPosition } from '../../core/zones/oath';
import './oath.css';

/**
 * The oath's lines, each lit as it is read: the line being read bright and large, the lines
 * read before it warm, the ones to come dim. The oath is sworn in Chinese: in another language
 * each line shows its translation under the Chinese.
 */
export function OathLines({ oath, position, locale }: { oath: Oath; position: OathPosition; locale: Locale }) {
  return (
    <ol className="oath-lines" data-line={position.line} data-done={position.done}>
      {oath.lines.map((l, i) => {
        const state = i === position.line && !position.done ? 'now' : i <= position.line ? 'read' : 'later';
        const zh = pickText(l.text, locale === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans');
        return (
          <li key={i} className={`oath-line ${state}`} data-state={state} aria-current={state === 'now' ? 'true' : undefined}>
            <span className="oath-line-text" lang={locale === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans'}>{zh}</span>
            {locale === 'en' && <span className="oath-line-en" lang="en">{pickText(l.text, 'en')}</span>}
          </li>
        );
      })}
    </ol>
  );
}
