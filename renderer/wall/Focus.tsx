import { useEffect } from 'react';
import { useHost } from '../host/context';
import { useT } from '../i18n';

/**
 * A module or timeline station a docent put on this wall (wall.goto): its title large, its date
 * or subtitle above, its summary below, over the wall's own scene until the docent sends it home.
 */
export function WallFocus() {
  const { state, connection } = useHost();
  const { text } = useT();
  const f = state.focus;
  useEffect(() => {
    if (f && state.status === 'connected') connection.send({ type: 'surface.state', screen: `wall:${f.kind}:${f.id}`.slice(0, 200), locale: 'zh-Hans' });
  }, [f, state.status, connection]);
  if (!f) return null;
  return (
    <section className="wall-focus" data-testid="wall-focus" data-kind={f.kind} data-id={f.id}>
      {f.kicker && <p className="wall-focus-kicker">{text(f.kicker)}</p>}
      <h1>{text(f.title)}</h1>
      {f.text && <p className="wall-focus-text">{text(f.text)}</p>}
    </section>
  );
}
