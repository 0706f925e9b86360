// The reader's text selection, sent to the host as UTF-16 offsets into the payload text so "Annotate as
// Mention of…" and "Add Claim…" can act on it.

import type { Reader } from './state';

/** UTF-16 offset into the payload text of a DOM point inside the article (text nodes hold only article text). */
function textOffset(node: Node, offset: number): number | undefined {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  const block = element?.closest<HTMLElement>('.block');
  if (!block || block.dataset.start === undefined) return undefined;
  const range = document.createRange();
  range.setStart(block, 0);
  try {
    range.setEnd(node, offset);
  } catch {
    return undefined;
  }
  return Number(block.dataset.start) + range.toString().length;
}

/** Posts the selection at most once per frame, and only when it changed. */
export function installSelection(s: Reader): void {
  document.addEventListener('selectionchange', () => {
    if (s.selectionQueued) return;
    s.selectionQueued = true;
    requestAnimationFrame(() => {
      s.selectionQueued = false;
      if (!s.payload) return;
      const sel = document.getSelection();
      let start = 0;
      let end = 0;
      if (sel && sel.rangeCount > 0 && !sel.isCollapsed && s.dom.article.contains(sel.anchorNode)) {
        const r = sel.getRangeAt(0);
        start = textOffset(r.startContainer, r.startOffset) ?? 0;
        end = textOffset(r.endContainer, r.endOffset) ?? start;
        if (end < start) [start, end] = [end, start];
      }
      const key = `${start}:${end}`;
      if (key === s.lastSelection) return;
      s.lastSelection = key;
      s.post({ type: 'selection', start, end, source: s.payload.source });
    });
  });
}
