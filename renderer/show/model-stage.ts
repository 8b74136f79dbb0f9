import * as THREE from 'three';
import { disposeObject, loadModel } from '../common/model';

/**
 * A show's 3D scene on a wall: one pack model, lit and turning on a red-gold stage. The turn is
 * a function of host time, so every wall showing the scene shows the same angle. One WebGL
 * renderer for the player's life (contexts are dear); each model is disposed when its cue ends.
 */
export class ModelStage {
  readonly canvas: HTMLCanvasElement;
  private renderer: THREE.WebGLRenderer | undefined;
  private readonly scene = new THREE.Scene();
  private readonly camera = new THREE.PerspectiveCamera(40, 16 / 9, 0.1, 100);
  private model: THREE.Group | undefined;
  private url: string | undefined;
  private loading = 0;
  private readonly floor: THREE.Mesh;

  constructor() {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'show-scene';
    this.scene.background = new THREE.Color('#1a0204');
    this.scene.add(new THREE.HemisphereLight('#ffe9c4', '#3a0606', 1.6));
    const key = new THREE.DirectionalLight('#fff3cf', 2.4);
    key.position.set(3, 5, 4);
    this.scene.add(key);
    const rim = new THREE.DirectionalLight('#d7261e', 2);
    rim.position.set(-4, 2, -3);
    this.scene.add(rim);
    this.floor = new THREE.Mesh(new THREE.CircleGeometry(3, 64), new THREE.MeshBasicMaterial({ color: '#5a0b0b', transparent: true, opacity: 0.7 }));
    this.floor.rotation.x = -Math.PI / 2;
    this.floor.position.y = -1.2;
    this.scene.add(this.floor);
    this.camera.position.set(0, 0.6, 5.2);
    this.camera.lookAt(0, 0, 0);
  }

  /** Shows the model at `url` (or nothing); a model no longer wanted is freed at once. */
  set(url: string | undefined): void {
    if (url === this.url) return;
    this.url = url;
    if (this.model) {
      disposeObject(this.model);
      this.model = undefined;
    }
    this.canvas.style.visibility = url ? 'visible' : 'hidden';
    if (!url) return;
    const ticket = ++this.loading;
    loadModel(url, 2.4)
      .then((m) => {
        if (ticket !== this.loading || this.url !== url) {
          disposeObject(m);
          return;
        }
        this.model = m;
        this.scene.add(m);
      })
      .catch(() => undefined);
  }

  /** Draws the frame of host time `hostMs` (only while a model is wanted). */
  render(hostMs: number): void {
    if (!this.url) return;
    if (!this.renderer) {
      try {
        this.renderer = new THREE.WebGLRenderer({ canvas: this.canvas, antialias: true });
      } catch {
        return; // no WebGL here: the wall keeps its picture layers
      }
      this.renderer.outputColorSpace = THREE.SRGBColorSpace;
    }
    const w = this.canvas.clientWidth;
    const h = this.canvas.clientHeight;
    if (w > 0 && h > 0 && (this.canvas.width !== w || this.canvas.height !== h)) {
      this.renderer.setSize(w, h, false);
      this.camera.aspect = w / h;
      this.camera.updateProjectionMatrix();
    }
    if (this.model) this.model.rotation.y = ((hostMs / 1000) * 0.5) % (Math.PI * 2);
    this.renderer.render(this.scene, this.camera);
  }

  /** three.js's counts of live geometries and textures (the show-cycles bench reads them). */
  memory(): { geometries: number; textures: number } {
    return { geometries: this.renderer?.info.memory.geometries ?? 0, textures: this.renderer?.info.memory.textures ?? 0 };
  }

  dispose(): void {
    this.set(undefined);
    this.floor.geometry.dispose();
    (this.floor.material as THREE.Material).dispose();
    this.renderer?.dispose();
    this.renderer?.forceContextLoss();
    this.renderer = undefined;
  }
}
