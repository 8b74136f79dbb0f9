import { useEffect } from 'react';
import { useHost } from '../host/context';
import './control.css';

/** Mutes (or unmutes) every media element on the page, now and as new ones appear. */
function muteMedia(muted: boolean): () => void {
  const apply = () => document.querySelectorAll('audio, video').forEach((m) => ((m as HTMLMediaElement).muted = muted));
  apply();
  // Sound through Web Audio (howler) is muted at its global gain; only fetched when sound is silenced or was.
  void import('howler').then(({ Howler }) => Howler.mute(muted)).catch(() => undefined);
  if (!muted) return () => undefined;
  const watch = new MutationObserver(apply);
  watch.observe(document.body, { childList: true, subtree: true });
  return () => watch.disconnect();
}

/**
 * What the control desk holds for this surface (docs/control.md): black over everything for a
 * blackout or closing time, and silence for "pause all sound" (pictures go on). The screen
 * underneath keeps its state, so "bring everything back" returns it as it was.
 */
export function ControlCover() {
  const { state } = useHost();
  const c = state.control;
  const muted = c?.muted ?? false;
  useEffect(() => {
    if (!muted && !c) return;
    return muteMedia(muted);
  }, [muted, c]);
  if (!c || (!c.blackout && !c.asleep)) return null;
  return <div className="control-cover" data-testid="control-cover" data-state={c.asleep ? 'asleep' : 'blackout'} aria-hidden="true" />;
}
