/**
 * The `armscope` command line. A thin shell: each command parses flags, calls core functions and prints.
 * Errors become messages here and only here.
 */
import { Command, CommanderError } from 'commander';
import { ArmscopeError } from '../errors.js';
import { registerIngestCommands } from './ingest.js';
import { registerKbCommands } from './kb.js';
import { registerEventCommands } from './events.js';
import { registerExplainCommand } from './explain.js';
import { registerStoreCommands } from './store.js';
import { registerQueueCommands } from './queue.js';
import { registerReferenceCommands } from './reference.js';
import { registerServeCommand } from './serve.js';
import { registerReviewCommands } from './review.js';
import { registerWatchCommand } from './watch.js';
import { registerBriefCommand } from './brief.js';
import { registerScreenCommands } from './screen.js';

export function buildProgram(): Command {
  const program = new Command('armscope')
    .description('Sourced, queryable picture of arms transfers and military cooperation from open reporting.')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  registerIngestCommands(program);
  registerKbCommands(program);
  registerEventCommands(program);
  registerStoreCommands(program);
  registerQueueCommands(program);
  registerExplainCommand(program);
  registerReferenceCommands(program);
  registerScreenCommands(program);
  registerServeCommand(program);
  registerReviewCommands(program);
  registerWatchCommand(program);
  registerBriefCommand(program);
  return program;
}

/** Runs the CLI; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    // Built inside the try: option defaults read the environment, and a bad setting is an error to report.
    const program = buildProgram();
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
