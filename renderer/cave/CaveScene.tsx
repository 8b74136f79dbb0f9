import { useEffect, useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import * as THREE from 'three';
import { frustumMatrix, offAxisFrustum, type Vec3, type WallCorners } from '../../core/surface/geometry';
import { disposeObject, holdModel } from '../common/model';

type CavePlacement = WallCorners & { eye: Vec3 };

/**
 * One wall of the CAVE: the room's one 3D scene through this wall's off-axis frustum (Kooima),
 * from the viewer's eye. The camera sits at the eye, faces along the wall's normal, and its
 * projection is the window the wall's corners cut out, so the walls of the room join at the
 * corners like windows onto one space. r3f is told the camera is its own (`manual`).
 */
export function caveCamera(cave: CavePlacement): THREE.PerspectiveCamera {
  const camera = new THREE.PerspectiveCamera();
  (camera as THREE.PerspectiveCamera & { manual: boolean }).manual = true;
  const f = offAxisFrustum(cave, cave.eye, 0.05, 400);
  camera.projectionMatrix.fromArray(frustumMatrix(f));
  camera.projectionMatrixInverse.copy(camera.projectionMatrix).invert();
  const basis = new THREE.Matrix4().makeBasis(new THREE.Vector3(...f.right3), new THREE.Vector3(...f.up3), new THREE.Vector3(...f.normal3));
  camera.quaternion.setFromRotationMatrix(basis);
  camera.position.set(...f.eye);
  camera.updateMatrixWorld(true);
  // Nothing may recompute this projection from a field of view.
  camera.updateProjectionMatrix = () => undefined;
  return camera;
}

const GOLD = new THREE.Color('#f4c66b');

/** The room beyond the walls: a floor of light lines, pillars round the viewer, the model at the corner. */
export function CaveScene({ modelUrl, hostNow }: { modelUrl: string | undefined; hostNow: () => number }) {
  const pillars = useRef<THREE.Group>(null);
  const holder = useRef<THREE.Group>(null);
  useEffect(() => holdModel(modelUrl, 2.2, holder), [modelUrl]);
  const grid = useMemo(() => {
    const g = new THREE.GridHelper(80, 80, '#d7261e', '#5c0a0e');
    g.position.y = 0.001;
    return g;
  }, []);
  useEffect(() => () => disposeObject(grid), [grid]);
  useFrame(() => {
    const t = hostNow() / 1000;
    const h = holder.current;
    if (h) {
      h.rotation.y = (t * 0.4) % (Math.PI * 2);
      h.position.y = 1.7 + Math.sin(t * 0.8) * 0.08;
    }
    if (pillars.current) pillars.current.rotation.y = (t * 0.02) % (Math.PI * 2);
  });
  const pillarSpots = useMemo(() => Array.from({ length: 16 }, (_, i) => (i / 16) * Math.PI * 2), []);
  return (
    <>
      <color attach="background" args={['#120203']} />
      <fog attach="fog" args={['#120203', 8, 40]} />
      <hemisphereLight args={['#ffe9c4', '#3a0606', 1.4]} />
      <directionalLight position={[4, 8, 3]} intensity={2.2} color="#fff3cf" />
      <primitive object={grid} />
      <group ref={pillars}>
        {pillarSpots.map((a, i) => (
          <group key={i} position={[Math.cos(a) * 9, 0, Math.sin(a) * 9]}>
            <mesh position={[0, 2.5, 0]}>
              <boxGeometry args={[0.5, 5, 0.5]} />
              <meshStandardMaterial color="#8b0f15" emissive="#3d0508" />
            </mesh>
            <mesh position={[0, 5.3, 0]}>
              <sphereGeometry args={[0.35, 24, 16]} />
              <meshBasicMaterial color={GOLD} />
            </mesh>
          </group>
        ))}
      </group>
      {/* The model stands beyond the front-left corner, so the corner runs through it. */}
      <group position={[-3.2, 0, -3.2]}>
        <group ref={holder} position={[0, 1.7, 0]} />
        <mesh position={[0, 0.3, 0]}>
          <cylinderGeometry args={[1.3, 1.5, 0.6, 48]} />
          <meshStandardMaterial color="#5c0a0e" emissive="#2a0305" />
        </mesh>
      </group>
    </>
  );
}
