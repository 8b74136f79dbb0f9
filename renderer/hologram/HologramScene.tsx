import { useEffect, useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import * as THREE from 'three';
import { hologramViews } from '../../core/surface/geometry';
import { disposeObject, holdModel } from '../common/model';

/**
 * The hologram pyramid's four views of one model on black: the same turning model seen from the
 * front, right, back and left, each view placed and turned for its face of the pyramid
 * (core/surface/geometry hologramViews) and mirrored, because the glass reflects it.
 */
function makeHalo(): THREE.Points {
  const n = 240;
  const p = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    const a = (i / n) * Math.PI * 2;
    p[i * 3] = Math.cos(a) * 1.6;
    p[i * 3 + 1] = Math.sin(i * 0.7) * 0.08;
    p[i * 3 + 2] = Math.sin(a) * 1.6;
  }
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.BufferAttribute(p, 3));
  return new THREE.Points(g, new THREE.PointsMaterial({ color: '#f4c66b', size: 0.045 }));
}

/** Each view is mirrored (a flipped projection), so faces are drawn from both sides. */
function doubleSided(m: THREE.Group): void {
  m.traverse((o) => {
    const mat = (o as THREE.Mesh).material as THREE.Material | THREE.Material[] | undefined;
    for (const x of Array.isArray(mat) ? mat : mat ? [mat] : []) x.side = THREE.DoubleSide;
  });
}

export function HologramScene({ modelUrl, hostNow }: { modelUrl: string | undefined; hostNow: () => number }) {
  const holder = useRef<THREE.Group>(null);
  const camera = useRef<THREE.PerspectiveCamera>(null);
  const halo = useMemo(() => makeHalo(), []);
  useEffect(() => () => disposeObject(halo), [halo]);
  useEffect(() => holdModel(modelUrl, 2, holder, doubleSided), [modelUrl]);

  // Priority 1: this frame callback draws the four views itself instead of r3f's one render.
  useFrame(({ gl, scene, size }) => {
    const cam = camera.current;
    if (!cam) return;
    const t = hostNow() / 1000;
    if (holder.current) holder.current.rotation.y = (t * 0.5) % (Math.PI * 2);
    gl.setScissorTest(false);
    gl.setClearColor('#000000', 1);
    gl.clear();
    gl.setScissorTest(true);
    for (const v of hologramViews(size.width, size.height)) {
      const y = size.height - v.rect.y - v.rect.height;
      gl.setViewport(v.rect.x, y, v.rect.width, v.rect.height);
      gl.setScissor(v.rect.x, y, v.rect.width, v.rect.height);
      const yaw = (v.yawDeg * Math.PI) / 180;
      cam.position.set(Math.sin(yaw) * 6, 0.4, Math.cos(yaw) * 6);
      cam.up.set(0, 1, 0);
      cam.lookAt(0, 0, 0);
      // Mirror first, then turn: a flipped projection and a roll the other way (see hologramViews).
      cam.rotateZ((-v.rotationDeg * Math.PI) / 180);
      cam.updateProjectionMatrix();
      cam.projectionMatrix.elements[0] *= -1;
      cam.projectionMatrixInverse.copy(cam.projectionMatrix).invert();
      gl.render(scene, cam);
    }
    gl.setScissorTest(false);
  }, 1);
  return (
    <>
      <perspectiveCamera ref={camera} args={[32, 1, 0.1, 50]} />
      <ambientLight intensity={0.7} />
      <directionalLight position={[3, 4, 5]} intensity={2.4} color="#fff3cf" />
      <directionalLight position={[-4, 1, -3]} intensity={1.6} color="#ff6a4d" />
      <group ref={holder}>
        <primitive object={halo} />
      </group>
    </>
  );
}
