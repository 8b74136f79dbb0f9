import { useEffect, useState } from 'react';
import { TABLES_PROTOCOL_VERSION } from '../../core/protocol/tables';
import { useHost } from '../host/context';
import { TableSocket, tablesUrl } from './link';
import { TableScreen } from './Screen';
import { useTable } from './ui';

/** A table's shared screen over a hall surface, while the DM has it there (host message `table.show`). */
export function TableOnSurface({ code }: { code: string }) {
  const { connection } = useHost();
  const [link] = useState(() => new TableSocket(tablesUrl(window.location), () => [{ type: 'watch', protocol: TABLES_PROTOCOL_VERSION, code }]));
  const phase = useTable(link).view?.phase.id ?? 'lobby';
  useEffect(() => {
    link.connect();
    return () => link.close();
  }, [link]);
  // /api/health says what the screen shows: the table and its phase, then that it left.
  useEffect(() => {
    connection.send({ type: 'surface.state', screen: `table:${code}:${phase}`, locale: 'zh-Hans' });
  }, [connection, code, phase]);
  useEffect(() => () => connection.send({ type: 'surface.state', screen: 'table:off', locale: 'zh-Hans' }), [connection]);
  return (
    <div className="table-on-surface" data-testid="table-on-surface" data-code={code}>
      <TableScreen link={link} />
    </div>
  );
}
