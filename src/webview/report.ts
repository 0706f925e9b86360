// The Corpus Report's front end. Every string from the annotation files reaches the page through `textContent`
// (or an SVG <title>'s text), never through HTML parsing. Charts are plain SVG drawn here, coloured only with the
// theme's variables (media/report.css), with the numbers always written out so nothing depends on colour.

import type { CellRef } from '../core/corpus/report';
import type { Matrix, NetworkView, PairRow, ReportPayload } from '../core/corpus/reportView';
import { visibleControls } from '../core/text';
import type { ReportHostMessage, ReportWebviewMessage } from '../shared/reportProtocol';

interface VsCodeApi {
  postMessage(message: ReportWebviewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('report') as HTMLElement;
const statusEl = document.getElementById('status') as HTMLElement;
const SVG = 'http://www.w3.org/2000/svg';
let level: 'sentence' | 'paragraph' | 'claim' = 'sentence';
let current: ReportPayload | undefined;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = visibleControls(text);
  return e;
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function open(cell: CellRef): void {
  vscode.postMessage({ type: 'open', cell });
}

/** Makes an SVG shape a keyboard-operable button that opens `cell`. */
function clickable(node: SVGElement, cell: CellRef, label: string): void {
  node.setAttribute('tabindex', '0');
  node.setAttribute('role', 'button');
  node.setAttribute('aria-label', visibleControls(label));
  node.classList.add('clickable');
  node.addEventListener('click', () => open(cell));
  node.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open(cell);
    }
  });
  const title = svg('title');
  title.textContent = visibleControls(label);
  node.appendChild(title);
}

function section(title: string, table: 'frequency' | 'speakersByOutlet' | 'cooccurrence' | 'network' | undefined, note: string): HTMLElement {
  const s = el('section', 'card');
  const head = el('header');
  head.appendChild(el('h2', undefined, title));
  if (table) {
    const b = el('button', 'export', 'Export CSV');
    b.type = 'button';
    b.setAttribute('aria-label', `Export ${title} as CSV`);
    b.addEventListener('click', () => vscode.postMessage({ type: 'export', table }));
    head.appendChild(b);
  }
  s.appendChild(head);
  s.appendChild(el('p', 'note', note));
  return s;
}

/** A heat table: numbers in every cell, shading in five steps as a second cue; each count opens its instances. */
function matrix(m: Matrix, rowHead: string, emptyText: string): HTMLElement {
  if (!m.rows.length || !m.columns.length) return el('p', 'empty', emptyText);
  const max = Math.max(1, ...m.cells.flat().map((c) => c.count));
  const wrap = el('div', 'scroll');
  const t = el('table', 'matrix');
  const head = el('tr');
  head.appendChild(el('th', 'corner', rowHead));
  for (const c of m.columns) {
    const th = el('th', 'col', c.label);
    th.title = visibleControls(`${c.label}: ${c.total}`);
    th.scope = 'col';
    head.appendChild(th);
  }
  t.appendChild(el('thead')).appendChild(head);
  const body = el('tbody');
  m.rows.forEach((r, i) => {
    const tr = el('tr');
    const th = el('th', 'row', r.label);
    th.scope = 'row';
    if (r.detail) th.appendChild(el('span', 'detail', ` ${r.detail}`));
    tr.appendChild(th);
    (m.cells[i] ?? []).forEach((c, j) => {
      const td = el('td');
      if (c.count && c.ref) {
        const ref = c.ref;
        const b = el('button', `cell heat-${Math.ceil((c.count / max) * 5)}`, String(c.count));
        b.type = 'button';
        b.setAttribute('aria-label', visibleControls(`${r.label}, ${m.columns[j]?.label ?? ''}: ${c.count}`));
        b.addEventListener('click', () => open(ref));
        td.appendChild(b);
      } else td.appendChild(el('span', 'zero', '·'));
      tr.appendChild(td);
    });
    body.appendChild(tr);
  });
  t.appendChild(body);
  wrap.appendChild(t);
  return wrap;
}

