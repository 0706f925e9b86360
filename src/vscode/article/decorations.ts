// Entity highlights in article editors: one decoration type per entity type and style (created once, reused
// for every editor), one setDecorations call per type per update, the same non-colour cues as the reader, and a
// gutter mark per claim.

import * as vscode from 'vscode';
import { articleIndex, rangesByType } from '../../core/articleIndex';
import type { EntityTypeDef, TypeCue } from '../../core/model';
import type { Reading, ReadingStore } from '../store';
import { toRange } from '../toolkit/convert';
import { modelMatches, readingOfArticle } from './documents';

const HEX = /^#[0-9a-fA-F]{6}$/;
const NEUTRAL = '#8c8c8c';

export function safeColor(color: unknown): string {
  return typeof color === 'string' && HEX.test(color) ? color.toLowerCase() : NEUTRAL;
}

/** A tint that reads on light and dark themes, plus a non-colour cue (border style, weight, slant). */
export function decorationOptions(type: Pick<EntityTypeDef, 'color' | 'cue'>): vscode.DecorationRenderOptions {
  const color = safeColor(type.color);
  const cue: TypeCue = type.cue;
  const options: vscode.DecorationRenderOptions = {
    light: { backgroundColor: `${color}1f` },
    dark: { backgroundColor: `${color}33` },
    overviewRulerColor: `${color}99`,
    overviewRulerLane: vscode.OverviewRulerLane.Center,
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    borderColor: color,
  };
  switch (cue) {
    case 'solid':
    case 'dashed':
    case 'dotted':
      return { ...options, borderStyle: `none none ${cue} none`, borderWidth: '0 0 2px 0' };
    case 'double':
      return { ...options, borderStyle: 'none none double none', borderWidth: '0 0 3px 0' };
    case 'wavy':
      return { ...options, textDecoration: `underline wavy ${color}` };
    case 'box':
      return { ...options, borderStyle: 'solid', borderWidth: '1px', borderRadius: '3px' };
    case 'bold':
      return { ...options, fontWeight: 'bold', borderStyle: 'none none solid none', borderWidth: '0 0 1px 0' };
    case 'italic':
      return { ...options, fontStyle: 'italic', borderStyle: 'none none solid none', borderWidth: '0 0 1px 0' };
    default:
      return { ...options, borderStyle: 'none none solid none', borderWidth: '0 0 2px 0' };
  }
}

export interface EditorDecorationStats {
  uri: string;
  updates: number;
  /** setDecorations calls in the last update, per entity type id (and `claims`). */
  calls: Record<string, number>;
  /** Ranges set in the last update, per entity type id (and `claims`). */
  ranges: Record<string, number>;
  /** Decoration types created so far (never more than one per entity type and style). */
  decorationTypes: number;
  /** Extension-host time of the last update: ranges computed and handed to setDecorations. */
  ms: number;
}

/** Mid-grey reads on light, dark and high-contrast themes alike. */
const CLAIM_GUTTER_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16"><path fill="#8c8c8c" d="M2 2.5h12a1 1 0 0 1 1 1v7a1 1 0 0 1-1 1H8l-3.5 3v-3H2a1 1 0 0 1-1-1v-7a1 1 0 0 1 1-1z"/></svg>';

export class ArticleDecorations implements vscode.Disposable {
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();
  // A speech-bubble mark in the gutter: not a character in the text, so it cannot be mistaken for a quotation mark.
  private readonly claimType = vscode.window.createTextEditorDecorationType({
    gutterIconPath: vscode.Uri.parse(`data:image/svg+xml;base64,${btoa(CLAIM_GUTTER_SVG)}`),
    gutterIconSize: '70%',
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.infoForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedOpen,
  });
  /** Per editor: which decoration keys hold ranges now, so a vanished type is cleared once. */
  private readonly applied = new WeakMap<vscode.TextEditor, Set<string>>();
  readonly stats = new Map<string, EditorDecorationStats>();

  constructor(
    private readonly store: ReadingStore,
    private readonly hidden: (r: Reading) => ReadonlySet<string>,
  ) {}

  private key(t: Pick<EntityTypeDef, 'id' | 'color' | 'cue'>): string {
    return `${t.id}\u0000${safeColor(t.color)}\u0000${t.cue}`;
  }

  private typeFor(t: Pick<EntityTypeDef, 'id' | 'color' | 'cue'>): vscode.TextEditorDecorationType {
    const key = this.key(t);
    let d = this.types.get(key);
    if (!d) this.types.set(key, (d = vscode.window.createTextEditorDecorationType(decorationOptions(t))));
    return d;
  }

  update(editor: vscode.TextEditor): void {
    const reading = readingOfArticle(this.store, editor.document.uri);
    const before = this.applied.get(editor);
    if (!reading) {
      if (before) this.clear(editor, before);
      return;
    }
    const model = reading.model;
    if (!model) {
      if (before) this.clear(editor, before);
      return;
    }
    // Text and model disagree while a reload is pending: the existing decorations follow the edits meanwhile.
    if (!modelMatches(editor.document, model)) return;
    const t0 = performance.now();
    const index = articleIndex(model);
    const typeIds = new Set([...model.types.keys(), ...index.byType.keys()]);
    const ranges = rangesByType(index, typeIds, this.hidden(reading));
    const now = new Set<string>();
    const touched = new Set<string>();
    const calls: Record<string, number> = {};
    const counts: Record<string, number> = {};
    for (const [typeId, rs] of ranges) {
      const def = model.types.get(typeId) ?? { id: typeId, color: NEUTRAL, cue: 'solid' as TypeCue };
      const key = this.key(def);
      // A type with nothing to show that showed nothing before needs no call.
      if (rs.length === 0 && !before?.has(key)) continue;
      editor.setDecorations(
        this.typeFor(def),
        rs.map((r) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character)),
      );
      touched.add(key);
      calls[typeId] = (calls[typeId] ?? 0) + 1;
      counts[typeId] = rs.length;
      if (rs.length) now.add(key);
    }
    // Types that vanished from the file (or changed colour) since the last update.
    for (const key of before ?? []) {
      const d = this.types.get(key);
      if (key !== 'claims' && !touched.has(key) && d) editor.setDecorations(d, []);
    }
    editor.setDecorations(
      this.claimType,
      index.claims.map((c) => toRange(index, { start: c.start, end: c.start })),
    );
    calls.claims = 1;
    counts.claims = index.claims.length;
    now.add('claims');
    this.applied.set(editor, now);
    const uri = editor.document.uri.toString();
    this.stats.set(uri, {
      uri,
      updates: (this.stats.get(uri)?.updates ?? 0) + 1,
      calls,
      ranges: counts,
      decorationTypes: this.types.size,
      ms: performance.now() - t0,
    });
  }

  private clear(editor: vscode.TextEditor, keys: Set<string>): void {
    for (const key of keys) {
      const d = key === 'claims' ? this.claimType : this.types.get(key);
      if (d) editor.setDecorations(d, []);
    }
    this.applied.delete(editor);
  }

  dispose(): void {
    for (const d of this.types.values()) d.dispose();
    this.types.clear();
    this.claimType.dispose();
  }
}
