import { useEffect, useRef } from 'react';
import { useHost } from '../host/context';
import { ShowPlayer } from './player';
import './show.css';

/** The show over a surface's own scene: cues from the host, presented on the host clock. */
export function ShowLayer({ onActive }: { onActive?: (active: boolean) => void }) {
  const { connection } = useHost();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const player = new ShowPlayer(ref.current!, connection, onActive);
    return () => player.dispose();
  }, [connection, onActive]);
  return <div ref={ref} className="show-layer" data-testid="show-layer" />;
}
