// The annotation file a new reading starts with: valid as written (`marginalia validate` passes), with a
// `$schema` that editors resolve offline, the article's title, hash and length, the default type palette and
// empty lists, and for an imported page its provenance in `article.source`.

import schema from '../../../media/schema/annotations.schema.json';
import { codePointLength, hashText } from '../text';
import type { PageSource } from './page';
import { DEFAULT_TYPES } from '../palette';

/**
 * Where the schema copy lives, below the project's root. A relative `$schema` to it, because VS Code fetches
 * an http(s) `$schema` from the network and reports a path to a missing file as an error.
 */
export const SCHEMA_COPY = ['.marginalia', 'annotations.schema.json'] as const;

/** The text written to SCHEMA_COPY when it is missing: the schema this version of Marginalia checks against. */
export function schemaCopyText(): string {
  return JSON.stringify(schema, null, 2) + '\n';
}

/** The `$schema` of an annotation file in the folder `dir` (segments below the root). */
export function schemaRef(dir: readonly string[]): string {
  return `${'../'.repeat(dir.length)}${SCHEMA_COPY.join('/')}`;
}

export interface TemplateInput {
  /** The article's path relative to the annotation file (a sibling: its file name). */
  articlePath: string;
  title: string;
  /** The normalized article text. */
  text: string;
  schema: string;
  source?: PageSource;
}

export function annotationFileText(input: TemplateInput): string {
  const file = {
    $schema: input.schema,
    marginalia: 1,
    article: {
      path: input.articlePath,
      title: input.title,
      hash: hashText(input.text),
      length: codePointLength(input.text),
      ...(input.source ? { source: input.source } : {}),
    },
    types: DEFAULT_TYPES,
    entities: [],
    mentions: [],
    claims: [],
    relations: [],
  };
  return JSON.stringify(file, null, 2) + '\n';
}
