// One annotation's selectors prepared for anchoring, and the results built from a decision: the boundary between
// the file's code points and the UTF-16 the search works in.

import type { Anchor, AnchorStatus, Selector } from '../model';
import { OffsetMap, positionOf, quoteOf } from '../text';
import { verdict, type Chosen, type Rec } from './evidence';
import type { HintRange } from './hints';

/** Why an anchor is where it is; resolve.ts turns this into problems. */
export interface AnchorDetail extends Anchor {
  /** How it was found. */
  method: 'position' | 'mapped' | 'search' | 'normalized' | 'fuzzy' | 'none';
  /** The stored position pointed outside the text, or at different text. */
  positionMismatch: boolean;
}

function lf(s: string | undefined): string {
  return s === undefined || s.indexOf('\r') === -1 ? (s ?? '') : s.replace(/\r\n?/g, '\n');
}

export function prepare(selectors: readonly Selector[], index: number, hintOf: (s: number, e: number) => HintRange | undefined): Rec | undefined {
  const quote = quoteOf(selectors);
  if (!quote || quote.exact === '') return undefined;
  const p = positionOf(selectors);
  const pos =
    p !== undefined && Number.isInteger(p.start) && Number.isInteger(p.end) && p.start >= 0 && p.start < p.end ? { start: p.start, end: p.end } : undefined;
  const exact = lf(quote.exact);
  const forms = [exact];
  // Only text outside ASCII can have other canonical forms; normalizing every quote costs more than anchoring it.
  if (!/^[\x20-\x7e\n\t]*$/.test(exact)) for (const f of [exact.normalize('NFC'), exact.normalize('NFD')]) if (!forms.includes(f)) forms.push(f);
  return {
    index,
    exact,
    prefix: lf(quote.prefix),
    suffix: lf(quote.suffix),
    forms,
    pos,
    hint: pos ? hintOf(pos.start, pos.end) : undefined,
    windowHits: [],
    partialHits: [],
    anywhere: [],
    loose: true,
    nearOnly: false,
  };
}

/** The quote where its (mapped) position says: through equal text when mapped, with its whole context when not. */
export function fastPath(text: string, map: OffsetMap, r: Rec): AnchorDetail | undefined {
  const h = r.hint;
  if (!h || !text.startsWith(r.exact, h.start)) return undefined;
  if (h.mapped) return h.touched ? undefined : exactResult(map, r, h.start, 0);
  if (!text.startsWith(r.prefix, h.start - r.prefix.length) || !text.startsWith(r.suffix, h.start + r.exact.length)) return undefined;
  if (r.pos && h.end === h.start + r.exact.length)
    return { status: 'anchored', start: r.pos.start, end: r.pos.end, method: 'position', positionMismatch: false };
  return exactResult(map, r, h.start, 0);
}

export function exactResult(map: OffsetMap, r: Rec, s16: number, form: number, e16 = s16 + (r.forms[form] as string).length): AnchorDetail {
  const start = map.toCodePoint(s16);
  const end = map.toCodePoint(e16);
  const same = r.pos !== undefined && start === r.pos.start && end === r.pos.end;
  const h = r.hint;
  const method: AnchorDetail['method'] = form > 0 ? 'normalized' : h && s16 === h.start ? (h.mapped ? 'mapped' : 'position') : 'search';
  const status: AnchorStatus = same ? 'anchored' : 'relocated';
  return { status, start, end, method, positionMismatch: r.pos !== undefined && !h?.mapped && !same };
}

export function decided(map: OffsetMap, r: Rec, j: Chosen): AnchorDetail {
  const v = verdict(r, j);
  if (v.kind === 'orphan') return orphan(r);
  if (v.kind === 'exact') return exactResult(map, r, j.start, Math.max(0, j.form), j.end);
  const start = map.toCodePoint(j.start);
  const end = map.toCodePoint(j.end);
  return { status: 'fuzzy', start, end, score: v.score as number, method: 'fuzzy', positionMismatch: r.pos !== undefined && !r.hint?.mapped };
}

export function orphan(r: Rec): AnchorDetail {
  return { status: 'orphan', method: 'none', positionMismatch: r.hint !== undefined && !r.hint.mapped };
}
