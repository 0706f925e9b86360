// The protocol between the extension host and the Compare / Curate webview. Messages from the webview are
// untrusted: the host accepts them only through `parseCollabMessage`.

import type { AgreementReport, Version } from '../core/agree/agree';
import type { CurationChoice, CurationItem } from '../core/agree/curate';

export type { CurationChoice, CurationItem, Version };

export type CollabMode = 'report' | 'curate';

/** Everything the webview shows; built by the host from the two readings. */
export interface CollabPayload {
  mode: CollabMode;
  /** What each side is: file names as the workspace shows them, and the article's title. */
  a: string;
  b: string;
  title: string;
  report: Omit<AgreementReport, 'disagreements'>;
  agreed: { mentions: number; claims: number };
  queue: CurationItem[];
  /** A's file is read-only (the bundled article): curation can only write a new file. */
  aReadOnly: boolean;
}

/**
 * What the webview saves (setState) so the panel comes back after a window reload: the two files (URI strings),
 * the mode, and the decisions made so far. Read back by the host only through `parseCollabState`.
 */
export interface CollabState {
  a: string;
  b: string;
  mode: CollabMode;
  decisions: Record<string, CurationChoice>;
  current: string | null;
}

export type HostToCollab =
  | { type: 'load'; payload: CollabPayload; decisions: Record<string, CurationChoice>; current: string | null; files: { a: string; b: string } }
  | { type: 'decisions'; decisions: Record<string, CurationChoice>; current: string | null }
  | { type: 'status'; message: string };

export type CollabToHost =
  | { type: 'ready' }
  /** Show both versions of a queue item in the readers. */
  | { type: 'reveal'; key: string }
  | { type: 'decide'; key: string; choice: CurationChoice }
  | { type: 'undo' }
  | { type: 'select'; key: string }
  | { type: 'mode'; mode: CollabMode }
  /** Write the curated result: into A (one undoable edit) or as a new file. */
  | { type: 'write'; target: 'a' | 'new' }
  | { type: 'error'; message: string };

export const CHOICES: readonly CurationChoice[] = ['left', 'right', 'reject', 'skip'];

const isKey = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 2100;

const MAX_DECISIONS = 100_000;

/** A saved panel state from a previous window, every field checked; undefined when it is not one. */
export function parseCollabState(raw: unknown): CollabState | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const s = raw as Record<string, unknown>;
  const uri = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length < 4096;
  if (!uri(s.a) || !uri(s.b) || (s.mode !== 'report' && s.mode !== 'curate')) return undefined;
  const decisions: Record<string, CurationChoice> = {};
  if (typeof s.decisions === 'object' && s.decisions !== null && !Array.isArray(s.decisions)) {
    const entries = Object.entries(s.decisions as Record<string, unknown>).slice(0, MAX_DECISIONS);
    for (const [k, v] of entries) {
      const choice = CHOICES.find((c) => c === v);
      if (isKey(k) && choice) decisions[k] = choice;
    }
  }
  const current = isKey(s.current) ? s.current : null;
  return { a: s.a, b: s.b, mode: s.mode, decisions, current };
}

export type Parsed = { ok: true; message: CollabToHost } | { ok: false; reason: string };

/** The host's only door for messages from the Compare / Curate webview: every field checked, nothing cast. */
export function parseCollabMessage(raw: unknown): Parsed {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'not an object' };
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'undo':
      return { ok: true, message: { type: m.type } };
    case 'reveal':
    case 'select':
      return isKey(m.key) ? { ok: true, message: { type: m.type, key: m.key } } : { ok: false, reason: `${m.type}: bad key` };
    case 'decide': {
      const choice = CHOICES.find((c) => c === m.choice);
      return isKey(m.key) && choice ? { ok: true, message: { type: 'decide', key: m.key, choice } } : { ok: false, reason: 'decide: bad key or choice' };
    }
    case 'mode':
      return m.mode === 'report' || m.mode === 'curate' ? { ok: true, message: { type: 'mode', mode: m.mode } } : { ok: false, reason: 'mode: unknown mode' };
    case 'write':
      return m.target === 'a' || m.target === 'new'
        ? { ok: true, message: { type: 'write', target: m.target } }
        : { ok: false, reason: 'write: unknown target' };
    case 'error':
      return typeof m.message === 'string'
        ? { ok: true, message: { type: 'error', message: m.message.slice(0, 2000) } }
        : { ok: false, reason: 'error: no message' };
    default:
      return { ok: false, reason: `unknown message type ${JSON.stringify(String(m.type)).slice(0, 40)}` };
  }
}
