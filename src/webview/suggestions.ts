// The reader's review of suggested annotations: ghost highlights (dashed, grey, clearly not annotations yet),
// a review bar, and the keys — a accept, x reject, space skip, backspace undo, Enter accept with edits. The
// highlights are CSS Custom Highlights over DOM Ranges, so the reader's own elements are never touched; they
// are laid again after every (re)render. Decisions go to the host, which edits the file and sends the next
// state (auto-advance is the host's). Labels come from the file and reach the page as textContent only.

import type { Block, GhostSuggestion, HostToWebview, ReviewAction, WebviewToHost } from '../shared/protocol';
import { blockAt } from './blocks';
import { drawnOffset, pieces } from './drawnText';
import { textOffset } from './selection';
import type { Reader } from './state';

const GHOST = 'marginalia-suggestion';
const CURRENT = 'marginalia-suggestion-current';

const sheet = new CSSStyleSheet();
sheet.replaceSync(`
::highlight(${GHOST}) { text-decoration: underline dashed 1px; text-decoration-color: var(--vscode-disabledForeground, #888); background-color: color-mix(in srgb, var(--vscode-disabledForeground, #888) 14%, transparent); }
::highlight(${CURRENT}) { text-decoration: underline dashed 2px; text-decoration-color: var(--vscode-focusBorder, #888); background-color: color-mix(in srgb, var(--vscode-focusBorder, #888) 22%, transparent); }
#review { position: fixed; left: 50%; bottom: 12px; transform: translateX(-50%); width: max-content; max-width: min(94vw, 60em); z-index: 20; display: flex; gap: 1em; align-items: baseline;
  padding: 6px 12px; border: 1px dashed var(--vscode-focusBorder, #888); border-radius: 4px; background: var(--vscode-editorWidget-background, #252526);
  color: var(--vscode-editorWidget-foreground, inherit); font-size: 0.9em; box-shadow: 0 2px 8px var(--vscode-widget-shadow, rgba(0,0,0,.3)); }
#review[hidden] { display: none; }
#review > span { white-space: nowrap; }
#review .what { font-weight: 600; overflow: hidden; text-overflow: ellipsis; flex: 0 1 auto; min-width: 4em; max-width: 28em; }
#review kbd { border: 1px solid var(--vscode-keybindingLabel-border, #888); border-radius: 3px; padding: 0 4px; font-family: inherit; }
`);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

let items: GhostSuggestion[] = [];
let current: string | null = null;
let position = '';
let send: (m: WebviewToHost) => void = () => undefined;
let reader: Reader;

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

/** The DOM point of source offset `offset` (UTF-16, into the payload text), through the block's drawn pieces. */
function pointAt(s: Reader, offset: number, bias: 'start' | 'end'): { node: Node; offset: number } | undefined {
  const d = s.drawing;
  if (!d || d.blocks.length === 0) return undefined;
  const i = blockAt(d.payload.blocks, offset);
  const b = d.payload.blocks[i] as Block;
  const el = d.blocks[i];
  if (!el) return undefined;
  let left = drawnOffset(pieces(d.payload.text, b), Math.min(Math.max(offset, b.start), b.end), bias);
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let last: Text | undefined;
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    if (left <= n.length) return { node: n, offset: left };
    left -= n.length;
    last = n;
  }
  return last ? { node: last, offset: last.length } : undefined;
}

function rangeOf(s: Reader, g: GhostSuggestion): Range | undefined {
  const a = pointAt(s, g.start, 'start');
  const b = pointAt(s, g.end, 'end');
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

/** Lays the highlights over the current DOM, and brings the current suggestion into view. */
function apply(scroll: boolean): void {
  renderBar();
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
  const ghosts: Range[] = [];
  let cur: Range | undefined;
  for (const g of items) {
    const r = rangeOf(reader, g);
    if (!r) continue;
    if (g.key === current) cur = r;
    else ghosts.push(r);
  }
  CSS.highlights.set(GHOST, new Highlight(...ghosts));
  CSS.highlights.set(CURRENT, cur ? new Highlight(cur) : new Highlight());
  if (scroll && cur) {
    const rect = cur.getBoundingClientRect();
    if (rect.top < 40 || rect.bottom > window.innerHeight - 80) window.scrollBy({ top: rect.top - window.innerHeight / 3 });
  }
}

/** The suggestion under a click: the source offset of the caret there, against the suggestions' spans. */
function suggestionAt(x: number, y: number): GhostSuggestion | undefined {
  const caret = document.caretRangeFromPoint?.(x, y);
  if (!caret) return undefined;
  const offset = textOffset(reader, caret.startContainer, caret.startOffset, 'start');
  if (offset === undefined) return undefined;
  const hits = items.filter((g) => g.start <= offset && offset < g.end);
  return hits.sort((a, b) => a.end - a.start - (b.end - b.start))[0];
}

/** The host's suggestions message: what to show, and which one is under review. */
export function showSuggestions(m: Extract<HostToWebview, { type: 'suggestions' }>): void {
  const moved = m.current !== current;
  items = m.items;
  current = m.current;
  position = m.position;
  apply(moved);
}

const KEYS: Record<string, ReviewAction> = { a: 'accept', x: 'reject', ' ': 'skip', Backspace: 'undo', Enter: 'edit' };

/** Starts the review module; `post` is the reader's one channel to the host. */
export function installSuggestions(s: Reader): void {
  reader = s;
  send = (m) => s.post(m);
  document.body.append(bar);
  // A new payload redraws the article, and highlights are drawn into a block after its plain text (blocks.ts):
  // both replace the text nodes the ranges were laid over, so they are laid again, once per frame.
  let queued = false;
  new MutationObserver(() => {
    if (queued || (items.length === 0 && bar.hidden)) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      apply(false);
    });
  }).observe(s.dom.article, { childList: true, subtree: true });
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
