import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { ringSlice } from '../../core/surface/geometry';
import type { SurfacePlacement } from '../../core/surface/placement';

/**
 * The ring's own scene between shows: a band of light all the way round the viewer (the hall's
 * slogan, red banners, a gold horizon) and rising motes. Each segment's camera looks along its
 * yaw slice with a horizontal field of exactly 360°/n, and the band turns by host time, so the
 * segments meet without a seam and turn together.
 */

function bandTexture(slogan: string): THREE.CanvasTexture {
  const c = document.createElement('canvas');
  c.width = 4096;
  c.height = 1024;
  const g = c.getContext('2d')!;
  const sky = g.createLinearGradient(0, 0, 0, 1024);
  sky.addColorStop(0, '#120203');
  sky.addColorStop(0.55, '#5c0a0e');
  sky.addColorStop(0.72, '#e0a940');
  sky.addColorStop(0.78, '#8b0f15');
  sky.addColorStop(1, '#120203');
  g.fillStyle = sky;
  g.fillRect(0, 0, 4096, 1024);
  // Eight banners and the slogan between them, evenly round the ring (the texture wraps at 4096).
  for (let i = 0; i < 8; i++) {
    const x = i * 512;
    g.fillStyle = 'rgba(215, 38, 30, 0.85)';
    g.fillRect(x + 40, 120, 70, 520);
    g.fillStyle = '#f4c66b';
    g.beginPath();
    for (let k = 0; k < 5; k++) {
      const a = -Math.PI / 2 + (k * 4 * Math.PI) / 5;
      g.lineTo(x + 75 + Math.cos(a) * 26, 190 + Math.sin(a) * 26);
    }
    g.fill();
    g.fillStyle = '#ffe2a8';
    g.font = '700 86px "Noto Serif SC Variable", "Noto Serif SC", serif';
    g.textAlign = 'center';
    g.shadowColor = 'rgba(255, 190, 90, 0.9)';
    g.shadowBlur = 24;
    g.fillText(slogan.slice(0, 5), x + 310, 420, 380);
    g.shadowBlur = 0;
  }
  // A city's skyline against the gold horizon, repeating every 1024 px.
  g.fillStyle = '#2a0305';
  for (let x = 0; x < 4096; x += 64) {
    const h = 60 + ((x * 7919) % 160);
    g.fillRect(x, 760 - h, 56, h + 40);
  }
  const tex = new THREE.CanvasTexture(c);
  tex.colorSpace = THREE.SRGBColorSpace;
  tex.wrapS = THREE.RepeatWrapping;
  // Seen from inside the band: mirror it back so the slogan reads left to right.
  tex.repeat.x = -1;
  return tex;
}

function RingCamera({ ring }: { ring: NonNullable<SurfacePlacement['ring']> }) {
  const get = useThree((s) => s.get);
  const size = useThree((s) => s.size);
  useLayoutEffect(() => {
    const camera = get().camera as THREE.PerspectiveCamera;
    const slice = ringSlice(ring.index, ring.count, size.width, size.height, ring.yawOffsetDeg, ring.pitchDeg);
    // A flat segment's horizontal field is its share of the ring (capped where one screen cannot show it).
    const h = Math.min(150, 360 / ring.count) * (Math.PI / 180);
    camera.fov = (2 * Math.atan(Math.tan(h / 2) / (size.width / size.height)) * 180) / Math.PI;
    camera.aspect = size.width / size.height;
    camera.position.set(0, 0, 0);
    camera.rotation.set((ring.pitchDeg * Math.PI) / 180, (-slice.centreYawDeg * Math.PI) / 180, 0, 'YXZ');
    camera.near = 0.1;
    camera.far = 100;
    camera.updateProjectionMatrix();
  }, [get, size, ring]);
  return null;
}

export function RingScene({ slogan, ring, hostNow }: { slogan: string; ring: NonNullable<SurfacePlacement['ring']>; hostNow: () => number }) {
  const band = useRef<THREE.Mesh>(null);
  const motes = useRef<THREE.Points>(null);
  const texture = useMemo(() => bandTexture(slogan), [slogan]);
  useEffect(() => () => texture.dispose(), [texture]);
  const positions = useMemo(() => {
    const p = new Float32Array(1200 * 3);
    for (let i = 0; i < 1200; i++) {
      const a = i * 2.399963;
      const r = 4 + ((i * 7919) % 1000) / 200;
      p[i * 3] = Math.cos(a) * r;
      p[i * 3 + 1] = (((i * 104729) % 1000) / 1000) * 8 - 4;
      p[i * 3 + 2] = Math.sin(a) * r;
    }
    return p;
  }, []);
  useFrame(() => {
    // One turn in four minutes, on the host clock: every segment is at the same angle.
    const t = hostNow() / 1000;
    if (band.current) band.current.rotation.y = (t * (Math.PI * 2)) / 240 % (Math.PI * 2);
    if (motes.current) motes.current.position.y = ((t * 0.15) % 2) - 1;
  });
  return (
    <>
      <RingCamera ring={ring} />
      <color attach="background" args={['#120203']} />
      <mesh ref={band}>
        <cylinderGeometry args={[10, 10, 9, 128, 1, true]} />
        <meshBasicMaterial map={texture} side={THREE.BackSide} />
      </mesh>
      <points ref={motes}>
        <bufferGeometry>
          <bufferAttribute attach="attributes-position" args={[positions, 3]} />
        </bufferGeometry>
        <pointsMaterial color="#f4c66b" size={0.05} sizeAttenuation transparent opacity={0.8} blending={THREE.AdditiveBlending} depthWrite={false} />
      </points>
    </>
  );
}
