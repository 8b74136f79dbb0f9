import { useCallback, useEffect, useState } from 'react';
import { TABLES_PROTOCOL_VERSION } from '../../core/protocol/tables';
import { useHost } from '../host/context';
import { TableSocket, tablesUrl } from './link';
import { TableScreen } from './Screen';
import { mediaUrl } from './model';
import { TablePanorama, panoramaOf } from './Panorama';
import { useTable } from './ui';

/** A table's shared screen over a hall surface, while the DM has it there (host message `table.show`). */
export function TableOnSurface({ code }: { code: string }) {
  const { connection, state } = useHost();
  const [link] = useState(() => new TableSocket(tablesUrl(window.location), () => [{ type: 'watch', protocol: TABLES_PROTOCOL_VERSION, code }]));
  const page = useTable(link);
  const hostNow = useCallback(() => link.hostNow(), [link]);
  const phase = page.view?.phase.id ?? 'lobby';
  // A ring segment shows the phase's 360° picture or film all round the room instead of the screen.
  const ring = state.surface?.placement?.ring;
  const pano = ring ? panoramaOf(page.view?.phase.media) : undefined;
  useEffect(() => {
    link.connect();
    return () => link.close();
  }, [link]);
  // On a ring the 360° picture is the screen: until it is drawn the room still sees what was there.
  const [drawn, setDrawn] = useState<string>();
  const onShown = useCallback(() => setDrawn(pano?.src), [pano?.src]);
  const shown = !ring || (!!page.table && (!pano || drawn === pano.src));
  // /api/health says what the screen shows: the table and its phase, then that it left.
  useEffect(() => {
    if (shown) connection.send({ type: 'surface.state', screen: `table:${code}:${phase}`, locale: 'zh-Hans' });
  }, [connection, code, phase, shown]);
  useEffect(() => () => connection.send({ type: 'surface.state', screen: 'table:off', locale: 'zh-Hans' }), [connection]);
  return (
    <div className="table-on-surface" data-testid="table-on-surface" data-code={code}>
      {ring && pano && page.table ? (
        <TablePanorama src={mediaUrl(page.table, pano.src)} cue={pano} ring={ring} time={page.phaseTime} hostNow={hostNow} onShown={onShown} />
      ) : ring && !page.table ? null : (
        // (A ring segment waits for the table's state rather than flash a "connecting" screen.)
        <TableScreen link={link} />
      )}
    </div>
  );
}
