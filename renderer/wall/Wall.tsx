import { Suspense, useEffect, useState } from 'react';
import { Canvas } from '@react-three/fiber';
import { useHost } from '../host/context';
import { useT } from '../i18n';
import { ErrorBoundary } from '../common/ErrorBoundary';
import { LightAndShadowScene } from './scene';
import './wall.css';
import { ShowLayer } from '../show/ShowLayer';
import { SpanCamera } from './SpanCamera';
import { Interactive } from './Interactive';
import { WallFocus } from './Focus';

let webgl: boolean | undefined;

/**
 * Whether this page can draw WebGL, asked once: each probe makes a WebGL context (slow on a
 * software GPU, and the browser keeps only 16, losing the oldest: the wall's own scene or a
 * show's 3D stage), so the probe's context is given back at once and the answer kept.
 */
function webglAvailable(): boolean {
  if (webgl !== undefined) return webgl;
  try {
    const c = document.createElement('canvas');
    const gl = c.getContext('webgl2') ?? c.getContext('webgl');
    webgl = !!gl;
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
  } catch {
    webgl = false;
  }
  return webgl;
}

/** Benches and soak tests read the scene's live three.js objects from here (the show's own stage is window.redhallShow). */
function exposeThree({ gl }: { gl: { info: { memory: { geometries: number; textures: number } } } }): void {
  (window as unknown as { redhallWallThree?: () => { geometries: number; textures: number } }).redhallWallThree = () => ({ geometries: gl.info.memory.geometries, textures: gl.info.memory.textures });
}

/** The calm stand-in when WebGL is missing or the scene fails: never a blank wall. */
function SceneFallback({ title, slogan }: { title: string; slogan: string }) {
  const { t } = useT();
  return (
    <div className="wall-fallback" data-testid="scene-fallback">
      <h1>{title}</h1>
      <p>{slogan}</p>
      <small>{t('sceneFallback')}</small>
    </div>
  );
}

/**
 * An immersive wall: the light-and-shadow scene with the hall title. A wall of a spanning group
 * (hall.yaml `span`) draws its part of one scene across the group's displays; an interactive
 * wall (`interactive: true`) answers touch with ripples and hotspots that open a story.
 */
export function Wall() {
  const { state, connection } = useHost();
  const { text } = useT();
  const [fontsReadyFor, setFontsReadyFor] = useState<string | null>(null);
  // While a show holds the wall its scene is covered: stop drawing it, the show needs the frames.
  const [showActive, setShowActive] = useState(false);
  // A show about to start already has the frames: its first cue must not wait behind the scene.
  const [showArmed, setShowArmed] = useState(false);
  const title = state.hall ? text(state.hall.title) : '';
  const slogan = state.hall?.slogan ? text(state.hall.slogan) : '';
  const span = state.surface?.placement?.span;
  const interactive = state.surface?.placement?.interactive === true && state.hall && !showActive && !state.table;

  useEffect(() => {
    // The title is drawn onto a texture: wait for the bundled font so it is not drawn in a fallback face.
    // Subsets load per character range, so wait for exactly these strings.
    const key = `${title}\n${slogan}`;
    if (!title) return;
    Promise.all([
      document.fonts.load(`700 64px "Noto Serif SC Variable"`, title),
      document.fonts.load(`500 64px "Noto Serif SC Variable"`, slogan || title),
    ])
      .catch(() => undefined)
      .finally(() => setFontsReadyFor(key));
  }, [title, slogan]);

  useEffect(() => {
    // While a show holds the wall, the show player says where it is; while a table does, the table.
    if (state.status === 'connected' && !showActive && !state.focus && !state.table) connection.send({ type: 'surface.state', screen: 'wall:light-and-shadow', locale: 'zh-Hans' });
  }, [connection, state.status, showActive, state.focus, state.table]);

  const fallback = <SceneFallback title={title} slogan={slogan} />;
  // Covered walls do not draw: a blackout, closing time or a docent's focus hides the scene.
  const covered = !!state.focus || !!state.control?.blackout || !!state.control?.asleep;
  const touchable = interactive && !covered;
  if (!webglAvailable()) return <>{fallback}{touchable && <Interactive hall={state.hall!} />}<WallFocus /><ShowLayer onActive={setShowActive} onArmed={setShowArmed} /></>;
  return (
    <div className="wall" data-testid="wall">
      <ErrorBoundary fallback={fallback}>
        <Canvas camera={{ position: [0, 0, 9], fov: 50 }} gl={{ antialias: true, powerPreference: 'high-performance' }} dpr={1} frameloop={state.table || showActive || showArmed || covered ? 'never' : 'always'} onCreated={exposeThree}>
          {span && <SpanCamera span={span} />}
          <Suspense fallback={null}>{fontsReadyFor === `${title}\n${slogan}` && title && <LightAndShadowScene title={title} slogan={slogan} />}</Suspense>
        </Canvas>
      </ErrorBoundary>
      {touchable && <Interactive hall={state.hall!} />}
      <WallFocus />
      <ShowLayer onActive={setShowActive} onArmed={setShowArmed} />
    </div>
  );
}
