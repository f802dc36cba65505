/**
 * HTML pages: the main text through Mozilla Readability (on a linkedom DOM, which runs no scripts), with
 * paragraph breaks kept, plus the title, language and publication date from the page's metadata.
 * Article text is only ever read as text; nothing from the page is rendered or executed.
 */
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { InputError } from '../errors.js';
import { parseDateValue } from '../text/dates.js';
import type { RawArticle } from './types.js';

const BLOCK = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE',
  'PRE', 'TR', 'FIGCAPTION', 'FIGURE', 'UL', 'OL', 'TABLE', 'HEADER', 'FOOTER', 'ASIDE', 'BR', 'HR', 'DD', 'DT']);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'SVG', 'CANVAS', 'OBJECT', 'EMBED']);

interface DomNode { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<DomNode> }

/** Text of a DOM subtree with a blank line between blocks and single spaces inside them. */
export function blockText(root: DomNode): string {
  const out: string[] = [];
  let line = '';
  const flush = () => { const t = line.replace(/\s+/g, ' ').trim(); if (t) out.push(t); line = ''; };
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) { line += node.textContent ?? ''; return; }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) return;
    const block = BLOCK.has(name);
    if (block) flush();
    for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i]);
    if (block) flush();
  };
  walk(root);
  flush();
  return out.join('\n\n');
}

function meta(document: Document, ...names: string[]): string | undefined {
  for (const name of names) {
    const el = document.querySelector(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`);
    const content = el?.getAttribute('content')?.trim();
    if (content) return content;
  }
  return undefined;
}

function jsonLdDate(document: Document): string | undefined {
  for (const el of document.querySelectorAll('script[type="application/ld+json"]')) {
    const m = /"datePublished"\s*:\s*"([^"]+)"/.exec(el.textContent ?? '');
    if (m) return m[1];
  }
  return undefined;
}

/**
 * Reads one HTML page.
 * @example readHtml('<html><body><article><p>Iran sent drones.</p></article></body></html>', 'a.html').body
 */
export function readHtml(html: string, source: string): RawArticle {
  if (!/<[a-z!]/i.test(html)) throw new InputError(source, 'no HTML markup found');
  let document: Document;
  try {
    ({ document } = parseHTML(html) as unknown as { document: Document });
  } catch (error) {
    throw new InputError(source, `HTML could not be parsed: ${(error as Error).message}`, {}, { cause: error });
  }
  const title = meta(document, 'og:title', 'twitter:title') ?? document.querySelector('title')?.textContent?.trim() ?? undefined;
  const published = parseDateValue(meta(document, 'article:published_time', 'datePublished', 'date', 'pubdate', 'dc.date', 'DC.date.issued', 'publish-date')
    ?? document.querySelector('time[datetime]')?.getAttribute('datetime') ?? jsonLdDate(document)) ?? undefined;
  const language = document.documentElement?.getAttribute('lang')?.slice(0, 2).toLowerCase() || undefined;
  let body = '';
  try {
    const article = new Readability(document.cloneNode(true) as Document, { charThreshold: 200 }).parse();
    if (article?.content) {
      const { document: inner } = parseHTML(`<html><body>${article.content}</body></html>`) as unknown as { document: Document };
      body = blockText(inner.body as unknown as DomNode);
    }
  } catch {
    body = '';
  }
  // Readability gives up on short pages; fall back to the body without navigation and chrome.
  if (body.length < 200) {
    for (const el of document.querySelectorAll('nav, header, footer, aside, form, [role=navigation], [aria-hidden=true], .cookie, .share, .social')) el.remove();
    const main = document.querySelector('article, main, [role=main]') ?? document.body;
    const fallback = main ? blockText(main as unknown as DomNode) : '';
    if (fallback.length > body.length) body = fallback;
  }
  return { source, title: title || undefined, published, language, body, format: 'html' };
}
