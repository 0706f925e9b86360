// The Compare / Curate webview: the agreement report between two annotations of one article, and the curation
// queue with the review keys (a accept left, b accept right, x reject, space skip, backspace undo). Everything
// from the files is inserted as text, never as HTML; the host owns the decisions and says what to show.

import { decide, select, undo, type ReviewState } from '../core/agree/review';
import type { CollabMode, CollabPayload, CollabState, CollabToHost, CurationChoice, CurationItem, HostToCollab, Version } from '../shared/collabProtocol';

interface VsCodeApi {
  postMessage(message: CollabToHost): void;
  setState(state: CollabState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;
const vscode = acquireVsCodeApi();

let payload: CollabPayload | undefined;
/** The two files, as URI strings: what a reload needs to bring the panel back. */
let files: { a: string; b: string } | undefined;
// The host owns the review; this copy applies each key at once (the same pure steps), so keys typed faster
// than the host answers still act on the item in front. Every answer from the host replaces it.
let review: ReviewState = { decisions: {}, current: null, history: [] };
/** Steps sent whose answer has not come back: the host answers each with one `decisions`, in order. */
let pending = 0;

const root = document.getElementById('collab') as HTMLElement;
const status = document.getElementById('status') as HTMLElement;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

const num = (v: number | null): string => (v === null ? '–' : v.toFixed(3));
const CHOICE_LABEL: Record<CurationChoice, string> = { left: 'accepted left (A)', right: 'accepted right (B)', reject: 'rejected', skip: 'skipped' };
const CATEGORY_LABEL = { 'only-a': 'only in A', 'only-b': 'only in B', differ: 'differs' } as const;

function prfRow(
  name: string,
  p: { precision: number | null; recall: number | null; f1: number | null; matched: number; a: number; b: number },
): HTMLTableRowElement {
  return el(
    'tr',
    {},
    el('th', { scope: 'row' }, name),
    el('td', {}, num(p.precision)),
    el('td', {}, num(p.recall)),
    el('td', {}, num(p.f1)),
    el('td', {}, `${p.matched} (${p.a}, ${p.b})`),
  );
}

/** A column heading that a narrow panel shortens (the long form stays for screen readers). */
function heading(long: string, short: string): HTMLTableCellElement {
  return el('th', { scope: 'col', 'aria-label': long }, el('span', { class: 'long' }, long), el('span', { class: 'short', 'aria-hidden': 'true' }, short));
}

function table(caption: string, rows: HTMLTableRowElement[]): HTMLTableElement {
  const head = el(
    'tr',
    {},
    el('th', { scope: 'col' }, 'measure'),
    heading('precision', 'P'),
    heading('recall', 'R'),
    heading('F1', 'F1'),
    heading('pairs (A, B)', 'pairs'),
  );
  return el('table', {}, el('caption', {}, caption), el('thead', {}, head), el('tbody', {}, ...rows));
}

function versionText(v: Version | undefined, side: 'A' | 'B'): HTMLElement {
  const label = el('span', { class: `side-label ${side.toLowerCase()}` }, side);
  if (!v) return el('div', { class: 'version none' }, label, 'nothing');
  const who =
    v.entity !== undefined
      ? `${v.type ?? ''} · ${v.entity}`
      : v.speaker !== undefined
        ? `${v.speaker}${v.outlets?.length ? ` via ${v.outlets.join(', ')}` : ''}${v.mode ? ` · ${v.mode}` : ''}`
        : '';
  return el(
    'div',
    { class: 'version' },
    el('span', {}, label, el('q', {}, v.text)),
    el('span', { class: 'who' }, who),
    el('span', { class: 'where' }, `${v.id} · ${v.start}–${v.end}`),
  );
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function describe(item: CurationItem): string {
  return `${item.kind} ${CATEGORY_LABEL[item.category]}${item.aspects.length ? ` (${item.aspects.join(', ')})` : ''}`;
}

function header(p: CollabPayload): HTMLElement {
  const tab = (mode: CollabMode, label: string): HTMLButtonElement => {
    const b = el('button', { class: 'tab', 'aria-pressed': String(p.mode === mode), 'data-mode': mode }, label);
    b.addEventListener('click', () => vscode.postMessage({ type: 'mode', mode }));
    return b;
  };
  return el(
    'header',
    {},
    el('h1', {}, p.title),
    el('p', { class: 'files' }, el('span', { class: 'side a' }, 'A (reference): '), p.a, el('span', { class: 'side b' }, '  B: '), p.b),
    el('nav', { 'aria-label': 'View' }, tab('report', 'Agreement report'), tab('curate', 'Curate')),
  );
}

function report(p: CollabPayload): HTMLElement {
  const m = p.report.mentions;
  const c = p.report.claims;
  const mentions = table('Mentions', [
    prfRow('spans, exact', m.exact),
    prfRow('spans, overlapping', m.overlap),
    prfRow('spans and types, exact', m.typed.exact),
    prfRow('spans and types, overlapping', m.typed.overlap),
    ...m.byType.map((t) => prfRow(`${t.label}, overlapping`, t.overlap)),
  ]);
  const kappa = el(
    'p',
    { class: 'kappa' },
    `Cohen's kappa on the types of ${m.kappaPairs} paired spans: `,
    el('strong', {}, m.kappa === null ? 'undefined' : m.kappa.toFixed(3)),
  );
  const claims = table('Claims', [
    prfRow('spans, overlapping', c.span),
    prfRow('spans, exact', c.spanExact),
    prfRow('attribution (speaker and outlets)', c.attribution),
  ]);
  const list = el('ol', { class: 'disagreements' });
  for (const item of p.queue) {
    const row = el(
      'button',
      { class: `disagreement ${item.category}`, 'data-key': item.key, title: 'Show both versions in the readers' },
      el('span', { class: 'what' }, describe(item)),
      versionText(item.a, 'A'),
      versionText(item.b, 'B'),
    );
    row.addEventListener('click', () => vscode.postMessage({ type: 'reveal', key: item.key }));
    list.append(el('li', {}, row));
  }
  const unanchored = m.unanchored.a + m.unanchored.b + c.unanchored.a + c.unanchored.b;
  return el(
    'section',
    { class: 'report' },
    mentions,
    kappa,
    claims,
    ...(unanchored
      ? [el('p', { class: 'note' }, `Not compared (orphaned anchors): ${m.unanchored.a + c.unanchored.a} in A, ${m.unanchored.b + c.unanchored.b} in B.`)]
      : []),
    el('h2', {}, `Disagreements (${p.queue.length})`),
    p.queue.length ? list : el('p', { class: 'note' }, 'None: the two annotations agree.'),
  );
}

/** Sends a message, first applying what it does to the review here. */
function act(message: CollabToHost): void {
  const keys = payload?.queue.map((q) => q.key) ?? [];
  if (message.type === 'decide') review = decide(review, keys, message.key, message.choice);
  else if (message.type === 'undo') review = undo(review);
  else if (message.type === 'select') review = select(review, keys, message.key);
  if (message.type === 'decide' || message.type === 'undo' || message.type === 'select') pending++;
  vscode.postMessage(message);
  if (message.type === 'decide' || message.type === 'undo' || message.type === 'select') render();
}

function button(label: string, key: string, message: CollabToHost, cls = ''): HTMLButtonElement {
  const b = el('button', { class: `action ${cls}`.trim(), 'aria-keyshortcuts': key }, label, el('kbd', {}, key));
  b.addEventListener('click', () => act(message));
  return b;
}

function curate(p: CollabPayload): HTMLElement {
  const { decisions, current } = review;
  const decided = p.queue.filter((q) => decisions[q.key] && decisions[q.key] !== 'skip').length;
  const summary = el(
    'p',
    { class: 'summary' },
    `Agreed and accepted: ${plural(p.agreed.mentions, 'mention')}, ${plural(p.agreed.claims, 'claim')}. Decided ${decided} of ${p.queue.length}.`,
  );
  const item = p.queue.find((q) => q.key === current);
  const focus = item
    ? el(
        'div',
        { class: 'current', 'data-key': item.key },
        el('h2', {}, describe(item)),
        el(
          'div',
          { class: 'sides' },
          el('div', { class: 'left' }, el('h3', {}, 'Left: A'), versionText(item.a, 'A')),
          el('div', { class: 'right' }, el('h3', {}, 'Right: B'), versionText(item.b, 'B')),
        ),
        el(
          'div',
          { class: 'actions' },
          button('Accept left', 'a', { type: 'decide', key: item.key, choice: 'left' }),
          button('Accept right', 'b', { type: 'decide', key: item.key, choice: 'right' }),
          button('Reject', 'x', { type: 'decide', key: item.key, choice: 'reject' }),
          button('Skip', 'Space', { type: 'decide', key: item.key, choice: 'skip' }),
          button('Undo', 'Backspace', { type: 'undo' }),
          button('Show in readers', 'Enter', { type: 'reveal', key: item.key }, 'secondary'),
        ),
      )
    : el('div', { class: 'current done' }, el('h2', {}, p.queue.length ? 'Every disagreement is decided.' : 'Nothing to decide: the two annotations agree.'));
  const list = el('ol', { class: 'queue' });
  for (const q of p.queue) {
    const d = decisions[q.key];
    const row = el(
      'button',
      { class: `queued${q.key === current ? ' selected' : ''}`, 'data-key': q.key, 'aria-current': String(q.key === current) },
      el('span', { class: 'what' }, describe(q)),
      el('span', { class: `decision ${d ?? 'open'}` }, d ? CHOICE_LABEL[d] : 'to decide'),
      el('span', { class: 'text' }, (q.a ?? q.b)?.text ?? ''),
    );
    row.addEventListener('click', () => act({ type: 'select', key: q.key }));
    list.append(el('li', {}, row));
  }
  const write = el(
    'footer',
    {},
    ...(p.aReadOnly ? [] : [button('Write into A', 'Ctrl+S', { type: 'write', target: 'a' }, 'primary')]),
    button('Write as a new file…', 'Ctrl+Shift+S', { type: 'write', target: 'new' }, p.aReadOnly ? 'primary' : ''),
  );
  return el('section', { class: 'curate' }, summary, focus, list, write);
}

function render(): void {
  if (!payload) return;
  root.replaceChildren(header(payload), payload.mode === 'report' ? report(payload) : curate(payload));
  root.setAttribute('aria-busy', 'false');
  root.dataset.mode = payload.mode;
  (root.querySelector('.current .action') as HTMLElement | null)?.focus({ preventScroll: true });
  root.querySelector('.queued.selected')?.scrollIntoView({ block: 'nearest' });
}

window.addEventListener('message', (event: MessageEvent<HostToCollab>) => {
  const m = event.data;
  if (m.type === 'load') {
    payload = m.payload;
    files = m.files;
    review = { decisions: m.decisions, current: m.current, history: [] };
    pending = 0;
  } else if (m.type === 'decisions') {
    pending = Math.max(0, pending - 1);
    // An answer to an earlier step is already outdated here; the answer to the last one is the truth.
    if (pending > 0) return;
    review = { ...review, decisions: m.decisions, current: m.current };
  }
  // What brings the panel back after a window reload (the host's serializer checks it field by field).
  if (files && payload) {
    const saved: CollabState = { ...files, mode: payload.mode, decisions: review.decisions, current: review.current };
    vscode.setState(saved);
  } else if (m.type === 'status') {
    status.textContent = m.message;
    return;
  }
  render();
});

const KEYS: Record<string, CurationChoice> = { a: 'left', ArrowLeft: 'left', b: 'right', ArrowRight: 'right', x: 'reject', ' ': 'skip' };

document.addEventListener('keydown', (e) => {
  if (!payload || payload.mode !== 'curate' || e.altKey || e.metaKey) return;
  if (e.ctrlKey) {
    if (e.key.toLowerCase() !== 's') return;
    e.preventDefault();
    vscode.postMessage({ type: 'write', target: e.shiftKey || payload.aReadOnly ? 'new' : 'a' });
    return;
  }
  const choice = KEYS[e.key];
  const keys = payload.queue.map((q) => q.key);
  const current = review.current;
  const at = current === null ? -1 : keys.indexOf(current);
  if (choice && current !== null) act({ type: 'decide', key: current, choice });
  else if (e.key === 'Backspace') act({ type: 'undo' });
  else if (e.key === 'Enter' && current !== null) vscode.postMessage({ type: 'reveal', key: current });
  else if ((e.key === 'j' || e.key === 'ArrowDown') && keys[at + 1] !== undefined) act({ type: 'select', key: keys[at + 1] as string });
  else if ((e.key === 'k' || e.key === 'ArrowUp') && at > 0) act({ type: 'select', key: keys[at - 1] as string });
  else return;
  e.preventDefault();
});

window.addEventListener('error', (e) => vscode.postMessage({ type: 'error', message: String(e.message) }));
vscode.postMessage({ type: 'ready' });
