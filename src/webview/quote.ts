// Quoting claim text in a card. The text is the article's own, so it may already open or close with a quotation
// mark ("“Most importantly, …"): the card adds only the marks the text lacks, never a second one.

const OPENING = new Set(['“', '"', '„', '«', '‘', "'", '‹', '「', '『', '‚']);
const CLOSING = new Set(['”', '"', '“', '»', '’', "'", '›', '」', '』']);

/** `text` in curly quotes, cut to `max` characters (an ellipsis marks the cut), without doubling its own marks. */
export function quoted(text: string, max: number): string {
  const t = text.trim();
  const cut = t.length > max;
  const body = cut ? `${t.slice(0, max - 1).trimEnd()}…` : t;
  const open = OPENING.has(t[0] ?? '') ? '' : '“';
  // A cut text lost its own closing mark, if it had one.
  const close = !cut && t.length > 1 && CLOSING.has(t[t.length - 1] ?? '') ? '' : '”';
  return `${open}${body}${close}`;
}
