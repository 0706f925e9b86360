// The contents of a card, from the precomputed card models in the payload. Every string is file data and goes
// in as text (el() also shows bidi controls); buttons ask the reader or the host to act, nothing is a link.

import type { ClaimCard, EntityCard } from '../core/cards';
import type { WebviewToHost } from '../shared/protocol';
import { quoted } from './quote';
import { el } from './state';

/** What a card's buttons can do: open another card, go to a claim or the next mention, ask the host. */
export interface CardHandlers {
  openEntity(id: string): void;
  revealClaim(id: string): void;
  nextMention(entityId: string): void;
  post(message: WebviewToHost): void;
  /** Editing actions are offered only for files the user may edit. */
  editable: boolean;
  /** The mention an entity card is anchored to, when the card is about that mention's own entity. */
  mentionId: string | undefined;
  /** The URL of a Markdown link the mention sits in: the card offers it (the name, not the link, is the Tab stop). */
  textLink: string | undefined;
  openTextLink(url: string): void;
}

function linkButton(label: string, onClick: () => void, className = 'card-link'): HTMLButtonElement {
  const b = el('button', className, label);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

function section(title: string, ...children: Node[]): HTMLElement {
  const s = el('section', 'card-section');
  s.append(el('h3', undefined, title), ...children);
  return s;
}

function cardHead(typeLabel: string, name: string): HTMLElement {
  const head = el('header', 'card-head');
  const title = el('h2', 'card-title', name);
  title.id = 'card-title';
  head.append(el('span', 'card-type', typeLabel), title);
  return head;
}

export function entityCardBody(card: EntityCard, h: CardHandlers): Node[] {
  const nodes: Node[] = [cardHead(card.typeLabel, card.name)];
  if (card.role || card.affiliations.length) {
    const role = el('p', 'card-role');
    if (card.role) role.append(card.role);
    card.affiliations.forEach((a, i) => {
      role.append(i === 0 ? (card.role ? ', ' : '') : '; ');
      role.append(linkButton(a.name, () => h.openEntity(a.id)));
    });
    nodes.push(role);
  }
  if (card.description) nodes.push(el('p', 'card-description', card.description));
  if (card.claimCount > 0) {
    const list = el('ul', 'card-claims');
    for (const c of card.claims.slice(0, 3)) {
      const li = el('li');
      li.append(linkButton(quoted(c.text, 140), () => h.revealClaim(c.id)));
      list.append(li);
    }
    nodes.push(section(`${card.claimCount} ${card.claimCount === 1 ? 'claim' : 'claims'}`, list));
  }
  const mentions = el('p', 'card-mentions', `${card.mentionCount} ${card.mentionCount === 1 ? 'mention' : 'mentions'} `);
  if (card.mentionCount > 0) mentions.append(linkButton('Next mention ›', () => h.nextMention(card.id)));
  nodes.push(mentions);
  // Affiliations are already on the role line; the rest of the relations are listed here.
  const affiliated = new Set(card.affiliations.map((a) => a.id));
  const related = card.relations.filter((r) => !affiliated.has(r.id));
  if (related.length) {
    const list = el('ul', 'card-related');
    for (const r of related) {
      const li = el('li');
      const words = r.type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
      const link = linkButton(r.name, () => h.openEntity(r.id));
      // "located in Singapore" for this entity's own relations; "Alan Chong — affiliated with this" for others'.
      if (r.direction === 'out') li.append(el('span', 'card-relation', `${words} `), link);
      else li.append(link, el('span', 'card-relation', ` — ${words} this`));
      list.append(li);
    }
    nodes.push(section('Related', list));
  }
  if (h.editable) {
    const actions = el('div', 'card-actions');
    const mentionId = h.mentionId;
    actions.append(
      linkButton('Edit entity…', () => h.post({ type: 'action', action: 'editEntity', id: card.id }), 'card-action'),
      linkButton('Annotate all occurrences…', () => h.post({ type: 'action', action: 'annotateAll', id: card.id }), 'card-action'),
    );
    if (mentionId) actions.append(linkButton('Delete this mention…', () => h.post({ type: 'action', action: 'delete', id: mentionId }), 'card-action'));
    nodes.push(actions);
  }
  const textLink = h.textLink;
  if (textLink !== undefined) {
    const open = linkButton(textLink, () => h.openTextLink(textLink));
    open.title = 'Open the link this name is part of';
    nodes.push(section('Link in the text', open));
  }
  if (card.links.length) {
    const list = el('ul', 'card-links');
    for (const l of card.links) {
      const li = el('li');
      li.append(linkButton(l.label ?? l.url, () => h.post({ type: 'openLink', url: l.url })));
      list.append(li);
    }
    nodes.push(section('Links', list));
  }
  return nodes;
}

export function claimCardBody(card: ClaimCard, h: CardHandlers): Node[] {
  const nodes: Node[] = [cardHead(`Claim · ${card.modeLabel}`, card.speaker ? card.speaker.name : 'Unattributed claim')];
  if (card.speaker?.role) nodes.push(el('p', 'card-role', card.speaker.role));
  if (card.summary) nodes.push(el('p', 'card-description', card.summary));
  const chain = el('ol', 'card-chain');
  chain.setAttribute('aria-label', 'Attribution chain');
  for (const link of card.chain) {
    const li = el('li');
    li.append(el('span', 'chain-role', `${link.role}${link.kind ? ` (${link.kind})` : ''}: `));
    const id = link.id;
    li.append(id ? linkButton(link.name, () => h.openEntity(id)) : el('span', undefined, link.name));
    chain.append(li);
  }
  nodes.push(section('Attribution', chain));
  if (card.status !== 'anchored') nodes.push(el('p', 'card-status', `Anchor: ${card.status}`));
  if (h.editable) {
    const actions = el('div', 'card-actions');
    actions.append(
      linkButton('Edit attribution…', () => h.post({ type: 'action', action: 'editAttribution', id: card.id }), 'card-action'),
      linkButton('Delete claim…', () => h.post({ type: 'action', action: 'delete', id: card.id }), 'card-action'),
    );
    nodes.push(actions);
  }
  return nodes;
}
