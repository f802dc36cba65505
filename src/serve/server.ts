/** Runs the API on a real socket (`armscope serve`); tests start it on port 0. */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp, type ServeOptions } from './app.js';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * @example const server = await startServer({ store }, { host: '127.0.0.1', port: 0 }); await fetch(`${server.url}/api/health`)
 */
export function startServer(options: ServeOptions, listen: { host: string; port: number }): Promise<RunningServer> {
  const app = createApp(options);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: listen.host, port: listen.port }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () => new Promise<void>((done) => {
          if ('closeAllConnections' in server) (server as { closeAllConnections(): void }).closeAllConnections();
          server.close(() => done());
        }),
      });
    });
    server.once('error', reject);
  });
}
