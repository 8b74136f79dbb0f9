import { useLayoutEffect } from 'react';
import { useThree } from '@react-three/fiber';
import type * as THREE from 'three';
import type { SurfacePlacement } from '../../core/surface/placement';

/**
 * A wall that is one display of a spanning picture: its camera sees the whole shared canvas and
 * draws only this display's part of it (three's view offset), so the displays of a group show
 * one scene, with bezel pixels skipped where hall.yaml gives them.
 */
export function SpanCamera({ span }: { span: NonNullable<SurfacePlacement['span']> }) {
  const get = useThree((s) => s.get);
  const size = useThree((s) => s.size);
  useLayoutEffect(() => {
    const camera = get().camera as THREE.PerspectiveCamera;
    const { canvas, viewport } = span;
    camera.aspect = canvas.width / canvas.height;
    camera.setViewOffset(canvas.width, canvas.height, viewport.x, viewport.y, viewport.width, viewport.height);
    camera.updateProjectionMatrix();
    return () => {
      camera.clearViewOffset();
      camera.aspect = size.width / size.height;
      camera.updateProjectionMatrix();
    };
  }, [get, span, size]);
  return null;
}
