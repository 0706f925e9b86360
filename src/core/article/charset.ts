// The text of a saved web page from its bytes: a BOM, else the charset its <meta> names, else UTF-8 when the
// bytes are valid UTF-8, else windows-1252 (what browsers assume for unlabelled Western pages).

/**
 * windows-1252 bytes 0x80–0x9F (the rest is Latin-1). Node's TextDecoder decodes the `windows-1252` label as
 * Latin-1, giving C1 controls where the page has curly quotes and dashes, so this range is mapped here.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const LATIN1_LABELS = new Set(['windows-1252', 'cp1252', 'x-cp1252', 'iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'ascii', 'us-ascii', 'cp819', 'ibm819']);

function decodeCp1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    parts.push(String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b))));
  }
  return parts.join('');
}

/** The charset a page declares in its first 1024 bytes (`<meta charset>` or `http-equiv` Content-Type). */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = String.fromCharCode(...bytes.subarray(0, 1024));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head);
  return m?.[1]?.toLowerCase();
}

export type Decoded = { ok: true; text: string; charset: string } | { ok: false; message: string };

export function decodeHtml(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { ok: true, text: new TextDecoder('utf-8').decode(bytes.subarray(3)), charset: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), charset: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), charset: 'utf-16be' };
  const label = declaredCharset(bytes);
  if (label === undefined) {
    try {
      return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), charset: 'utf-8' };
    } catch {
      return { ok: true, text: decodeCp1252(bytes), charset: 'windows-1252' };
    }
  }
  if (LATIN1_LABELS.has(label)) return { ok: true, text: decodeCp1252(bytes), charset: 'windows-1252' };
  try {
    const decoder = new TextDecoder(label);
    return { ok: true, text: decoder.decode(bytes), charset: decoder.encoding };
  } catch {
    return { ok: false, message: `the page declares the character set "${label}", which cannot be decoded here; save it again as UTF-8` };
  }
}
