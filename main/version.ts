import pkg from '../package.json';

/** The app version, from package.json (inlined when main/ is bundled). */
export const APP_VERSION: string = pkg.version;
