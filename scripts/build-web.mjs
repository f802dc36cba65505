#!/usr/bin/env node
// `npm install`/`npm ci` run this (the `prepare` script): builds the analyst workspace into dist/web with Vite.
// An install without dev dependencies (`npm ci --omit=dev`) has no Vite: the build is skipped with a note,
// and `armscope serve` serves the API alone, saying how to build the workspace.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  require.resolve('vite/package.json');
} catch {
  console.warn('armscope: dev dependencies not installed, the analyst workspace is not built (npm install, then npm run build:web)');
  process.exit(0);
}
const result = spawnSync('npm', ['run', 'build:web'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
