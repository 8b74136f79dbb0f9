import { useCallback, useEffect, useRef, useState } from 'react';
import { packAssetUrl } from '../../../core/pack/url';
import type { Locale } from '../../../core/text';
import { releaseMediaOnUnmount } from '../../common/media';
import { useT } from '../../i18n';
import { OathLines } from '../../oath/OathLines';
import { useOathPosition } from '../../oath/clock';
import { useMomentumScroll } from '../momentum';
import { ZonePage } from '../ZonePage';
import type { ZoneProps } from '../zones';
import './oath.css';

const WORDS = {
  start: { 'zh-Hans': '开始宣誓', 'zh-Hant': '開始宣誓', en: 'Begin the oath' },
  again: { 'zh-Hans': '再读一遍', 'zh-Hant': '再讀一遍', en: 'Read it again' },
  stop: { 'zh-Hans': '停止', 'zh-Hant': '停止', en: 'Stop' },
  sworn: { 'zh-Hans': '宣誓完毕', 'zh-Hant': '宣誓完畢', en: 'The oath is complete' },
  reading: { 'zh-Hans': '请跟读高亮的一句', 'zh-Hant': '請跟讀高亮的一句', en: 'Read the lit line aloud' },
  note: { 'zh-Hans': '誓词依据《中国共产党章程》第六条。', 'zh-Hant': '誓詞依據《中國共產黨章程》第六條。', en: 'The words are those of Article 6 of the Constitution of the Communist Party of China, sworn in Chinese.' },
} as const satisfies Record<string, Record<Locale, string>>;

type Phase = 'ready' | 'reading' | 'done';

/**
 * The oath area: the admission oath line by line, each line lit in time with its recording
 * (the pack's timings). Without a recording, or when it cannot play, the same timings run on
 * the page's clock.
 */
export function OathZone({ hall, locale, onHome }: ZoneProps) {
  const { text } = useT();
  const oath = hall.oath;
  const audio = useRef<HTMLAudioElement | null>(null);
  const [phase, setPhase] = useState<Phase>('ready');
  // Each reading is its own epoch: a second reading never starts from the first one's end.
  const [epoch, setEpoch] = useState(0);
  // The fallback clock: when the reading began on performance.now(), used while the recording does not play.
  const began = useRef(0);
  const seconds = useCallback(() => {
    if (phase === 'ready') return -1;
    const a = audio.current;
    if (a && !a.paused && a.currentTime > 0) return a.currentTime;
    return (performance.now() - began.current) / 1000;
  }, [phase]);
  const { position } = useOathPosition(oath?.lines, seconds, oath?.lines.at(-1)?.end, epoch);
  if (phase === 'reading' && position.done) setPhase('done');
  const attach = useCallback((el: HTMLAudioElement | null) => {
    audio.current = el;
    const release = releaseMediaOnUnmount(el);
    return () => {
      audio.current = null;
      release?.();
    };
  }, []);
  const shown = phase === 'ready' ? { line: -1, speaking: false, done: false } : position;
  const words = useRef<HTMLElement | null>(null);
  const drag = useMomentumScroll<HTMLElement>('y');
  const panel = useCallback((el: HTMLElement | null) => {
    words.current = el;
    return drag(el);
  }, [drag]);
  // The line being read stays in view when the words are longer than their panel.
  useEffect(() => {
    words.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [shown.line]);
  if (!oath) return null;
  const start = () => {
    began.current = performance.now();
    const a = audio.current;
    if (a) {
      a.currentTime = 0;
      void a.play().catch(() => undefined);
    }
    setEpoch((e) => e + 1);
    setPhase('reading');
  };
  const stop = () => {
    audio.current?.pause();
    setPhase('ready');
  };
  return (
    <ZonePage zone="oath" title={text(oath.title)} onHome={onHome}>
      <div className="oath-zone" data-phase={phase} data-line={shown.line}>
        <aside className="oath-side">
          {oath.flag && <img className="oath-flag" src={packAssetUrl(hall.packId, oath.flag)} alt="" />}
          {oath.intro && <p className="oath-intro">{text(oath.intro)}</p>}
          <div className="oath-actions">
            {phase === 'reading' ? (
              <button className="big-button" data-action="oath-stop" onClick={stop}>
                {WORDS.stop[locale]}
              </button>
            ) : (
              <button className="big-button oath-start" data-action="oath-start" onClick={start}>
                {phase === 'done' ? WORDS.again[locale] : WORDS.start[locale]}
              </button>
            )}
          </div>
          <p className="oath-status" aria-live="polite">
            {phase === 'reading' ? WORDS.reading[locale] : phase === 'done' ? WORDS.sworn[locale] : ''}
          </p>
        </aside>
        <section className="oath-text" aria-label={text(oath.title)} ref={panel} tabIndex={0}>
          <OathLines oath={oath} position={shown} locale={locale} />
          {phase === 'done' && oath.signature && <p className="oath-signature">{text(oath.signature)}</p>}
          <p className="oath-note">{WORDS.note[locale]}</p>
        </section>
        {oath.audio && <audio ref={attach} src={packAssetUrl(hall.packId, oath.audio)} preload="auto" />}
      </div>
    </ZonePage>
  );
}
