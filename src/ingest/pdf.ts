/**
 * PDF reports: the text layer, page by page, through pdf.js (its Node build, no worker thread). A PDF
 * without a text layer (a scan) is an error, not an empty article.
 */
import { InputError } from '../errors.js';
import type { RawArticle } from './types.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

export async function readPdf(bytes: Buffer, source: string): Promise<RawArticle> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const lib = await pdfjs;
  let doc;
  try {
    doc = await lib.getDocument({
      data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0,
    }).promise;
  } catch (error) {
    throw new InputError(source, `PDF could not be read: ${(error as Error).message}`, {}, { cause: error });
  }
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
        else if (item.str && !item.str.endsWith(' ')) text += ' ';
      }
      pages.push(text.replace(/[ \t]+/g, ' ').replace(/ ?\n ?/g, '\n').trim());
    }
    const body = pages.join('\n\n').trim();
    if (!body) throw new InputError(source, 'PDF has no text layer (scanned images need OCR first)');
    const info = (await doc.getMetadata().catch(() => null))?.info as Record<string, unknown> | undefined;
    const title = typeof info?.Title === 'string' && info.Title.trim() ? info.Title.trim() : undefined;
    return { source, title, body, format: 'pdf' };
  } finally {
    await doc.destroy();
  }
}
