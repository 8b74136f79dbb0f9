import { createContext, useContext, useSyncExternalStore } from 'react';
import type { HostConnection, HostState } from './connection';

export const HostContext = createContext<HostConnection | undefined>(undefined);

/** The live host state; re-renders when the host sends something new. */
export function useHost(): { state: HostState; connection: HostConnection } {
  const connection = useContext(HostContext);
  if (!connection) throw new Error('useHost outside HostContext');
  const state = useSyncExternalStore(
    (fn) => connection.subscribe(fn),
    () => connection.state,
  );
  return { state, connection };
}
