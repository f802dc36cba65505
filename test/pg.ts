/**
 * PostgreSQL for tests: the real server (ARMSCOPE_TEST_PG, default the machine's 127.0.0.1:5432), never
 * a mock. Every test that needs one gets a database of its own, `armscope_test_<pid>_<random>`, dropped
 * when the test ends. Where the server cannot be reached, PostgreSQL tests are skipped with the reason;
 * in CI (CI=true) they fail instead, so a broken server never passes as green.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_ADMIN_URL = process.env.ARMSCOPE_TEST_PG || 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin<T>(fn: (client: pg.Client) => Promise<T>, url = PG_ADMIN_URL): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Why PostgreSQL tests cannot run here, or undefined when they can. In CI an unreachable server is an
 * error, not a reason to skip.
 */
export async function postgresUnavailable(): Promise<string | undefined> {
  try {
    await admin((c) => c.query('SELECT 1'));
    return undefined;
  } catch (error) {
    const reason = `PostgreSQL at ${PG_ADMIN_URL.replace(/:[^:@/]*@/, ':***@')} unreachable (${(error as Error).message}); set ARMSCOPE_TEST_PG to run these tests`;
    if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`CI needs PostgreSQL: ${reason}`);
    return reason;
  }
}

/** Creates an empty database of the test's own and returns its URL; dropped after the test. */
export async function createTestDatabase(t: { after(fn: () => Promise<void>): void }, baseUrl = PG_ADMIN_URL): Promise<string> {
  const name = `armscope_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`), baseUrl);
  t.after(() => dropTestDatabase(name, baseUrl));
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropTestDatabase(name: string, baseUrl = PG_ADMIN_URL): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`), baseUrl);
}
