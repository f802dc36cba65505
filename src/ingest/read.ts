/**
 * Turns one input (a file's bytes, a fetched URL, stdin) into articles, choosing the reader by file
 * extension, then by content type, then by sniffing the first bytes.
 */
import { extname } from 'node:path';
import { InputError } from '../errors.js';
import { decodeText } from './decode.js';
import { looksLikeFeed, readFeed } from './feed.js';
import { readHtml } from './html.js';
import { readJsonl } from './jsonl.js';
import { readPdf } from './pdf.js';
import type { InputItem, RawArticle } from './types.js';

export type Format = 'text' | 'markdown' | 'html' | 'feed' | 'jsonl' | 'pdf';

const BY_EXTENSION: Record<string, Format> = {
  '.txt': 'text', '.text': 'text', '.md': 'markdown', '.markdown': 'markdown', '.html': 'html', '.htm': 'html',
  '.xhtml': 'html', '.xml': 'feed', '.rss': 'feed', '.atom': 'feed', '.jsonl': 'jsonl', '.ndjson': 'jsonl',
  '.pdf': 'pdf',
};

/** Extensions the folder walker picks up; anything else in a folder is skipped, not reported. */
export const KNOWN_EXTENSIONS = new Set(Object.keys(BY_EXTENSION));

function pathOf(name: string): string {
  try { return new URL(name).pathname; } catch { return name; }
}

export function formatOf(item: InputItem): Format | undefined {
  const type = item.contentType?.split(';')[0].trim().toLowerCase();
  if (type === 'application/pdf') return 'pdf';
  if (type && /(rss|atom|rdf)\+xml/.test(type)) return 'feed';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  const byExt = BY_EXTENSION[extname(pathOf(item.name)).toLowerCase()];
  if (byExt) return byExt;
  if (item.bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  return undefined;
}

function sniff(text: string): Format {
  const head = text.slice(0, 2048).trimStart();
  if (looksLikeFeed(head)) return 'feed';
  if (/^(<!doctype html|<html|<head|<body|<article)/i.test(head)) return 'html';
  if (head.startsWith('{') && head.includes('"text"')) return 'jsonl';
  return 'text';
}

/** Strips Markdown syntax that would otherwise read as words, keeping the prose and line structure. */
function markdownToText(md: string): string {
  return md
    .replace(/^```[\s\S]*?^```/gm, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/^\s*>\s?/gm, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|\s)[*_](\S[^*_]*?)[*_](?=\s|$|[.,;:!?])/g, '$1$2')
    .replace(/^\s*[-*+]\s+/gm, '• ');
}

/**
 * Reads one input into articles; per-item problems inside containers (a bad JSONL line) come back as
 * InputErrors beside the good articles, a problem with the whole input is thrown.
 */
export async function readInput(item: InputItem): Promise<(RawArticle | InputError)[]> {
  if (item.bytes.length === 0) throw new InputError(item.name, 'empty file');
  let format = formatOf(item);
  if (format === 'pdf') return [await readPdf(item.bytes, item.name)];
  const text = decodeText(item.bytes, item.name, item.contentType);
  if (!text.trim()) throw new InputError(item.name, 'empty file (only white space)');
  format ??= sniff(text);
  if (format === 'feed' && !looksLikeFeed(text) && /<html/i.test(text.slice(0, 2048))) format = 'html';
  switch (format) {
    case 'html': return [readHtml(text, item.name)];
    case 'feed': return readFeed(text, item.name);
    case 'jsonl': return readJsonl(text, item.name);
    case 'markdown': return [{ source: item.name, body: markdownToText(text), format: 'markdown' }];
    default: return [{ source: item.name, body: text, format: 'text' }];
  }
}