function bars(p: ReportPayload): SVGSVGElement {
  const rows = p.top;
  const width = 640;
  const left = 190;
  const rowH = 22;
  const max = Math.max(1, ...rows.map((r) => r.mentions));
  const chart = svg('svg', { viewBox: `0 0 ${width} ${rows.length * rowH + 8}`, class: 'chart', role: 'list', 'aria-label': 'Entities by mentions' });
  rows.forEach((r, i) => {
    const y = i * rowH + 4;
    const g = svg('g', { role: 'listitem' });
    const name = svg('text', { x: left - 8, y: y + 14, class: 'label', 'text-anchor': 'end' });
    name.textContent = visibleControls(r.label.length > 28 ? `${r.label.slice(0, 27)}…` : r.label);
    const w = Math.max(2, ((width - left - 70) * r.mentions) / max);
    const bar = svg('rect', { x: left, y, width: w, height: rowH - 6, class: 'bar' });
    clickable(bar, r.ref, `${r.label}: ${r.mentions} mentions in ${r.articles} articles`);
    const value = svg('text', { x: left + w + 6, y: y + 14, class: 'value' });
    value.textContent = `${r.mentions} · ${r.articles} art.`;
    g.append(name, bar, value);
    chart.appendChild(g);
  });
  return chart;
}

function pairs(p: ReportPayload): HTMLElement {
  const box = el('div');
  const tabs = el('div', 'tabs');
  tabs.setAttribute('role', 'tablist');
  for (const l of ['sentence', 'paragraph', 'claim'] as const) {
    const b = el('button', l === level ? 'tab selected' : 'tab', `same ${l}`);
    b.type = 'button';
    b.setAttribute('role', 'tab');
    b.setAttribute('aria-selected', String(l === level));
    b.addEventListener('click', () => {
      level = l;
      if (current) render(current);
    });
    tabs.appendChild(b);
  }
  box.appendChild(tabs);
  const list: PairRow[] = p.cooccurrence[level];
  if (!list.length) {
    box.appendChild(el('p', 'empty', `No two entities share a ${level} yet.`));
    return box;
  }
  const t = el('table', 'pairs');
  const head = el('tr');
  for (const h of ['Entity', 'with', `${level}s`, 'articles']) head.appendChild(el('th', undefined, h));
  t.appendChild(el('thead')).appendChild(head);
  const body = el('tbody');
  const max = Math.max(1, ...list.map((x) => x.count));
  for (const x of list) {
    const tr = el('tr');
    tr.append(el('td', undefined, x.a), el('td', undefined, x.b));
    const td = el('td');
    const b = el('button', `cell heat-${Math.ceil((x.count / max) * 5)}`, String(x.count));
    b.type = 'button';
    b.setAttribute('aria-label', visibleControls(`${x.a} with ${x.b}: ${x.count} ${level}s`));
    b.addEventListener('click', () => open(x.ref));
    td.appendChild(b);
    tr.append(td, el('td', 'num', String(x.articles)));
    body.appendChild(tr);
  }
  t.appendChild(body);
  box.appendChild(t);
  return box;
}

