import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is served by the host from dist/renderer; every asset is local.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    sourcemap: true,
    // Script-kill pages are bundles of their own: a phone loads no three.js and no web font.
    rollupOptions: {
      input: {
        main: 'renderer/index.html',
        phone: 'renderer/phone/index.html',
        dm: 'renderer/dm/index.html',
        table: 'renderer/table/index.html',
        admin: 'renderer/admin/index.html',
      },
    },
  },
});
