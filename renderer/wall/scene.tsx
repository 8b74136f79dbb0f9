import { useEffect, useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import * as THREE from 'three';

/**
 * The light-and-shadow (光影) wall: slow beams of light, rising gold motes and the hall title
 * glowing in the bundled serif font. Everything is made here: no file, no network.
 * Each object owns its ref and useFrame, animates by mutation and allocates nothing per frame.
 */

const GOLD = new THREE.Color('#f4c66b');
const RED = new THREE.Color('#d7261e');

/** A vertical soft-edged gradient used by the beams. */
function beamTexture(): THREE.CanvasTexture {
  const c = document.createElement('canvas');
  c.width = 64;
  c.height = 256;
  const g = c.getContext('2d')!;
  const h = g.createLinearGradient(0, 0, 64, 0);
  h.addColorStop(0, 'rgba(255,255,255,0)');
  h.addColorStop(0.5, 'rgba(255,255,255,1)');
  h.addColorStop(1, 'rgba(255,255,255,0)');
  g.fillStyle = h;
  g.fillRect(0, 0, 64, 256);
  g.globalCompositeOperation = 'destination-in';
  const v = g.createLinearGradient(0, 0, 0, 256);
  v.addColorStop(0, 'rgba(0,0,0,0)');
  v.addColorStop(0.3, 'rgba(0,0,0,1)');
  v.addColorStop(1, 'rgba(0,0,0,0.2)');
  g.fillStyle = v;
  g.fillRect(0, 0, 64, 256);
  const tex = new THREE.CanvasTexture(c);
  tex.colorSpace = THREE.SRGBColorSpace;
  return tex;
}

function LightBeams({ count = 7 }: { count?: number }) {
  const group = useRef<THREE.Group>(null);
  const texture = useMemo(() => beamTexture(), []);
  const beams = useMemo(
    () =>
      Array.from({ length: count }, (_, i) => ({
        x: (i - (count - 1) / 2) * 2.6,
        tilt: ((i % 3) - 1) * 0.18,
        phase: i * 1.7,
        color: i % 2 === 0 ? RED : GOLD,
        width: 0.8 + (i % 3) * 0.35,
      })),
    [count],
  );
  useEffect(() => () => texture.dispose(), [texture]);
  useFrame(({ clock }) => {
    const g = group.current;
    if (!g) return;
    const t = clock.elapsedTime;
    g.children.forEach((child, i) => {
      const b = beams[i];
      if (!b) return;
      child.rotation.z = b.tilt + Math.sin(t * 0.25 + b.phase) * 0.12;
      const m = (child as THREE.Mesh).material as THREE.MeshBasicMaterial;
      m.opacity = 0.18 + 0.12 * Math.sin(t * 0.6 + b.phase);
    });
  });
  return (
    <group ref={group} position={[0, 2, -6]}>
      {beams.map((b, i) => (
        <mesh key={i} position={[b.x, 0, 0]}>
          <planeGeometry args={[b.width, 16]} />
          <meshBasicMaterial map={texture} color={b.color} transparent opacity={0.25} blending={THREE.AdditiveBlending} depthWrite={false} />
        </mesh>
      ))}
    </group>
  );
}

function Motes({ count = 900 }: { count?: number }) {
  const points = useRef<THREE.Points>(null);
  const { positions, speeds } = useMemo(() => {
    // A fixed pattern (golden-angle spiral), so every wall looks the same and nothing is random.
    const positions = new Float32Array(count * 3);
    const speeds = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      const a = i * 2.399963;
      const r = 2 + ((i * 7919) % 1000) / 90;
      positions[i * 3] = Math.cos(a) * r;
      positions[i * 3 + 1] = ((i * 104729) % 1000) / 1000 * 12 - 6;
      positions[i * 3 + 2] = Math.sin(a) * r * 0.5 - 4;
      speeds[i] = 0.15 + ((i * 31) % 100) / 250;
    }
    return { positions, speeds };
  }, [count]);
  useFrame((_, delta) => {
    const p = points.current;
    if (!p) return;
    const attr = p.geometry.getAttribute('position') as THREE.BufferAttribute;
    const arr = attr.array as Float32Array;
    for (let i = 0; i < count; i++) {
      const y = (arr[i * 3 + 1] ?? 0) + (speeds[i] ?? 0) * delta;
      arr[i * 3 + 1] = y > 6 ? -6 : y;
    }
    attr.needsUpdate = true;
    p.rotation.y += delta * 0.02;
  });
  return (
    <points ref={points}>
      <bufferGeometry>
        <bufferAttribute attach="attributes-position" args={[positions, 3]} />
      </bufferGeometry>
      <pointsMaterial color={GOLD} size={0.06} sizeAttenuation transparent opacity={0.85} blending={THREE.AdditiveBlending} depthWrite={false} />
    </points>
  );
}

/** Draws text with the bundled font onto a texture: crisp CJK with no font file fetched at runtime. */
function titleTexture(title: string, slogan: string): THREE.CanvasTexture {
  const c = document.createElement('canvas');
  c.width = 2048;
  c.height = 512;
  const g = c.getContext('2d')!;
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  const grad = g.createLinearGradient(0, 80, 0, 300);
  grad.addColorStop(0, '#fff3cf');
  grad.addColorStop(0.55, '#f4c66b');
  grad.addColorStop(1, '#c98a2b');
  g.shadowColor = 'rgba(255, 190, 90, 0.9)';
  g.shadowBlur = 40;
  g.fillStyle = grad;
  g.font = '700 190px "Noto Serif SC Variable", "Noto Serif SC", serif';
  g.fillText(title, 1024, 200, 1960);
  g.shadowBlur = 18;
  g.fillStyle = '#ffe2b0';
  g.font = '500 78px "Noto Serif SC Variable", "Noto Serif SC", serif';
  g.fillText(slogan, 1024, 400, 1900);
  const tex = new THREE.CanvasTexture(c);
  tex.colorSpace = THREE.SRGBColorSpace;
  tex.anisotropy = 4;
  return tex;
}

function Title({ title, slogan }: { title: string; slogan: string }) {
  const mesh = useRef<THREE.Mesh>(null);
  const texture = useMemo(() => titleTexture(title, slogan), [title, slogan]);
  useEffect(() => () => texture.dispose(), [texture]);
  useFrame(({ clock }) => {
    const m = mesh.current;
    if (!m) return;
    (m.material as THREE.MeshBasicMaterial).opacity = 0.88 + 0.12 * Math.sin(clock.elapsedTime * 0.8);
    m.position.y = 0.6 + Math.sin(clock.elapsedTime * 0.4) * 0.05;
  });
  return (
    <mesh ref={mesh} position={[0, 0.6, 0]}>
      <planeGeometry args={[12, 3]} />
      <meshBasicMaterial map={texture} transparent depthWrite={false} />
    </mesh>
  );
}

function Floor() {
  return (
    <mesh rotation={[-Math.PI / 2, 0, 0]} position={[0, -3, -2]}>
      <circleGeometry args={[14, 64]} />
      <meshBasicMaterial color="#3a0606" transparent opacity={0.6} />
    </mesh>
  );
}

export function LightAndShadowScene({ title, slogan }: { title: string; slogan: string }) {
  return (
    <>
      <color attach="background" args={['#120203']} />
      <fog attach="fog" args={['#120203', 8, 22]} />
      <Floor />
      <LightBeams />
      <Motes />
      <Title title={title} slogan={slogan} />
    </>
  );
}
