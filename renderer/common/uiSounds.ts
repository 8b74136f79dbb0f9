// The UI sounds every hall shares, from the top-level assets/ (made by tools/make-ui-sounds.ts).
// One audio element per sound, made on first use and reused: a kiosk plays these thousands of
// times a day and must not collect elements.
import tapUrl from '../../assets/sounds/tap.wav';
import warnUrl from '../../assets/sounds/warn.wav';
import resetUrl from '../../assets/sounds/reset.wav';

export const UI_SOUND_URLS = { tap: tapUrl, warn: warnUrl, reset: resetUrl } as const;
export type UiSound = keyof typeof UI_SOUND_URLS;

const players = new Map<UiSound, HTMLAudioElement>();
/** Sounds whose last play() has not yet started or failed (their file is still loading). */
const starting = new Set<UiSound>();

/**
 * Plays a UI sound from its start; a page the browser does not yet let play stays silent. While
 * the sound's file is still loading its last play is still waiting: that one starts it, and no
 * further play() is stacked on it (each waiting play is a promise the element keeps: a file that
 * never loads made the kiosk keep two per visitor, soak runs found).
 */
export function playUiSound(name: UiSound): void {
  let a = players.get(name);
  if (!a) {
    a = new Audio(UI_SOUND_URLS[name]);
    a.volume = 0.6;
    players.set(name, a);
  }
  a.currentTime = 0;
  if (starting.has(name)) return;
  starting.add(name);
  a.play()
    .catch(() => undefined)
    .finally(() => starting.delete(name));
}
