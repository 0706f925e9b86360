// A new reading of any article, planned in the core and written by the caller (the CLI, the extension): which
// files to write and what they hold. The caller checks that none exists (nothing is ever overwritten),
// writes them and the schema copy, and opens the reader.

import { normalizeText } from '../text';
import { articleKindOf, baseName, structureOf, type ArticleKind } from './kind';
import { extractPage } from './page';
import { annotationFileText, schemaRef } from './template';
import { markdownTitle, textTitle } from './title';

export interface PlannedFile {
  /** A file name beside the article. */
  name: string;
  text: string;
}

export interface NewReadingTargets {
  kind: ArticleKind;
  /** `<name>.annotations.json`. */
  annotations: string;
  /** The article the annotation file names: the file itself, or `<name>.md` for an imported page. */
  article: string;
  /** The files the plan writes; none may exist yet. */
  writes: string[];
}

const SUPPORTED = 'a .txt, .md, .html or .htm file';

/** What a new reading of `fileName` writes, or why it cannot be made. */
export function newReadingTargets(fileName: string): NewReadingTargets | { error: string } {
  const kind = articleKindOf(fileName);
  if (!kind) return { error: `${fileName} is not an article Marginalia can read: expected ${SUPPORTED}` };
  const base = baseName(fileName);
  const annotations = `${base}.annotations.json`;
  const article = kind === 'page' ? `${base}.md` : fileName;
  return { kind, annotations, article, writes: kind === 'page' ? [article, annotations] : [annotations] };
}

export interface NewReadingInput {
  /** The article's file name (no folders). */
  fileName: string;
  /** The file as read: bytes (a page's charset is found from them) or text. */
  content: Uint8Array | string;
  /** sha256 (hex) of the file's bytes: pages only, recorded in their provenance. */
  sha256?: string;
  /** The article's folder as segments below the project root, for the relative `$schema`. */
  dir: readonly string[];
}

export type NewReadingPlan = { ok: true; targets: NewReadingTargets; title: string; files: PlannedFile[] } | { ok: false; message: string };

export function planNewReading(input: NewReadingInput): NewReadingPlan {
  const targets = newReadingTargets(input.fileName);
  if ('error' in targets) return { ok: false, message: targets.error };
  const schema = schemaRef(input.dir);
  const fallback = baseName(input.fileName);
  if (targets.kind === 'page') {
    if (input.sha256 === undefined) return { ok: false, message: 'a page is imported with the sha256 of its bytes' };
    const page = extractPage({ html: input.content, fileName: input.fileName, sha256: input.sha256 });
    if (!page.ok) return page;
    const text = normalizeText(page.markdown);
    const annotations = annotationFileText({ articlePath: targets.article, title: page.title || fallback, text, schema, source: page.source });
    return {
      ok: true,
      targets,
      title: page.title,
      files: [
        { name: targets.article, text: page.markdown },
        { name: targets.annotations, text: annotations },
      ],
    };
  }
  const text = normalizeText(typeof input.content === 'string' ? input.content : new TextDecoder('utf-8').decode(input.content));
  const title = targets.kind === 'markdown' ? markdownTitle(text, structureOf('markdown', opening(text)), fallback) : textTitle(text, fallback);
  return { ok: true, targets, title, files: [{ name: targets.annotations, text: annotationFileText({ articlePath: targets.article, title, text, schema }) }] };
}

/** The opening of a Markdown text, cut at a blank line: enough for its first heading, and fast on a long article. */
function opening(text: string): string {
  const cut = text.indexOf('\n\n', 4096);
  return cut === -1 ? text : text.slice(0, cut);
}
