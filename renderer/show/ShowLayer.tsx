import { useEffect, useRef } from 'react';
import { useHost } from '../host/context';
import { ShowPlayer } from './player';
import './show.css';

/**
 * The show over a surface's own scene: cues from the host, presented on the host clock, laid out
 * for the surface's place in the room (a spanning canvas, a ring slice). A surface with its own
 * 3D view passes `onScene` and draws a show's model itself.
 */
export function ShowLayer({ onActive, onScene, onArmed }: { onActive?: (active: boolean) => void; onScene?: (url: string | undefined) => void; onArmed?: (armed: boolean) => void }) {
  const { connection, state } = useHost();
  const ref = useRef<HTMLDivElement>(null);
  const placement = state.surface?.placement;
  const placementKey = JSON.stringify(placement ?? null);
  const player = useRef<ShowPlayer>(undefined);
  const covered = !!state.table;
  useEffect(() => {
    const p = new ShowPlayer(ref.current!, connection, onActive, 'zh-Hans', { placement: JSON.parse(placementKey) ?? undefined, onScene, onArmed });
    player.current = p;
    // Tests and benches read the player (three.js memory of its 3D stage) from here.
    (window as unknown as { redhallShow?: ShowPlayer }).redhallShow = p;
    return () => p.dispose();
  }, [connection, onActive, onScene, onArmed, placementKey]);
  // A script-kill table over the surface: the table, not the show under it, says what is on screen.
  useEffect(() => player.current?.setCovered(covered), [covered, placementKey, connection, onActive, onScene, onArmed]);
  return <div ref={ref} className="show-layer" data-testid="show-layer" />;
}
