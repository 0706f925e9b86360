// The reader's text selection, sent to the host as UTF-16 offsets into the payload (source) text so "Annotate as
// Mention of…" and "Add Claim…" can act on it, exact even where Markdown markup is hidden inside the selection.

import type { Block } from '../shared/protocol';
import { pieces, sourceOffset } from './drawnText';
import type { Reader } from './state';

/**
 * The source offset (UTF-16, into the payload text) of a DOM point in the article. Inside a block, the drawn text
 * before the point maps back through the block's pieces (drawnText.ts: markup and replacements are accounted for);
 * between blocks, a start maps to the next block's start and an end to the previous block's end.
 */
export function textOffset(s: Reader, node: Node, offset: number, bias: 'start' | 'end'): number | undefined {
  const d = s.drawing;
  if (!d || !d.blocks.length) return undefined;
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  const block = element?.closest<HTMLElement>('.block');
  const i = block ? d.indexOf.get(block) : undefined;
  const range = document.createRange();
  try {
    if (block && i !== undefined) {
      range.setStart(block, 0);
      range.setEnd(node, offset);
      const b = d.payload.blocks[i] as Block;
      return sourceOffset(pieces(d.payload.text, b), b.start, range.toString().length, bias);
    }
    range.setStart(node, offset);
  } catch {
    return undefined;
  }
  // Between blocks: the first block that starts at or after the point, by binary search.
  let lo = 0;
  let hi = d.blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (range.comparePoint(d.blocks[mid] as Node, 0) >= 0) hi = mid;
    else lo = mid + 1;
  }
  const blocks = d.payload.blocks;
  if (bias === 'start') return lo < blocks.length ? blocks[lo]?.start : blocks[blocks.length - 1]?.end;
  return lo > 0 ? blocks[lo - 1]?.end : blocks[0]?.start;
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
        start = textOffset(s, r.startContainer, r.startOffset, 'start') ?? 0;
        end = textOffset(s, r.endContainer, r.endOffset, 'end') ?? start;
        // A range holds no drawn text when both ends sit at one place between hidden markup: nothing is selected.
        if (end < start) end = start;
      }
      const key = `${start}:${end}`;
      if (key === s.lastSelection) return;
      s.lastSelection = key;
      s.post({ type: 'selection', start, end, source: s.payload.source });
    });
  });
}
