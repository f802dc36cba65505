/**
 * JSON Lines: one article per line, `{url, title, text, published, language}`. A bad line is reported on
 * its own (`file:LINE`) and the other lines still load.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { parseDateValue } from '../text/dates.js';
import type { RawArticle } from './types.js';

const Line = z.object({
  url: z.string().optional(),
  title: z.string().optional(),
  text: z.string().min(1, 'text is empty'),
  published: z.union([z.string(), z.number()]).optional().nullable(),
  language: z.string().optional().nullable(),
}).passthrough();

export function readJsonl(text: string, source: string): (RawArticle | InputError)[] {
  const out: (RawArticle | InputError)[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${source}:${i + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      out.push(new InputError(where, `not valid JSON (${(error as Error).message})`, {}, { cause: error }));
      return;
    }
    const parsed = Line.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      out.push(new InputError(where, `${issue.path.join('.') || 'line'}: ${issue.message}`));
      return;
    }
    const v = parsed.data;
    out.push({
      source: where, url: v.url, title: v.title, published: parseDateValue(v.published) ?? undefined,
      language: v.language ?? undefined, body: v.text, format: 'jsonl',
    });
  });
  return out;
}
