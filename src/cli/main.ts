/**
 * The `armscope` command line. A thin shell: each command parses flags, calls core functions and prints.
 * Errors become messages here and only here.
 */
import { Command, CommanderError, Option } from 'commander';
import { ArmscopeError, NotFoundError } from '../errors.js';
import { loadConfig, parseSize } from '../config.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { registerIngestCommands } from './ingest.js';
import { registerKbCommands } from './kb.js';
import { registerEventCommands } from './events.js';

export interface GlobalOptions {
  db: string;
}

export function dbOption(): Option {
  return new Option('--db <location>', 'SQLite file or postgres:// URL (env ARMSCOPE_DB)').default(loadConfig().db);
}

/** A stored document by id or unique prefix, or a NotFoundError naming the store. */
export async function documentOrFail(store: Store, id: string, location: string) {
  const doc = await store.getDocument(id);
  if (!doc) throw new NotFoundError(`no document ${id} in ${location}`, { id });
  return doc;
}

/** Opens the store a command names, runs `fn`, and always closes it. */
export async function withStore<T>(location: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(location);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function sizeOption(): Option {
  return new Option('--max-bytes <size>', 'size cap per input, e.g. 20MB (env ARMSCOPE_MAX_BYTES)')
    .default(loadConfig().maxBytes).argParser((v) => parseSize(v));
}

export function buildProgram(): Command {
  const program = new Command('armscope')
    .description('Sourced, queryable picture of arms transfers and military cooperation from open reporting.')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  registerIngestCommands(program);
  registerKbCommands(program);
  registerEventCommands(program);
  return program;
}

/** Runs the CLI; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof ArmscopeError) {
      process.stderr.write(`armscope: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`armscope: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
    return 1;
  }
}
