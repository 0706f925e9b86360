// The reader's review of suggested annotations: ghost highlights (dashed, grey, clearly not annotations yet),
// a review bar, and the keys — a accept, x reject, space skip, backspace undo, Enter accept with edits. The
// highlights are CSS Custom Highlights over DOM Ranges, so the reader's own elements are never touched; they
// are laid again after every (re)render. Decisions go to the host, which edits the file and sends the next
// state (auto-advance is the host's). Labels come from the file and reach the page as textContent only.

import type { GhostSuggestion, HostToWebview, ReviewAction, WebviewToHost } from '../shared/protocol';

const GHOST = 'marginalia-suggestion';
const CURRENT = 'marginalia-suggestion-current';

const sheet = new CSSStyleSheet();
sheet.replaceSync(`
::highlight(${GHOST}) { text-decoration: underline dashed 1px; text-decoration-color: var(--vscode-disabledForeground, #888); background-color: color-mix(in srgb, var(--vscode-disabledForeground, #888) 14%, transparent); }
::highlight(${CURRENT}) { text-decoration: underline dashed 2px; text-decoration-color: var(--vscode-focusBorder, #888); background-color: color-mix(in srgb, var(--vscode-focusBorder, #888) 22%, transparent); }
#review { position: fixed; left: 50%; bottom: 12px; transform: translateX(-50%); max-width: min(90vw, 60em); z-index: 20; display: flex; gap: 1em; align-items: baseline;
  padding: 6px 12px; border: 1px dashed var(--vscode-focusBorder, #888); border-radius: 4px; background: var(--vscode-editorWidget-background, #252526);
  color: var(--vscode-editorWidget-foreground, inherit); font-size: 0.9em; box-shadow: 0 2px 8px var(--vscode-widget-shadow, rgba(0,0,0,.3)); }
#review[hidden] { display: none; }
#review .what { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 28em; }
#review kbd { border: 1px solid var(--vscode-keybindingLabel-border, #888); border-radius: 3px; padding: 0 4px; font-family: inherit; }
`);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

let items: GhostSuggestion[] = [];
let current: string | null = null;
let position = '';
let send: (m: WebviewToHost) => void = () => undefined;

const bar = document.createElement('div');
bar.id = 'review';
bar.hidden = true;
bar.setAttribute('role', 'status');
bar.setAttribute('aria-live', 'polite');

function kbd(key: string, label: string): DocumentFragment {
  const f = document.createDocumentFragment();
  const k = document.createElement('kbd');
  k.textContent = key;
  f.append(k, ` ${label}`);
  return f;
}

function renderBar(): void {
  const cur = items.find((s) => s.key === current);
  bar.hidden = !cur;
  if (!cur) return;
  const pos = document.createElement('span');
  pos.textContent = position;
  const what = document.createElement('span');
  what.className = 'what';
  what.textContent = cur.label;
  const keys = document.createElement('span');
  keys.append(kbd('a', 'accept '), kbd('x', 'reject '), kbd('space', 'skip '), kbd('⌫', 'undo '), kbd('Enter', 'edit'));
  bar.replaceChildren(pos, what, keys);
}

/** The DOM point of a UTF-16 offset into the payload text: blocks carry their start, text nodes only article text. */
function pointAt(blocks: HTMLElement[], starts: number[], offset: number): { node: Node; offset: number } | undefined {
  let lo = 0;
  let hi = starts.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((starts[mid] as number) <= offset) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const block = blocks[at];
  if (!block) return undefined;
  let left = offset - (starts[at] as number);
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  let last: Text | undefined;
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    if (left <= n.length) return { node: n, offset: left };
    left -= n.length;
    last = n;
  }
  return last ? { node: last, offset: last.length } : undefined;
}

function rangeOf(blocks: HTMLElement[], starts: number[], s: GhostSuggestion): Range | undefined {
  const a = pointAt(blocks, starts, s.start);
  const b = pointAt(blocks, starts, s.end);
  if (!a || !b) return undefined;
  const r = new Range();
  try {
    r.setStart(a.node, a.offset);
    r.setEnd(b.node, b.offset);
  } catch {
    return undefined;
  }
  return r;
}

function blocksOf(): { blocks: HTMLElement[]; starts: number[] } {
  const blocks = [...(document.getElementById('article')?.querySelectorAll<HTMLElement>('.block[data-start]') ?? [])];
  return { blocks, starts: blocks.map((b) => Number(b.dataset.start)) };
}

/** Lays the highlights over the current DOM, and brings the current suggestion into view. */
function apply(scroll: boolean): void {
  renderBar();
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
  const { blocks, starts } = blocksOf();
  const ghosts: Range[] = [];
  let cur: Range | undefined;
  for (const s of items) {
    const r = rangeOf(blocks, starts, s);
    if (!r) continue;
    if (s.key === current) cur = r;
    else ghosts.push(r);
  }
  CSS.highlights.set(GHOST, new Highlight(...ghosts));
  CSS.highlights.set(CURRENT, cur ? new Highlight(cur) : new Highlight());
  if (scroll && cur) {
    const rect = cur.getBoundingClientRect();
    if (rect.top < 40 || rect.bottom > window.innerHeight - 80) window.scrollBy({ top: rect.top - window.innerHeight / 3 });
  }
}

/** The suggestion under a click: the text offset of the caret there, against the suggestions' spans. */
function suggestionAt(x: number, y: number): GhostSuggestion | undefined {
  const caret = document.caretRangeFromPoint?.(x, y);
  if (!caret) return undefined;
  const element = caret.startContainer.nodeType === Node.ELEMENT_NODE ? (caret.startContainer as Element) : caret.startContainer.parentElement;
  const block = element?.closest<HTMLElement>('.block[data-start]');
  if (!block) return undefined;
  const r = document.createRange();
  r.setStart(block, 0);
  r.setEnd(caret.startContainer, caret.startOffset);
  const offset = Number(block.dataset.start) + r.toString().length;
  const hits = items.filter((s) => s.start <= offset && offset < s.end);
  return hits.sort((a, b) => a.end - a.start - (b.end - b.start))[0];
}

const KEYS: Record<string, ReviewAction> = { a: 'accept', x: 'reject', ' ': 'skip', Backspace: 'undo', Enter: 'edit' };

/** Starts the review module; `post` is the reader's one channel to the host. */
export function installSuggestions(post: (m: WebviewToHost) => void): void {
  send = post;
  document.body.append(bar);
  window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
    const m = event.data;
    if (m.type === 'suggestions') {
      const moved = m.current !== current;
      items = m.items;
      current = m.current;
      position = m.position;
      apply(moved);
    } else if (m.type === 'load' || m.type === 'update') {
      // The reader has just drawn the article again (its listener ran first): lay the highlights over the new DOM.
      requestAnimationFrame(() => apply(false));
    }
  });
  // Capture: while a suggestion is under review its keys come first (Enter and space open cards otherwise).
  document.addEventListener(
    'keydown',
    (e) => {
      if (!current || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) return;
      const action = KEYS[e.key];
      if (!action) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      send({ type: 'review', action, key: current });
    },
    { capture: true },
  );
  document.addEventListener('click', (e) => {
    if (!items.length || (document.getSelection()?.toString() ?? '') !== '') return;
    const hit = suggestionAt(e.clientX, e.clientY);
    if (hit) send({ type: 'review', action: 'select', key: hit.key });
  });
}
