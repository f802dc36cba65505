/** What every reader produces: one article before cleaning, with whatever metadata its format carried. */
export interface RawArticle {
  /** File path, URL or `stdin`, plus a fragment for items inside a container (`feed.xml#3`, `a.jsonl:12`). */
  source: string;
  /** The article's own URL when the format gives one (feed item link, JSONL url). */
  url?: string;
  title?: string;
  /** A date from metadata (feed pubDate, meta tag, JSONL field), already normalised to YYYY-MM-DD. */
  published?: string;
  language?: string;
  body: string;
  format: 'text' | 'markdown' | 'html' | 'rss' | 'atom' | 'jsonl' | 'pdf';
}

/** One input before reading: its name, bytes and what the transport said about it. */
export interface InputItem {
  name: string;
  bytes: Buffer;
  contentType?: string;
}
