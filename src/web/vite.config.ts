// The workspace's build: `npm run build:web` (run by `npm install` through `prepare`) writes dist/web,
// which `armscope serve` serves at /. Each view is its own chunk (see src/views.ts): the reader never
// loads the map's or the graph's libraries.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    // No inline scripts or styles: the server's Content-Security-Policy allows only files of its own.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1200,
    sourcemap: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
});
