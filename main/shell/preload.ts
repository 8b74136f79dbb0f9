import { contextBridge } from 'electron';
import { APP_VERSION } from '../version';

contextBridge.exposeInMainWorld('redhallShell', { kind: 'electron' as const, version: APP_VERSION });
