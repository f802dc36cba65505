/**
 * Bytes to text. UTF-8 is checked strictly; a legacy encoding is used only when the input declares it (an
 * HTML meta charset, an XML prolog or an HTTP content type), because guessing silently corrupts names.
 */
import iconv from 'iconv-lite';
import { InputError } from '../errors.js';

const DECLARED = [
  /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i,
  /<\?xml[^>]+encoding\s*=\s*["']([\w-]+)["']/i,
];

/** The encoding an input declares for itself, lowercased, or undefined. */
export function declaredEncoding(bytes: Buffer, contentType?: string): string | undefined {
  const fromType = contentType && /charset\s*=\s*["']?([\w-]+)/i.exec(contentType);
  if (fromType) return fromType[1].toLowerCase();
  const head = bytes.subarray(0, 4096).toString('latin1');
  for (const re of DECLARED) {
    const m = re.exec(head);
    if (m) return m[1].toLowerCase();
  }
  return undefined;
}

/** True for content that is not text: NUL bytes or many control characters near the start. */
export function looksBinary(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return head.length > 0 && control / head.length > 0.1;
}

/**
 * Decodes an input's bytes, naming the input and the reason when it cannot.
 * @example decodeText(Buffer.from('Србија'), 'a.txt') // 'Србија'
 */
export function decodeText(bytes: Buffer, name: string, contentType?: string): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  else if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return iconv.decode(bytes, bytes[0] === 0xff ? 'utf16-le' : 'utf16-be');
  }
  if (looksBinary(bytes)) throw new InputError(name, 'binary content (NUL or control bytes), not an article');
  const declared = declaredEncoding(bytes, contentType);
  if (declared && !/^utf-?8$/.test(declared) && declared !== 'us-ascii' && declared !== 'ascii') {
    if (!iconv.encodingExists(declared)) throw new InputError(name, `declares an unknown encoding "${declared}"`);
    return iconv.decode(bytes, declared);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    let offset = 0;
    // Find the first bad byte so the message can point at it.
    for (let lo = 0, hi = bytes.length; lo < hi;) {
      const mid = (lo + hi) >> 1;
      try { new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid)); lo = mid + 1; offset = mid; } catch { hi = mid; }
    }
    throw new InputError(name, `invalid UTF-8 near byte ${offset} and no other encoding declared`, { offset }, { cause: error });
  }
}
