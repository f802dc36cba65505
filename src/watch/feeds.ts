/**
 * The feeds a watcher polls: a YAML or JSON list (`feeds: [{ url, language, publisher }]`), the starter
 * list shipped in `data/feeds/starter.yaml` (`--feeds starter`), or URLs given one by one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { DATA_DIR } from '../kb/catalog.js';
import { ValidationError } from '../errors.js';

export const FeedSchema = z.object({
  url: z.string().url().refine((u) => /^https?:\/\//i.test(u), 'an http(s) URL'),
  /** ISO 639-1 code of the feed's articles: used when an item's language cannot be told from its text. */
  language: z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as en').optional(),
  publisher: z.string().min(1).optional(),
  /** What the feed covers, for people choosing feeds. */
  topic: z.string().optional(),
}).strict();

export type FeedSpec = z.infer<typeof FeedSchema>;

const FeedFile = z.object({ feeds: z.array(FeedSchema).min(1), note: z.string().optional() }).strict();

export const STARTER_FEEDS = join(DATA_DIR, 'feeds', 'starter.yaml');

/**
 * @example loadFeeds('starter').length // the shipped list
 */
export function loadFeeds(nameOrPath: string): FeedSpec[] {
  const path = nameOrPath === 'starter' ? STARTER_FEEDS : nameOrPath;
  let data: unknown;
  try {
    data = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ValidationError(`${path}: cannot read the feed list (${(error as Error).message.split('\n')[0]})`, { file: path }, { cause: error });
  }
  const parsed = FeedFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ValidationError(`${path}: ${issue.path.join('.') || 'file'}: ${issue.message}`, { file: path, field: issue.path.join('.') });
  }
  return parsed.data.feeds;
}
