import * as THREE from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';

/**
 * Pack models (.glb) for the immersive surfaces: loaded from the host with three's own loader
 * (no decoder from a CDN: the demo model needs none, and a pack that needs Draco is refused by
 * the loader with an error the surface shows), centred and scaled to a unit size, and disposed
 * whole when a surface lets go of them, so geometries and textures return to their baseline.
 */

const loader = new GLTFLoader();

/** Loads a model and fits it in a box of `size` (its largest side), centred on the origin. */
export async function loadModel(url: string, size = 2): Promise<THREE.Group> {
  const gltf = await loader.loadAsync(url);
  const root = new THREE.Group();
  root.add(gltf.scene);
  const box = new THREE.Box3().setFromObject(gltf.scene);
  const dims = box.getSize(new THREE.Vector3());
  const scale = size / Math.max(dims.x, dims.y, dims.z, 1e-6);
  gltf.scene.scale.setScalar(scale);
  gltf.scene.position.copy(box.getCenter(new THREE.Vector3()).multiplyScalar(-scale));
  return root;
}

/** Frees every geometry, material and texture under an object (what three's renderer.info counts). */
export function disposeObject(obj: THREE.Object3D): void {
  obj.traverse((o) => {
    const mesh = o as THREE.Mesh;
    mesh.geometry?.dispose();
    const materials = Array.isArray(mesh.material) ? mesh.material : mesh.material ? [mesh.material] : [];
    for (const m of materials) {
      for (const value of Object.values(m)) if (value instanceof THREE.Texture) value.dispose();
      m.dispose();
    }
  });
  obj.removeFromParent();
}

/** The first 3D model among a pack's exhibits (what the CAVE and hologram show when no show names one). */
export function firstModel(modules: ReadonlyArray<{ items?: ReadonlyArray<{ kind: string; src?: string | undefined }> | undefined }> | undefined): string | undefined {
  for (const m of modules ?? []) for (const it of m.items ?? []) if (it.kind === 'model' && it.src) return it.src;
  return undefined;
}

/**
 * A scene's pack model for as long as a React effect lasts: loaded into `holder` (after `prepare`),
 * and disposed when the effect ends, even if it ends before the model arrives. Returns the cleanup.
 */
export function holdModel(url: string | undefined, size: number, holder: { current: THREE.Object3D | null }, prepare?: (m: THREE.Group) => void): () => void {
  if (!url) return () => undefined;
  let live = true;
  let loaded: THREE.Group | undefined;
  loadModel(url, size)
    .then((m) => {
      prepare?.(m);
      loaded = m;
      if (live && holder.current) holder.current.add(m);
      else disposeObject(m);
    })
    .catch(() => undefined);
  return () => {
    live = false;
    if (loaded) disposeObject(loaded);
  };
}
