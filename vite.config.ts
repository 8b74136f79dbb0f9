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
    // Phones open the table pages in the browsers built into chat apps: WeChat's XWeb and QQ's X5
    // (Chromium 80 and later on the phones still in use) and, on iPhones, the system WebView
    // (Safari 14 and later). Syntax newer than those is lowered; Vite's default (Chrome 107,
    // Safari 16) would leave iOS 14–15 phones with a blank page.
    target: ['es2020', 'chrome80', 'safari14', 'firefox78', 'edge88'],
    // Script-kill pages are bundles of their own: a phone loads no three.js and no web font.
    rollupOptions: {
      input: {
        main: 'renderer/index.html',
        phone: 'renderer/phone/index.html',
        dm: 'renderer/dm/index.html',
        table: 'renderer/table/index.html',
        docent: 'renderer/docent/index.html',
        admin: 'renderer/admin/index.html',
      },
    },
  },
});
