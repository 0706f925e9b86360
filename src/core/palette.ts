// The default type palette: the types of the bundled article's annotation (scripts/seed-annotation.ts writes them
// from here), offered to every new annotation file and to a file that has none.

import type { EntityTypeDef } from './model';

export const DEFAULT_TYPES: readonly EntityTypeDef[] = [
  { id: 'person', label: 'Person', color: '#8a63d2', cue: 'solid', icon: 'person', description: 'A named person.' },
  {
    id: 'analyst',
    label: 'Analyst',
    color: '#2f81f7',
    cue: 'double',
    icon: 'mortar-board',
    parent: 'person',
    description: 'A researcher or commentator quoted for analysis, with role and affiliation as the article states them.',
  },
  {
    id: 'official',
    label: 'Official',
    color: '#bf3989',
    cue: 'dashed',
    icon: 'account',
    parent: 'person',
    description: 'A head of state, minister or other office holder.',
  },
  {
    id: 'institution',
    label: 'Institution',
    color: '#1a7f37',
    cue: 'box',
    icon: 'organization',
    description: 'A university, think tank, government body, party, armed force or international organization.',
  },
  { id: 'outlet', label: 'Media outlet', color: '#d4a72c', cue: 'wavy', icon: 'broadcast', description: 'A news organization or publication.' },
  {
    id: 'place',
    label: 'Country or place',
    color: '#0e8a87',
    cue: 'dotted',
    icon: 'globe',
    description: 'A country, region, city or bloc, including metonymic uses ("Beijing" for the Chinese government).',
  },
  { id: 'event', label: 'Event', color: '#cf222e', cue: 'bold', icon: 'calendar', description: 'A named or specifically identified event.' },
  { id: 'treaty', label: 'Treaty or pact', color: '#6e40c9', cue: 'italic', icon: 'law', description: 'A treaty, pact or alliance agreement.' },
  { id: 'weapon', label: 'Weapon system or ship', color: '#bc4c00', cue: 'double', icon: 'rocket', description: 'A named weapon system or ship.' },
  {
    id: 'unnamed-source',
    label: 'Unnamed source',
    color: '#6e7781',
    cue: 'dotted',
    icon: 'question',
    description: 'A source the article does not name ("analysts say").',
  },
];

/** The cues a type may use, with what each looks like, for pickers. */
export const CUES: readonly { id: EntityTypeDef['cue']; label: string }[] = [
  { id: 'solid', label: 'Solid underline' },
  { id: 'dashed', label: 'Dashed underline' },
  { id: 'dotted', label: 'Dotted underline' },
  { id: 'double', label: 'Double underline' },
  { id: 'wavy', label: 'Wavy underline' },
  { id: 'box', label: 'Box' },
  { id: 'bold', label: 'Bold' },
  { id: 'italic', label: 'Italic' },
];
