// The reader's one piece of mutable state, created by main.ts and handed to every module: what is drawn, what
// is hidden, which card is open and the bookkeeping of the frame-batched listeners. Modules keep no state of
// their own, so everything the reader knows is in one place.

import type { CardRef, ReaderPayload, ReaderState, WebviewToHost } from '../shared/protocol';
import { visibleControls } from '../core/text';
import type { Drawing } from './blocks';

export interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: ReaderState): void;
}

/** The shell's fixed elements (see renderShell in src/vscode/readerShell.ts) and the card main.ts adds. */
export interface ReaderElements {
  article: HTMLElement;
  legend: HTMLElement;
  banner: HTMLElement;
  status: HTMLElement;
  card: HTMLElement;
}

export interface OpenCard {
  ref: CardRef;
  /** The mention or claim marker the card explains; it is placed beside it. */
  anchor: HTMLElement;
}

/** Card links that lead elsewhere in the reader (navigation.ts), given to the cards without an import cycle. */
export interface CardLinks {
  revealClaim(id: string): void;
  nextMention(entityId: string): void;
  /** A link from the article's text: opened through the host, only http(s). */
  openLink(url: string): void;
}

export class Reader {
  payload: ReaderPayload | undefined;
  /** Type ids whose highlights the user hid. */
  hidden = new Set<string>();
  /** Mention ids per entity, in document order, for "next mention". */
  mentionsByEntity = new Map<string, string[]>();
  readonly typeSheet = new CSSStyleSheet();
  /** The article as drawn so far (blocks.ts); undefined before the first payload. */
  drawing: Drawing | undefined;

  openCard: OpenCard | undefined;
  hideTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set while focus returns to a mention after Escape, so that focus does not reopen the card. */
  suppressFocusCard = false;
  /** A card opened by a click or a key stays until Escape or a click elsewhere; a hover card follows the pointer. */
  pinned = false;

  placeQueued = false;
  /** The legend folded to one line: the user's choice (undefined: folded only when it would take too much room). */
  legendCollapsed: boolean | undefined;

  scrollQueued = false;
  /** The second placement of a restored scroll position, due next frame. */
  restoreFrame: number | undefined;
  selectionQueued = false;
  /** The last selection posted to the host (`start:end`), so an unchanged one is not posted again. */
  lastSelection = '';

  readonly links: CardLinks;

  constructor(
    private readonly api: VsCodeApi,
    readonly dom: ReaderElements,
    links: (reader: Reader) => CardLinks,
  ) {
    this.links = links(this);
  }

  post(message: WebviewToHost): void {
    this.api.postMessage(message);
  }

  setState(state: ReaderState): void {
    this.api.setState(state);
  }

  savedState(): unknown {
    return this.api.getState();
  }
}

/** An element with a class and text. Strings from the file never smuggle bidi controls into the UI (the article's
 * own text does not pass here). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = visibleControls(text);
  return e;
}
