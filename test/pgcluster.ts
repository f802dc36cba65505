/**
 * A PostgreSQL cluster of a test's own (initdb + pg_ctl on a free loopback port, in a temporary folder), for
 * tests that stop and start the server: the machine's server is never touched. initdb refuses to run as
 * root, so as root the cluster belongs to the `postgres` user and commands run through runuser.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = process.env.ARMSCOPE_TEST_PG_BIN || '/usr/lib/postgresql/15/bin';

export interface Cluster {
  /** postgres://postgres@127.0.0.1:PORT/ + database */
  url(database: string): string;
  stop(): void;
  start(): void;
}

/** Why a cluster of the test's own cannot be made here, or undefined. In CI a missing tool is an error. */
export function clusterUnavailable(): string | undefined {
  const missing = ['initdb', 'pg_ctl'].filter((b) => !existsSync(join(BIN, b)));
  if (!missing.length) return undefined;
  const reason = `${missing.join(' and ')} not found in ${BIN} (set ARMSCOPE_TEST_PG_BIN)`;
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`CI needs PostgreSQL's server tools: ${reason}`);
  return reason;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function startCluster(t: { after(fn: () => void): void }): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'armscope-pgcluster-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const [cmd, all] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(BIN, tool), ...args]] : [join(BIN, tool), args];
    execFileSync(cmd, all, { stdio: 'pipe', cwd: dir });
  };
  const port = await freePort();
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const cluster: Cluster = {
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: () => run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', 'start']),
    stop: () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
  };
  t.after(() => {
    try { run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']); } catch { /* already stopped */ }
    rmSync(dir, { recursive: true, force: true });
  });
  cluster.start();
  return cluster;
}
