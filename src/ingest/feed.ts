/**
 * RSS 2.0 and Atom feeds: every item becomes an article that keeps its link and publication date. Item
 * bodies are HTML fragments, read as text.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import { InputError } from '../errors.js';
import { parseDateValue } from '../text/dates.js';
import { blockText } from './html.js';
import type { RawArticle } from './types.js';

const parser = new XMLParser({
  ignoreAttributes: false, attributeNamePrefix: '@', textNodeName: '#text', processEntities: true,
  htmlEntities: true, isArray: (name) => ['item', 'entry', 'link'].includes(name),
});

/** The reason a feed without articles is refused (a watcher takes it as a quiet feed instead). */
export const NO_ITEMS = 'feed has no items with text';

export function looksLikeFeed(text: string): boolean {
  const head = text.slice(0, 2048);
  return /<rss[\s>]/i.test(head) || /<feed[\s>]/i.test(head) || /<rdf:RDF[\s>]/i.test(head);
}

function str(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (typeof v === 'object' && '#text' in (v as Record<string, unknown>)) return str((v as Record<string, unknown>)['#text']);
  return '';
}

function htmlToText(fragment: string): string {
  if (!/<[a-z]/i.test(fragment)) return fragment.trim();
  const { document } = parseHTML(`<html><body>${fragment}</body></html>`) as unknown as { document: Document };
  return blockText(document.body as unknown as Parameters<typeof blockText>[0]);
}

function atomLink(links: unknown): string | undefined {
  const list = (Array.isArray(links) ? links : [links]) as Record<string, string>[];
  const alt = list.find((l) => l && typeof l === 'object' && (!l['@rel'] || l['@rel'] === 'alternate'));
  return alt?.['@href'] ?? (typeof list[0] === 'string' ? list[0] : undefined);
}

/**
 * Reads a feed into one article per item. Items with no text are skipped; a feed with none is an error.
 * @example readFeed(xml, 'news.xml').map((a) => a.url)
 */
export function readFeed(xml: string, source: string): RawArticle[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new InputError(source, `malformed XML at line ${valid.err.line}: ${valid.err.msg}`, { line: valid.err.line });
  }
  const doc = parser.parse(xml) as Record<string, any>;
  const out: RawArticle[] = [];
  const channel = doc.rss?.channel ?? doc['rdf:RDF'];
  if (channel) {
    const items = (doc.rss?.channel?.item ?? doc['rdf:RDF']?.item ?? []) as Record<string, unknown>[];
    const language = str(channel.language).slice(0, 2).toLowerCase() || undefined;
    items.forEach((item, i) => {
      const link = Array.isArray(item.link) ? str(item.link[0]) : str(item.link);
      const body = htmlToText(str(item['content:encoded']) || str(item.description));
      if (!body.trim()) return;
      out.push({
        source: `${source}#${i + 1}`, url: link || undefined, title: str(item.title).trim() || undefined,
        published: parseDateValue(str(item.pubDate) || str(item['dc:date'])) ?? undefined, language, body, format: 'rss',
      });
    });
  } else if (doc.feed) {
    const entries = (doc.feed.entry ?? []) as Record<string, unknown>[];
    const language = str(doc.feed['@xml:lang']).slice(0, 2).toLowerCase() || undefined;
    entries.forEach((entry, i) => {
      const body = htmlToText(str(entry.content) || str(entry.summary));
      if (!body.trim()) return;
      out.push({
        source: `${source}#${i + 1}`, url: atomLink(entry.link), title: str(entry.title).trim() || undefined,
        published: parseDateValue(str(entry.published) || str(entry.updated)) ?? undefined, language, body, format: 'atom',
      });
    });
  } else {
    throw new InputError(source, 'XML is neither an RSS nor an Atom feed');
  }
  if (!out.length) throw new InputError(source, NO_ITEMS);
  return out;
}
