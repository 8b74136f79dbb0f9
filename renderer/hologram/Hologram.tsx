import { Suspense, useCallback, useEffect, useState } from 'react';
import { Canvas } from '@react-three/fiber';
import { packAssetUrl } from '../../core/pack/url';
import { useHost } from '../host/context';
import { ErrorBoundary } from '../common/ErrorBoundary';
import { firstModel } from '../common/model';
import { ShowLayer } from '../show/ShowLayer';
import { HologramScene } from './HologramScene';
import '../wall/wall.css';

/**
 * The screen under a Pepper's-ghost pyramid: four views of the pack's model (or a show's scene
 * model) on black, one for each face of the pyramid, so the model seems to float inside it.
 */
export function Hologram() {
  const { state, connection } = useHost();
  const [showActive, setShowActive] = useState(false);
  const [showModel, setShowModel] = useState<string | undefined>(undefined);
  const packModel = state.hall ? firstModel(state.hall.modules) : undefined;
  const modelUrl = showModel ?? (packModel && state.hall ? packAssetUrl(state.hall.packId, packModel) : undefined);
  const onScene = useCallback((url: string | undefined) => setShowModel(url), []);
  useEffect(() => {
    if (state.status === 'connected' && !showActive && !state.table) connection.send({ type: 'surface.state', screen: 'hologram:four-view', locale: 'zh-Hans' });
  }, [connection, state.status, showActive, state.table]);
  return (
    <div className="wall hologram" data-testid="hologram" style={{ background: '#000' }}>
      <ErrorBoundary fallback={<div className="wall-fallback" />}>
        <Canvas gl={{ antialias: true }} dpr={1} frameloop={(showActive && !showModel) || state.table ? 'never' : 'always'}>
          <Suspense fallback={null}>
            <HologramScene modelUrl={modelUrl} hostNow={() => connection.hostNow()} />
          </Suspense>
        </Canvas>
      </ErrorBoundary>
      <ShowLayer onActive={setShowActive} onScene={onScene} />
    </div>
  );
}
