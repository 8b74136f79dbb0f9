/** Progress of long work, for the CLI's bar and the admin page (forwarded on the protocol). */
export interface InstallProgress {
  phase: 'extract' | 'copy' | 'verify' | 'read' | 'validate' | 'activate' | 'hash' | 'write';
  done: number;
  total: number;
}
export type OnProgress = (p: InstallProgress) => void;
