/** `armscope serve`: the HTTP API and the analyst workspace over the store (`src/serve`). `demo --serve` reuses it. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { join } from 'node:path';
import { loadConfig, parseSize } from '../config.js';
import { ConfigError } from '../errors.js';
import type { Store } from '../store/store.js';
import { PROJECT_DIR } from './paths.js';
import { dbOption, openCliStore } from './shared.js';

export interface ServeFlags { host: string; port: string; token?: string; readOnly?: boolean; ingestRoot?: string; cors?: string; bodyLimit: number; allowPrivate?: boolean; webDir: string; web: boolean }

/** The built workspace, unless ARMSCOPE_WEB_DIR names another folder. */
export const DEFAULT_WEB_DIR = join(PROJECT_DIR, 'dist', 'web');

/** Adds the server's flags to `command` (`serve` and `demo --serve` take the same). */
export function addServeOptions(command: Command): Command {
  const config = loadConfig();
  return command
    .option('--host <address>', 'address to bind (env ARMSCOPE_HOST); anything but 127.0.0.1 or ::1 exposes the API to the network', config.host)
    .option('--port <n>', 'port (env ARMSCOPE_PORT; 0 picks a free one)', String(config.port))
    .option('--token <token>', 'bearer token write requests need (env ARMSCOPE_TOKEN); without one, writes are refused')
    .option('--read-only', 'refuse every write (env ARMSCOPE_READ_ONLY=1)')
    .option('--ingest-root <folder>', 'the folder ingest by path may read from (env ARMSCOPE_INGEST_ROOT)')
    .option('--cors <origin>', 'let browsers on this origin call the API (env ARMSCOPE_CORS_ORIGIN; * for any)')
    .addOption(new Option('--body-limit <size>', 'largest request body, e.g. 1MB (env ARMSCOPE_BODY_LIMIT)').default(config.bodyLimit).argParser((v) => parseSize(v)))
    .option('--allow-private', 'let ingest by URL reach private and loopback addresses (env ARMSCOPE_ALLOW_PRIVATE=1)')
    .option('--web-dir <folder>', 'the built analyst workspace served at / (env ARMSCOPE_WEB_DIR)', config.webDir ?? DEFAULT_WEB_DIR)
    .option('--no-web', 'serve the API alone, without the workspace at / (env ARMSCOPE_WEB=0)');
}

/**
 * Serves `store` until SIGINT or SIGTERM, then closes the server (the caller closes the store).
 * @example await serveUntilStopped(store, flags)
 */
export async function serveUntilStopped(store: Store, flags: ServeFlags): Promise<void> {
  const config = loadConfig();
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`--port must be 0-65535, got "${flags.port}"`, { port: flags.port });
  const web = flags.web && config.web;
  const { startServer } = await import('../serve/server.js');
  const { webBuilt } = await import('../serve/web.js');
  const server = await startServer({
    store, token: flags.token ?? config.token, readOnly: flags.readOnly || config.readOnly, ingestRoot: flags.ingestRoot ?? config.ingestRoot,
    corsOrigin: flags.cors ?? config.corsOrigin, bodyLimit: flags.bodyLimit, allowPrivate: flags.allowPrivate || config.allowPrivate,
    maxBytes: config.maxBytes, fetchTimeoutMs: config.fetchTimeoutMs, webRoot: web ? flags.webDir : undefined,
  }, { host: flags.host, port });
  const writes = flags.readOnly || config.readOnly ? 'read-only' : (flags.token ?? config.token) ? 'writes need the bearer token' : 'writes disabled (no token)';
  const lines = [`armscope: serving ${store.location} at ${server.url}/api (${writes}); OpenAPI at ${server.url}/api/openapi.json\n`];
  if (web && webBuilt(flags.webDir)) lines.push(`armscope: the analyst workspace is at ${server.url}/\n`);
  else if (web) lines.push(`armscope: no workspace built in ${flags.webDir}: run \`npm run build:web\` for the UI at /\n`);
  if (!['127.0.0.1', '::1', 'localhost'].includes(flags.host)) lines.push(`armscope: bound to ${flags.host}: anyone who reaches this address can read the store\n`);
  // One of several server processes: the first to listen tells the parent, which says it once.
  if (process.env.ARMSCOPE_SERVE_PROCESS && process.send) process.send({ listening: server.url, lines });
  else for (const line of lines) process.stderr.write(line);
  await new Promise<void>((resolve) => {
    const stop = () => { process.off('SIGINT', stop); process.off('SIGTERM', stop); resolve(); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
}

/**
 * `--processes N`: N server processes share the port (node:cluster), each with its own store connection, so
 * requests use every core; this process only starts them, says where they listen, and stops them.
 */
async function serveInProcesses(n: number): Promise<void> {
  const cluster = (await import('node:cluster')).default;
  let said = false;
  const workers = Array.from({ length: n }, () => cluster.fork({ ARMSCOPE_SERVE_PROCESS: '1' }));
  for (const w of workers) {
    w.on('message', (m: { listening?: string; lines?: string[] }) => {
      if (!m.listening || said) return;
      said = true;
      for (const line of m.lines ?? []) process.stderr.write(line.replace('armscope: serving', `armscope: ${n} processes serving`));
    });
  }
  const stop = () => { for (const w of workers) if (!w.isDead()) w.process.kill('SIGTERM'); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await Promise.all(workers.map((w) => new Promise((resolve) => w.once('exit', resolve))));
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
}

export function registerServeCommand(program: Command) {
  addServeOptions(program.command('serve')
    .description('serve the HTTP API (read endpoints open, writes need the token) and the analyst workspace at /; OpenAPI document at /api/openapi.json')
    .addOption(dbOption()))
    .addOption(new Option('--processes <n>', 'server processes sharing the port, e.g. one per core (env ARMSCOPE_SERVE_PROCESSES)').default(String(loadConfig().serveProcesses)))
    .action(async (flags: ServeFlags & { db: string; processes: string }) => {
      const n = Number(flags.processes);
      if (!Number.isInteger(n) || n < 1 || n > 64) throw new ConfigError(`--processes must be 1-64, got "${flags.processes}"`, { processes: flags.processes });
      if (n > 1 && !process.env.ARMSCOPE_SERVE_PROCESS) {
        // Migrated (and rebuilt, if an older store asks for it) once, here, before the processes open it.
        await (await openCliStore(flags.db)).close();
        return serveInProcesses(n);
      }
      const store = await openCliStore(flags.db);
      try {
        await serveUntilStopped(store, flags);
      } finally {
        await store.close();
        // A child of --processes: the channel to the parent would keep this process alive.
        if (process.env.ARMSCOPE_SERVE_PROCESS && process.connected) process.disconnect();
      }
    });
}
