// The one typed protocol between the extension host and the reader webview. Both bundles import it.
// Messages from the webview are untrusted input: the host accepts them only through `parseWebviewMessage`.

import type { Banner } from '../core/readerPayload';
import type { PackedPayload } from './packedPayload';

// The payload's shapes are the core's (src/core/readerPayload.ts builds them); the protocol carries them.
export type { Banner, Block, ReaderClaim, ReaderMention, ReaderPayload, ReaderType } from '../core/readerPayload';

/** What a card's buttons can ask the host to do; the host maps each to one editing command. */
export type CardAction = 'editEntity' | 'annotateAll' | 'editAttribution' | 'delete';
const CARD_ACTIONS: readonly string[] = ['editEntity', 'annotateAll', 'editAttribution', 'delete'] satisfies CardAction[];

/** What the reader persists with `setState` and the serializer hands back after a reload. */
export interface ReaderState {
  source: string;
  /** Scroll position: the text offset of the first visible block and how far (px) its top sits from the viewport's. */
  scrollOffset?: number;
  scrollDelta?: number;
  scrollTop?: number;
  openCard?: CardRef;
  /** The mention the open entity card is anchored to. */
  openMention?: string;
  hiddenTypes?: string[];
  /** The legend folded to one line (the user's choice, kept across reloads). */
  legendCollapsed?: boolean;
}

/** What a card is about. */
export type CardRef = { kind: 'entity' | 'claim'; id: string };
/** A place in the text: one mention, one claim, or an entity (its first mention). */
export type TargetRef = { kind: 'mention' | 'claim' | 'entity'; id: string };

/** A suggestion drawn as a ghost highlight (src/vscode/suggestions): UTF-16 offsets into the payload text. */
export interface GhostSuggestion {
  key: string;
  start: number;
  end: number;
  kind: 'mention' | 'claim';
  /** What is proposed, for the review bar: "Vassily Kashin · analyst", "claim by Jake Sullivan". */
  label: string;
}

/** The reader's review keys: a accept, x reject, space skip, backspace undo, Enter accept with edits; select (a click). */
export type ReviewAction = 'accept' | 'reject' | 'skip' | 'undo' | 'edit' | 'select';
const REVIEW_ACTIONS: readonly string[] = ['accept', 'reject', 'skip', 'undo', 'edit', 'select'] satisfies ReviewAction[];

export type HostToWebview =
  /** The payload travels packed (packedPayload.ts): the reader unpacks it into a ReaderPayload. */
  | { type: 'load'; payload: PackedPayload; banner: Banner | null; state: ReaderState | null }
  | { type: 'update'; payload: PackedPayload; banner: Banner | null }
  | { type: 'banner'; banner: Banner | null }
  /** `focus: false`: scroll and flash only (a reveal the person did not ask for, e.g. of what a command created). */
  | { type: 'reveal'; target: TargetRef; openCard: boolean; focus?: boolean }
  | { type: 'setHiddenTypes'; types: string[] }
  | { type: 'navigate'; what: 'mention' | 'claim'; direction: 1 | -1 }
  /** The suggestions under review (none: review is over), the current one, and the position in the queue. */
  | { type: 'suggestions'; items: GhostSuggestion[]; current: string | null; position: string };

export type WebviewToHost =
  | { type: 'ready'; state: ReaderState | null }
  | { type: 'painted'; ms: number; mentions: number }
  | { type: 'openLink'; url: string }
  | { type: 'focus'; target: TargetRef }
  | { type: 'hiddenTypes'; types: string[] }
  /** The reader's text selection as UTF-16 offsets into the payload text (empty when start === end). */
  | { type: 'selection'; start: number; end: number; source: string }
  | { type: 'action'; action: CardAction; id: string }
  /** The read-only bundled article's "Copy to workspace to annotate" button. */
  | { type: 'copyToWorkspace' }
  /** A review key pressed (or a ghost highlight clicked) on the suggestion `key`. */
  | { type: 'review'; action: ReviewAction; key: string | null }
  /** The banner's location: open the annotation file at its first error. Carries nothing: the host knows where. */
  | { type: 'openProblem' }
  | { type: 'error'; message: string };

const MAX_STRING = 10_000;

function isStr(v: unknown, max = MAX_STRING): v is string {
  return typeof v === 'string' && v.length <= max;
}

function isOffset(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0x7fffffff;
}