/** Speakers, venues and outlets in three columns; an edge's width is its weight, and each edge opens its claims. */
function network(n: NetworkView): SVGSVGElement | HTMLElement {
  if (!n.edges.length) return el('p', 'empty', 'No attributed claims yet.');
  const columns = { speaker: 0, venue: 1, outlet: 2 } as const;
  const rowH = 24;
  const width = 760;
  const x = [150, 380, 610];
  const byRole = new Map<string, NetworkView['nodes']>();
  for (const node of n.nodes) byRole.set(node.role, [...(byRole.get(node.role) ?? []), node]);
  const place = new Map<string, { x: number; y: number }>();
  let height = 0;
  for (const [role, list] of byRole) {
    list.forEach((node, i) => place.set(node.key, { x: x[columns[role as keyof typeof columns]] as number, y: 30 + i * rowH }));
    height = Math.max(height, 40 + list.length * rowH);
  }
  // Room below the columns for the edges that skip the venues.
  height += 40;
  const max = Math.max(1, ...n.edges.map((e) => e.weight));
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart network', 'aria-label': 'Attribution network: speaker, venue, outlet' });
  ['Speakers', 'Venues', 'Outlets'].forEach((h, i) => {
    const t = svg('text', { x: x[i] as number, y: 14, class: 'heading', 'text-anchor': 'middle' });
    t.textContent = h;
    chart.appendChild(t);
  });
  for (const e of n.edges) {
    const a = place.get(e.from);
    const b = place.get(e.to);
    if (!a || !b) continue;
    const mid = (a.x + b.x) / 2;
    // Straight from speaker to outlet (no venue named): dashed, and bowed below the venues' column.
    const direct = e.from.startsWith('speaker|') && e.to.startsWith('outlet|');
    const d = direct
      ? `M ${a.x + 60} ${a.y} C ${a.x + 120} ${height - 6}, ${b.x - 120} ${height - 6}, ${b.x - 60} ${b.y}`
      : `M ${a.x + 60} ${a.y} C ${mid} ${a.y}, ${mid} ${b.y}, ${b.x - 60} ${b.y}`;
    const path = svg('path', { d, class: direct ? 'edge direct' : 'edge', 'stroke-width': 1 + (5 * e.weight) / max });
    const from = n.nodes.find((v) => v.key === e.from)?.label ?? '';
    const to = n.nodes.find((v) => v.key === e.to)?.label ?? '';
    clickable(path, e.ref, `${from} → ${to}: ${e.weight} claims`);
    chart.appendChild(path);
  }
  for (const node of n.nodes) {
    const at = place.get(node.key);
    if (!at) continue;
    const g = svg('g', { class: `node ${node.role}` });
    g.appendChild(svg('rect', { x: at.x - 60, y: at.y - 9, width: 120, height: 18, rx: 3 }));
    const t = svg('text', { x: at.x, y: at.y + 4, 'text-anchor': 'middle' });
    t.textContent = visibleControls(node.label.length > 18 ? `${node.label.slice(0, 17)}…` : node.label);
    const title = svg('title');
    title.textContent = visibleControls(`${node.label}: ${node.claims} claims`);
    g.append(t, title);
    chart.appendChild(g);
  }
  return chart;
}

function render(p: ReportPayload): void {
  const t0 = performance.now();
  current = p;
  root.replaceChildren();
  const head = el('header', 'top');
  head.appendChild(el('h1', undefined, 'Corpus Report'));
  const t = p.totals;
  head.appendChild(el('p', 'totals', `${t.articles} articles · ${t.entities} entities · ${t.mentions} mentions · ${t.claims} claims`));
  const all = el('button', 'export', 'Export all tables as CSV…');
  all.type = 'button';
  all.addEventListener('click', () => vscode.postMessage({ type: 'export', table: 'all' }));
  head.appendChild(all);
  root.appendChild(head);

  const top = section('Entities by mentions', 'frequency', 'The most mentioned entities across all articles. Choose a bar to see its mentions.');
  top.appendChild(p.top.length ? bars(p) : el('p', 'empty', 'No mentions yet.'));
  const freq = section(
    'Entity frequency per article',
    'frequency',
    'Mentions of the most mentioned entities in the articles that mention them most. Choose a number to see them.',
  );
  freq.appendChild(matrix(p.frequency, 'Entity', 'No mentions yet.'));
  const so = section(
    'Speakers × outlets',
    'speakersByOutlet',
    'Claims of each speaker by the outlet that reported them; “(no outlet)” when the chain names none.',
  );
  so.appendChild(matrix(p.speakersByOutlet, 'Speaker', 'No attributed claims yet.'));
  const co = section(
    'Entity co-occurrence',
    'cooccurrence',
    'Pairs of entities mentioned in the same sentence or paragraph, or taking part in the same claim; the count is how many hold both.',
  );
  co.appendChild(pairs(p));
  const net = section(
    'Attribution network',
    'network',
    'Who was quoted, where, and through which outlet: speaker → venue → outlet, each edge as wide as its number of claims; a dashed edge names no venue.',
  );
  net.appendChild(network(p.network));
  root.append(top, freq, so, co, net);
  root.setAttribute('aria-busy', 'false');
  statusEl.textContent = `Report of ${t.articles} articles drawn`;
  vscode.postMessage({ type: 'painted', ms: performance.now() - t0 });
}

window.addEventListener('message', (event: MessageEvent<ReportHostMessage>) => {
  const m = event.data;
  if (m && m.type === 'report') render(m.payload);
});
vscode.postMessage({ type: 'ready' });
