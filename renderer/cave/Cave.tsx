import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Canvas } from '@react-three/fiber';
import { packAssetUrl } from '../../core/pack/url';
import { DEFAULT_CAVE_WALLS, DEFAULT_EYE } from '../../core/surface/placement';
import { useHost } from '../host/context';
import { useT } from '../i18n';
import { ErrorBoundary } from '../common/ErrorBoundary';
import { firstModel } from '../common/model';
import { ShowLayer } from '../show/ShowLayer';
import { caveCamera, CaveScene } from './CaveScene';
import '../wall/wall.css';

/**
 * A wall (or the floor) of the L-shaped CAVE room. Every CAVE surface renders the same scene
 * through its own off-axis frustum from hall.yaml's corners and the viewer's eye, so the room
 * reads as one space across the corner. A show's 3D scene replaces the pack's model here.
 */
export function Cave() {
  const { state, connection } = useHost();
  const { text } = useT();
  const [showActive, setShowActive] = useState(false);
  const [showModel, setShowModel] = useState<string | undefined>(undefined);
  const cave = state.surface?.placement?.cave ?? { ...DEFAULT_CAVE_WALLS[0]!, eye: DEFAULT_EYE };
  const caveKey = JSON.stringify(cave);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the camera follows the corners' values, not the object
  const camera = useMemo(() => caveCamera(cave), [caveKey]);
  const packModel = state.hall ? firstModel(state.hall.modules) : undefined;
  const modelUrl = showModel ?? (packModel && state.hall ? packAssetUrl(state.hall.packId, packModel) : undefined);
  const onScene = useCallback((url: string | undefined) => setShowModel(url), []);

  useEffect(() => {
    if (state.status === 'connected' && !showActive && !state.table) connection.send({ type: 'surface.state', screen: `cave:${state.surface?.id ?? ''}`, locale: 'zh-Hans' });
  }, [connection, state.status, showActive, state.surface?.id, state.table]);

  const title = state.hall ? text(state.hall.title) : '';
  return (
    <div className="wall cave" data-testid="cave">
      <ErrorBoundary fallback={<div className="wall-fallback"><h1>{title}</h1></div>}>
        {/* Under a show the room keeps drawing only when the show's scene is in it. */}
        <Canvas camera={camera} gl={{ antialias: true }} dpr={1} frameloop={(showActive && !showModel) || state.table ? 'never' : 'always'}>
          <Suspense fallback={null}>
            <CaveScene modelUrl={modelUrl} hostNow={() => connection.hostNow()} />
          </Suspense>
        </Canvas>
      </ErrorBoundary>
      <ShowLayer onActive={setShowActive} onScene={onScene} />
    </div>
  );
}
