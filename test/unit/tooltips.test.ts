// Every hover and tooltip builder fed the Markdown and HTML metacharacters and payloads in every field (ids
// included), then rendered by an independent Markdown parser with HTML and autolinks switched on: the result
// must be inert — no image, no raw HTML, no link but our own command links, no icon syntax.

import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { articleIndex } from '../../src/core/articleIndex';
import { buildClaimTree, claimRow } from '../../src/core/claimTree';
import { healthItems } from '../../src/core/health';
import { MarkdownBuilder } from '../../src/core/markdown';
import type { AnnotationFile } from '../../src/core/model';
import { resolveModel } from '../../src/core/resolve';
import { OffsetMap, selectorsFor } from '../../src/core/text';
import { articleHover, claimTooltip, entityTooltip, healthTooltip } from '../../src/core/tooltips';

const PAYLOADS = [
  '![x](https://tracker.example/pixel.png)',
  '[x](command:workbench.action.terminal.new)',
  '<img src=x onerror="alert(1)">',
  '`code` ``r`![r](https://tracker.example/p.png)`',
  '[a]: https://evil.example/ref "t" [a]',
  '\\[escaped\\]\\(https://evil.example\\)',
  'https://evil.example/autolink www.evil.example <https://evil.example/angle>',
  '$(zap) $(terminal)',
  '<script>alert(1)</script><style>*{background:url(https://e.example/c)}</style>',
  '&lt;img src=x&gt; &#60;b&#62;',
  '# heading\n\n- list\n> quote\n    code',
  '‮gnp.exe‬ zero​width',
];
const OURS = 'marginalia.showTarget';
const md = new MarkdownIt({ html: true, linkify: true });

function inert(source: string, what: string): void {
  const tokens: Token[] = [];
  const walk = (list: Token[]): void => {
    for (const t of list) {
      tokens.push(t);
      if (t.children) walk(t.children);
    }
  };
  walk(md.parse(source, {}));
  for (const t of tokens) {
    assert.notEqual(t.type, 'image', `${what}: an image`);
    assert.ok(t.type !== 'html_inline' && t.type !== 'html_block', `${what}: raw HTML ${t.content}`);
    if (t.type === 'link_open') {
      const href = t.attrGet('href') ?? '';
      assert.ok(href.startsWith(`command:${OURS}?`), `${what}: a link to ${href}`);
    }
    if (t.type === 'text') assert.ok(!/\u202e|\u200b/.test(t.content), `${what}: an invisible character reached the text`);
  }
  // Theme icons are off in our MarkdownStrings, and escaped anyway: `$(` never appears unescaped.
  assert.ok(!/(^|[^\\])\$\(/.test(source), `${what}: icon syntax`);
}

function hostileModel(): ReturnType<typeof resolveModel> {
  const p = (i: number): string => PAYLOADS[i % PAYLOADS.length] as string;
  const text = 'Alice said the agreement is fragile, the Daily reported. Bob agreed.';
  const map = new OffsetMap(text);
  const sel = (word: string): ReturnType<typeof selectorsFor> => selectorsFor(map, text.indexOf(word), text.indexOf(word) + word.length);
  const file: AnnotationFile = {
    marginalia: 1,
    article: { path: 'a.txt', title: p(0) },
    types: [
      { id: 'person', label: p(1), color: '#123456', cue: 'solid', description: p(2) },
      { id: 'outlet', label: p(3), color: '#654321', cue: 'box' },
    ],
    entities: PAYLOADS.map((payload, i) => ({
      id: `e${i}${payload.replace(/\s/g, '')}`.slice(0, 150),
      type: i % 2 ? 'outlet' : 'person',
      name: payload,
      aliases: [p(i + 1), p(i + 2)],
      role: p(i + 3),
      description: p(i + 4),
      affiliations: [`e${(i + 1) % PAYLOADS.length}${p(i + 1).replace(/\s/g, '')}`.slice(0, 150)],
    })),
    mentions: [
      { id: `m${p(0).replace(/\s/g, '')}`, entity: `e0${p(0).replace(/\s/g, '')}`.slice(0, 150), selector: sel('Alice') },
      { id: `m${p(4).replace(/\s/g, '')}`, entity: `e1${p(1).replace(/\s/g, '')}`.slice(0, 150), selector: sel('Daily') },
      // Orphaned, so Anchor Health has rows with stored quotes.
      { id: `m${p(5).replace(/\s/g, '')}`, entity: `e2${p(2).replace(/\s/g, '')}`.slice(0, 150), selector: [{ type: 'TextQuoteSelector', exact: p(6) }] },
    ],
    claims: [
      {
        id: `c${p(1).replace(/\s/g, '')}`,
        selector: sel('the agreement is fragile'),
        summary: p(7),
        attribution: {
          mode: 'direct-quote',
          cue: p(8),
          chain: [
            { role: 'speaker', entity: `e0${p(0).replace(/\s/g, '')}`.slice(0, 150) },
            { role: 'venue', label: p(9), kind: p(10) },
            { role: 'outlet', entity: `e1${p(1).replace(/\s/g, '')}`.slice(0, 150), kind: p(11) },
          ],
        },
      },
      {
        id: `c${p(2).replace(/\s/g, '')}`,
        selector: [{ type: 'TextQuoteSelector', exact: p(3), prefix: p(4), suffix: p(5) }],
        attribution: { mode: 'belief', chain: [{ role: 'speaker', label: p(6) }] },
      },
    ],
  };
  return resolveModel(file, text);
}

describe('tooltips and hovers are inert whatever the file holds', () => {
  const model = hostileModel();
  const builder = (): MarkdownBuilder => new MarkdownBuilder(new Set([OURS]));

  it('entity tooltips', () => {
    for (const e of model.entities.values()) inert(entityTooltip(builder(), model, e).value, `entity ${e.id}`);
  });

  it('claim tooltips, in every grouping', () => {
    for (const grouping of ['speaker', 'outlet', 'entityType', 'document'] as const) {
      const tree = buildClaimTree(model, grouping);
      for (const c of model.claims) inert(claimTooltip(builder(), claimRow(model, c, tree)).value, `claim ${c.id} by ${grouping}`);
    }
  });

  it('Anchor Health tooltips (the id inside backticks once loaded a remote image)', () => {
    const items = healthItems(model);
    assert.ok(items.length >= 2);
    for (const h of items) inert(healthTooltip(builder(), h).value, `health ${h.id}`);
    inert(
      healthTooltip(builder(), { id: 'r`![r](https://tracker.example/pixel.png)', what: 'mention', severity: 'orphan', stored: '`x`' }).value,
      'the reported id',
    );
  });

  it('editor hovers at every offset, linking only our command', () => {
    const index = articleIndex(model);
    let hovers = 0;
    for (let offset = 0; offset <= model.text.length; offset++) {
      const b = builder();
      const h = articleHover(b, model, 'file:///x.annotations.json', offset, OURS);
      if (!h) continue;
      hovers++;
      inert(h.md.value, `hover at ${offset}`);
      assert.ok(b.commands.every((c) => c === OURS));
    }
    assert.ok(hovers > 0 && index.mentions.length > 0);
  });

  it('refuses a link to any other command', () => {
    assert.throws(() => builder().link('x', 'workbench.action.terminal.new', []), /foreign command/);
  });
});
