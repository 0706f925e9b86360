// Drawing a payload: the per-type CSS, the blocks (blocks.ts, inline.ts), the title and the legend. The article's
// text reaches the DOM only as text nodes; type colours and cues reach CSS only after validation, and class names
// use indices, never ids from the file.

import { visibleControls } from '../core/text';
import type { ReaderPayload } from '../shared/protocol';
import { drawRest, layOut } from './blocks';
import { applyHidden, fitLegend, renderLegend } from './chrome';
import type { Reader } from './state';

const CUES = new Set(['solid', 'dashed', 'dotted', 'double', 'wavy', 'box', 'bold', 'italic']);
const HEX = /^#[0-9a-fA-F]{6}$/;

/** Per-type CSS from validated values only: colour as a custom property, cue as one of a fixed set of rules. */
function typeRules(p: ReaderPayload): string {
  const rules: string[] = [];
  for (const t of p.types) {
    const color = HEX.test(t.color) ? t.color : '#808080';
    const cue = CUES.has(t.cue) ? t.cue : 'solid';
    rules.push(`.t${t.index} { --c: ${color}; }`);
    const sel = `.m.t${t.index}`;
    switch (cue) {
      case 'solid':
      case 'dashed':
      case 'dotted':
      case 'double':
        rules.push(`${sel} { border-bottom-style: ${cue}; }`);
        break;
      case 'wavy':
        rules.push(`${sel} { border-bottom-style: none; text-decoration: underline wavy var(--c) 1.5px; text-underline-offset: 0.25em; }`);
        break;
      case 'box':
        rules.push(`${sel} { border: 1px solid var(--c); border-radius: 3px; }`);
        break;
      case 'bold':
        rules.push(`${sel} { font-weight: 600; }`);
        break;
      case 'italic':
        rules.push(`${sel} { font-style: italic; }`);
        break;
    }
    rules.push(`.legend-item.t${t.index} .swatch { ${cue === 'box' ? 'outline: 1px solid var(--c);' : ''} }`);
    rules.push(
      `#article.hide-t${t.index} .m.t${t.index} { background: none; border-color: transparent; text-decoration: none; font-weight: inherit; font-style: inherit; }`,
    );
  }
  return rules.join('\n');
}

/**
 * Draws a payload: the per-type CSS, every block (highlights first around UTF-16 offset `near`, where the reader is
 * about to be scrolled to), the title and the legend. Posts 'painted' once the first highlighted frame is on screen.
 */
export function render(s: Reader, p: ReaderPayload, near = 0): void {
  const started = performance.now();
  s.payload = p;
  s.typeSheet.replaceSync(typeRules(p));
  s.mentionsByEntity = new Map();
  for (const m of p.mentions) {
    const list = s.mentionsByEntity.get(m.entityId);
    if (list) list.push(m.id);
    else s.mentionsByEntity.set(m.entityId, [m.id]);
  }
  const frag = layOut(s, p, near, started);
  performance.measure('marginalia:build', { start: started, end: performance.now() });
  s.dom.article.replaceChildren(frag);
  s.dom.article.setAttribute('aria-busy', 'false');
  document.title = visibleControls(p.title);
  renderLegend(s, p);
  fitLegend(s);
  applyHidden(s);
  const drawing = s.drawing;
  requestAnimationFrame(() => {
    // The frame after this one has painted the highlights. The measure is there for benchmarks and profilers.
    requestAnimationFrame(() => {
      const measure = performance.measure('marginalia:apply-to-paint', { start: started, end: performance.now() });
      s.post({ type: 'painted', ms: measure.duration, mentions: p.mentions.length });
      // The rest of the article is drawn after the first paint, never before it; unless a newer payload came.
      if (s.drawing === drawing) drawRest(s);
    });
  });
}
