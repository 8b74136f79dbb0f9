import { useEffect } from 'react';
import type { StoryView } from '../../core/story/view';
import type { TablePublic } from '../../core/protocol/tables';
import { mediaUrl } from './model';

type Sound = { stop(): void; unload(): void };

/** The audio cues of a phase: its audio plays once, its ambience loops, both through howler. */
export function soundCues(view: StoryView | undefined): Array<{ src: string; loop: boolean }> {
  return (view?.phase.media ?? []).filter((m) => m.kind === 'audio' || m.kind === 'ambience').map((m) => ({ src: m.src, loop: m.kind === 'ambience' || m.loop === true }));
}

/**
 * Plays the current phase's sound on the shared screen and stops it when the phase changes.
 * howler is loaded only when a phase has sound, so screens without any never fetch it.
 */
export function useSoundCues(view: StoryView | undefined, table: TablePublic | undefined): void {
  const phase = view?.phase.id;
  const key = table ? soundCues(view).map((c) => `${c.loop ? 'loop:' : ''}${mediaUrl(table, c.src)}`).join('|') : '';
  useEffect(() => {
    if (!key) return;
    let live = true;
    const sounds: Sound[] = [];
    void import('howler').then(({ Howl }) => {
      if (!live) return;
      for (const part of key.split('|')) {
        const loop = part.startsWith('loop:');
        const src = loop ? part.slice(5) : part;
        sounds.push(new Howl({ src: [src], loop, html5: true, volume: loop ? 0.5 : 1, autoplay: true }));
      }
    });
    return () => {
      live = false;
      for (const s of sounds) {
        s.stop();
        s.unload();
      }
    };
  }, [key, phase]);
}
