import { Suspense, useEffect, useState } from 'react';
import { Canvas } from '@react-three/fiber';
import { useHost } from '../host/context';
import { useT } from '../i18n';
import { ErrorBoundary } from '../common/ErrorBoundary';
import { ShowLayer } from '../show/ShowLayer';
import { RingScene } from './RingScene';
import '../wall/wall.css';

/**
 * A segment of the 360° ring (hall.yaml places it: `ring: { index, count, yawOffset }`, by
 * default the ring surfaces in file order). Shows draw their equirectangular pictures and films
 * sliced by yaw (the show player lays them out); between shows the ring's own band of light.
 */
export function Ring() {
  const { state, connection } = useHost();
  const { text } = useT();
  const [showActive, setShowActive] = useState(false);
  // A show about to start already has the frames (its first cue must not wait behind the band).
  const [showArmed, setShowArmed] = useState(false);
  const [fontsReady, setFontsReady] = useState(false);
  const ring = state.surface?.placement?.ring ?? { index: 0, count: 1, yawOffsetDeg: 0, pitchDeg: 0 };
  const slogan = state.hall?.slogan ? text(state.hall.slogan) : state.hall ? text(state.hall.title) : '';

  useEffect(() => {
    if (!slogan) return;
    document.fonts.load('700 86px "Noto Serif SC Variable"', slogan).catch(() => undefined).finally(() => setFontsReady(true));
  }, [slogan]);
  useEffect(() => {
    if (state.status === 'connected' && !showActive && !state.table) connection.send({ type: 'surface.state', screen: `ring:${ring.index}/${ring.count}`, locale: 'zh-Hans' });
  }, [connection, state.status, showActive, ring.index, ring.count, state.table]);

  return (
    <div className="wall ring" data-testid="ring" data-ring={`${ring.index}/${ring.count}`}>
      <ErrorBoundary fallback={<div className="wall-fallback"><h1>{slogan}</h1></div>}>
        <Canvas gl={{ antialias: true }} dpr={1} frameloop={showActive || showArmed || state.table ? 'never' : 'always'}>
          <Suspense fallback={null}>{fontsReady && <RingScene slogan={slogan} ring={ring} hostNow={() => connection.hostNow()} />}</Suspense>
        </Canvas>
      </ErrorBoundary>
      <ShowLayer onActive={setShowActive} onArmed={setShowArmed} />
    </div>
  );
}
