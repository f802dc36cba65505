/** Extraction of a stored or prepared document into events, with the knowledge base loaded once. */
import { KnowledgeBase } from '../kb/recognise.js';
import { extractDocument, type ExtractableDocument } from './document.js';
import type { EventInput } from './types.js';

let shared: KnowledgeBase | undefined;

/** The bundled catalog, loaded on first use and kept for the process. */
export function defaultKnowledgeBase(): KnowledgeBase {
  shared ??= KnowledgeBase.load();
  return shared;
}

export function extractEvents(doc: ExtractableDocument, kb: KnowledgeBase = defaultKnowledgeBase()): EventInput[] {
  return extractDocument(kb, doc).events;
}

export { extractDocument, foldDocumentEvents } from './document.js';
