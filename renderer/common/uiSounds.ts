// The UI sounds every hall shares, from the top-level assets/ (made by tools/make-ui-sounds.ts).
// One audio element per sound, made on first use and reused: a kiosk plays these thousands of
// times a day and must not collect elements.
import tapUrl from '../../assets/sounds/tap.wav';
import warnUrl from '../../assets/sounds/warn.wav';
import resetUrl from '../../assets/sounds/reset.wav';

export const UI_SOUND_URLS = { tap: tapUrl, warn: warnUrl, reset: resetUrl } as const;
export type UiSound = keyof typeof UI_SOUND_URLS;

const players = new Map<UiSound, HTMLAudioElement>();

/** Plays a UI sound from its start; a page the browser does not yet let play stays silent. */
export function playUiSound(name: UiSound): void {
  let a = players.get(name);
  if (!a) {
    a = new Audio(UI_SOUND_URLS[name]);
    a.volume = 0.6;
    players.set(name, a);
  }
  a.currentTime = 0;
  a.play().catch(() => undefined);
}
