/**
 * The analyst workspace (`src/web`, built by Vite into `dist/web`) served beside the API from the same
 * app: files under `/assets/` as they are, every other path outside `/api/` answered with `index.html`,
 * so a link such as `/records?supplier=RU` opens that view. Every UI response carries a strict
 * Content-Security-Policy: scripts, styles, images and requests only from this origin, no inline script,
 * nothing framed. Article text reaches the page only as text nodes (`src/web/src/text.tsx`); the policy is
 * the second line of defence should that ever slip.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';

/** Inline `style` attributes are allowed (the chart and graph libraries position their canvases with them); scripts are not. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "font-src 'self'", "connect-src 'self'", "worker-src 'self' blob:", "object-src 'none'", "base-uri 'none'",
  "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

/** Whether `root` holds a built workspace. */
export function webBuilt(root: string): boolean {
  return existsSync(join(root, 'index.html'));
}

/**
 * Mounts the workspace on `app`. Without a build in `root` every UI path answers 503 with the command that
 * builds it, and the API works as before.
 * @example webRoutes(app, 'dist/web')
 */
export function webRoutes(app: OpenAPIHono, root: string) {
  app.use('*', async (c, next) => {
    await next();
    if (c.req.path.startsWith('/api/')) return;
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
  });
  if (!webBuilt(root)) {
    app.get('*', (c, next) => c.req.path.startsWith('/api/') ? next()
      : c.text(`The workspace is not built in ${root}: run \`npm run build:web\` (npm install runs it), then restart the server. The API is at /api.\n`, 503));
    return;
  }
  // File names under assets/ carry a hash of their content: they never change, so browsers keep them.
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('/assets/*', serveStatic({ root }));
  app.get('/favicon.svg', serveStatic({ root }));
  // The page itself is read once: it only names the hashed assets.
  const index = readFileSync(join(root, 'index.html'), 'utf8');
  app.get('*', (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/assets/')) return next();
    c.header('Cache-Control', 'no-cache');
    return c.html(index);
  });
}