function isCardRef(v: unknown): v is CardRef {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (r.kind === 'entity' || r.kind === 'claim') && isStr(r.id, 1000);
}

export function isTargetRef(v: unknown): v is TargetRef {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (r.kind === 'mention' || r.kind === 'claim' || r.kind === 'entity') && isStr(r.id, 1000);
}

/** A saved reader state (from the webview or from the serializer after a reload), checked field by field. */
export function isReaderState(v: unknown): v is ReaderState {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  if (!isStr(s.source)) return false;
  if (s.scrollOffset !== undefined && !(typeof s.scrollOffset === 'number' && Number.isFinite(s.scrollOffset))) return false;
  if (s.scrollTop !== undefined && !(typeof s.scrollTop === 'number' && Number.isFinite(s.scrollTop))) return false;
  if (s.scrollDelta !== undefined && !(typeof s.scrollDelta === 'number' && Number.isFinite(s.scrollDelta))) return false;
  if (s.openCard !== undefined && !isCardRef(s.openCard)) return false;
  if (s.openMention !== undefined && !isStr(s.openMention, 1000)) return false;
  if (s.legendCollapsed !== undefined && typeof s.legendCollapsed !== 'boolean') return false;
  if (s.hiddenTypes !== undefined && !(Array.isArray(s.hiddenTypes) && s.hiddenTypes.length <= 1000 && s.hiddenTypes.every((t) => isStr(t, 1000))))
    return false;
  return true;
}

/** The host's only door for webview messages: returns the typed message, or a reason it was rejected. */
export function parseWebviewMessage(raw: unknown): { ok: true; message: WebviewToHost } | { ok: false; reason: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'not an object' };
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return m.state == null || isReaderState(m.state)
        ? { ok: true, message: { type: 'ready', state: (m.state ?? null) as ReaderState | null } }
        : { ok: false, reason: 'ready: bad state' };
    case 'painted':
      return typeof m.ms === 'number' && Number.isFinite(m.ms) && typeof m.mentions === 'number' && Number.isInteger(m.mentions)
        ? { ok: true, message: { type: 'painted', ms: m.ms, mentions: m.mentions } }
        : { ok: false, reason: 'painted: bad fields' };
    case 'openLink':
      return isStr(m.url, 2048) ? { ok: true, message: { type: 'openLink', url: m.url } } : { ok: false, reason: 'openLink: bad url' };
    case 'focus':
      return isTargetRef(m.target) ? { ok: true, message: { type: 'focus', target: m.target } } : { ok: false, reason: 'focus: bad target' };
    case 'hiddenTypes':
      return Array.isArray(m.types) && m.types.length <= 1000 && m.types.every((t) => isStr(t, 1000))
        ? { ok: true, message: { type: 'hiddenTypes', types: m.types as string[] } }
        : { ok: false, reason: 'hiddenTypes: bad list' };
    case 'selection':
      return isOffset(m.start) && isOffset(m.end) && (m.start as number) <= (m.end as number) && isStr(m.source)
        ? { ok: true, message: { type: 'selection', start: m.start as number, end: m.end as number, source: m.source } }
        : { ok: false, reason: 'selection: bad range' };
    case 'copyToWorkspace':
      return { ok: true, message: { type: 'copyToWorkspace' } };
    case 'openProblem':
      return { ok: true, message: { type: 'openProblem' } };
    case 'action':
      return typeof m.action === 'string' && CARD_ACTIONS.includes(m.action) && isStr(m.id, 1000)
        ? { ok: true, message: { type: 'action', action: m.action as CardAction, id: m.id as string } }
        : { ok: false, reason: 'action: unknown action or bad id' };
    case 'review':
      return typeof m.action === 'string' && REVIEW_ACTIONS.includes(m.action) && (m.key === null || isStr(m.key, 1000))
        ? { ok: true, message: { type: 'review', action: m.action as ReviewAction, key: m.key as string | null } }
        : { ok: false, reason: 'review: unknown action or bad key' };
    case 'error':
      return isStr(m.message) ? { ok: true, message: { type: 'error', message: m.message } } : { ok: false, reason: 'error: bad message' };
    default:
      return { ok: false, reason: `unknown type ${JSON.stringify(String(m.type)).slice(0, 60)}` };
  }
}

/** Links are opened only when they are absolute http(s) URLs; everything else is refused. */
export function safeExternalUrl(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}
