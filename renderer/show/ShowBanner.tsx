import { useEffect, useRef } from 'react';
import { useHost } from '../host/context';
import { ShowPlayer } from './player';
import './show.css';

/**
 * A show's words on the kiosk: when a show has cues for the kiosk (its text cues), they appear
 * as a banner along the top of the kiosk's own screen, in step with the walls; the kiosk stays
 * usable underneath.
 */
export function ShowBanner() {
  const { connection } = useHost();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const player = new ShowPlayer(ref.current!, connection, undefined, 'zh-Hans', { banner: true });
    return () => player.dispose();
  }, [connection]);
  return <div ref={ref} className="show-layer show-banner" data-testid="show-banner" />;
}
