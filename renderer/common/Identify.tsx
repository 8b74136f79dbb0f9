import { useEffect, useState } from 'react';
import { useHost } from '../host/context';

/** `redhall identify`: id, role, display, resolution and a grid, for installers mapping screens. */
export function Identify() {
  const { state } = useHost();
  const [size, setSize] = useState({ w: window.innerWidth, h: window.innerHeight });
  useEffect(() => {
    const on = () => setSize({ w: window.innerWidth, h: window.innerHeight });
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  const s = state.surface;
  return (
    <div className="identify" data-testid="identify">
      <div className="identify-grid" />
      <div className="identify-card">
        <div className="identify-id">{s?.id ?? '?'}</div>
        <div>角色 role: {s?.role}</div>
        <div>显示器 display: {s?.displayName}</div>
        <div>
          分辨率 resolution: {size.w}×{size.h} @ {window.devicePixelRatio}x
        </div>
        {s && (
          <div>
            位置 position: {s.bounds.x},{s.bounds.y} · {s.touch ? '触摸 touch' : '无触摸 no touch'}
          </div>
        )}
      </div>
    </div>
  );
}
