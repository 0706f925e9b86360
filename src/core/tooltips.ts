// The Markdown of every tree tooltip and editor hover, written into a MarkdownBuilder (src/core/markdown.ts)
// so that all file text is escaped in one place. Pure: the adapter passes a builder whose allow-list holds its
// own command ids, and the command to link for "show in the reader".

import type { Span } from './articleIndex';
import { articleIndex, spansAt } from './articleIndex';
import { claimCard, entityCard } from './cards';
import { chainText, type ClaimRow } from './claimTree';
import type { HealthItem } from './health';
import type { MarkdownBuilder } from './markdown';
import type { EntityDef } from './model';
import { MODE_LABELS } from './outline';
import type { Model } from './resolve';

/** The sentence in context, the claim itself in bold; no links. */
export function claimTooltip(md: MarkdownBuilder, row: ClaimRow): MarkdownBuilder {
  const { before, text, after } = row.context;
  // The chain and the mode once each (the row's description may already hold the chain).
  md.text(row.chain)
    .raw(' · ')
    .italic(MODE_LABELS[row.mode] ?? row.mode)
    .paragraph();
  if (before) md.raw('…').text(before);
  md.bold(text);
  if (after) md.text(after).raw('…');
  return md;
}

/** Name and type, role and affiliations, aliases, description; no links. */
export function entityTooltip(md: MarkdownBuilder, model: Model, e: EntityDef): MarkdownBuilder {
  md.bold(e.name)
    .raw(' · ')
    .italic(model.types.get(e.type)?.label ?? e.type);
  const affiliations = (e.affiliations ?? []).flatMap((a) => model.entities.get(a)?.name ?? []);
  const line = [e.role, ...affiliations].filter((s): s is string => !!s);
  if (line.length) {
    md.paragraph();
    line.forEach((s, i) => (i ? md.raw(' · ').text(s) : md.text(s)));
  }
  const aliases = (e.aliases ?? []).filter((a) => a !== e.name);
  if (aliases.length) md.paragraph().raw('Also: ').text(aliases.join(', '));
  if (e.description) md.paragraph().text(e.description);
  return md;
}

const SEVERITY_WORDS: Record<HealthItem['severity'], string> = {
  orphan: 'not found in the article',
  fuzzy: 'found only approximately',
  relocated: 'found elsewhere by searching',
};

/** What an Anchor Health row is about: its id and status, the stored quote and the text found now. */
export function healthTooltip(md: MarkdownBuilder, item: HealthItem): MarkdownBuilder {
  md.raw(`**${item.what}** `).text(item.id).raw(`: ${SEVERITY_WORDS[item.severity]}`);
  if (item.severity === 'fuzzy') md.raw(` (score ${(item.score ?? 0).toFixed(2)})`);
  md.paragraph().raw('Stored quote: “').text(item.stored).raw('”');
  if (item.now !== undefined) md.paragraph().raw('Text at the place found now: “').text(item.now).raw('”');
  else md.paragraph().raw('Not found in the current text: re-attach it to a selection, or delete it.');
  return md;
}

/** The hover at a place in the article: the entity card of the innermost mention, then the claim card. */
export function articleHover(
  md: MarkdownBuilder,
  model: Model,
  source: string,
  offset: number,
  showTarget: string,
): { md: MarkdownBuilder; span: Span } | undefined {
  const index = articleIndex(model);
  const mention = spansAt(index.mentions, offset).find((s) => s.end > offset);
  const claim = spansAt(index.claims, offset).find((s) => s.end > offset);
  if (!mention && !claim) return undefined;
  if (mention) {
    const card = entityCard(model, mention.entityId);
    if (card) {
      md.bold(card.name).raw(' · ').italic(card.typeLabel);
      const line: (() => void)[] = [];
      if (card.role) line.push(() => md.text(card.role as string));
      for (const a of card.affiliations) line.push(() => md.link(a.name, showTarget, [source, { kind: 'entity', id: a.id }], 'Show in the reader'));
      if (line.length) {
        md.paragraph();
        line.forEach((add, i) => {
          if (i) md.raw(' · ');
          add();
        });
      }
      const aliases = card.aliases.filter((a) => a !== card.name);
      if (aliases.length) md.paragraph().raw('Also: ').text(aliases.join(', '));
      if (card.description) md.paragraph().text(card.description);
      const counts = [`${card.mentionCount} ${card.mentionCount === 1 ? 'mention' : 'mentions'}`];
      if (card.claimCount) counts.push(`${card.claimCount} ${card.claimCount === 1 ? 'claim' : 'claims'} made`);
      if (card.reportedCount) counts.push(`${card.reportedCount} reported`);
      md.paragraph()
        .raw(counts.join(' · '))
        .raw(' · ')
        .link('Show in Reader', showTarget, [source, { kind: 'mention', id: mention.id }]);
    }
  }
  if (claim) {
    const card = claimCard(model, claim.id);
    const resolved = model.claimById.get(claim.id);
    if (card && resolved) {
      if (mention) md.rule();
      md.raw('❝ ').bold(card.modeLabel).raw(' · ').text(chainText(resolved));
      if (card.cue) md.raw(' (').italic(card.cue).raw(')');
      if (card.summary) md.paragraph().text(card.summary);
      md.paragraph().link('Show Claim in Reader', showTarget, [source, { kind: 'claim', id: claim.id }]);
    }
  }
  return { md, span: mention ?? (claim as Span) };
}
