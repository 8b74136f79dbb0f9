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
  },
});
