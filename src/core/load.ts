// The one path from an annotation file's text to a resolved model, used by the extension's store, the
// diagnostics of files nobody opened, the command-line tool and the tests. Reading files is the caller's job
// (workspace.fs, node:fs, fixtures), so the path is two pure steps with the article read in between:
// `prepareReading` (parse, and where the article is), then `finishReading` (anchor against its text).

import type { TextChange } from './anchor';
import { Located, show } from './json';
import type { Problem } from './model';
import { parseAnnotationFile, type ParseResult } from './parse';
import { resolveModel, type Model } from './resolve';
import { normalizeText } from './text';

export type ArticleLocation = { ok: true; segments: string[] } | { ok: false; message: string };

/**
 * The one `article.path` rule. The path is relative to the annotation file, with `/` separators, and may use
 * `..` only as long as it stays inside the root (the workspace folder, the extension, or the CLI's `--root`).
 * `fileDir` is the annotation file's folder as segments below that root. The result is the article's
 * segments below the root; symbolic links are the caller's to resolve (and check again).
 */
export function resolveArticlePath(path: string, fileDir: readonly string[]): ArticleLocation {
  if (path === '') return { ok: false, message: 'article.path is empty' };
  const named = `article.path ${show(path)}`;
  if (path.includes('\0')) return { ok: false, message: `${named} contains a NUL character` };
  if (path.includes('\\')) return { ok: false, message: `${named} must use / separators, not \\` };
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) return { ok: false, message: `${named} must be relative to the annotation file, not absolute` };
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return { ok: false, message: `${named} must be a relative path, not a URI` };
  const segments = [...fileDir];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (segments.length === 0)
        return {
          ok: false,
          message: `${named} leaves the project: the article must be inside the folder that holds the annotation file's project (its workspace folder)`,
        };
      segments.pop();
    } else segments.push(part);
  }
  if (segments.length === 0 || (segments.length === fileDir.length && segments.every((s, i) => s === fileDir[i])))
    return { ok: false, message: `${named} names a folder, not a file` };
  return { ok: true, segments };
}

export interface PreparedReading {
  fileText: string;
  parsed: ParseResult;
  /** The article's segments below the root, when the file names a usable one. */
  article?: string[];
  /** Parse problems, and the article path's problem if it has one. */
  problems: Problem[];
}

/** Parses an annotation file and works out where its article is. */
export function prepareReading(fileText: string, fileDir: readonly string[]): PreparedReading {
  const parsed = parseAnnotationFile(fileText);
  const path = parsed.file?.article.path;
  if (!parsed.file || typeof path !== 'string' || path === '') return { fileText, parsed, problems: parsed.problems };
  const where = resolveArticlePath(path, fileDir);
  if (!where.ok) return { fileText, parsed, problems: [...parsed.problems, articleProblem(fileText, 'article-path', where.message)] };
  return { fileText, parsed, article: where.segments, problems: parsed.problems };
}

/** The article as the caller read it, or why it could not. */
export type ArticleRead = { text: string } | { error: string };

export interface LoadedReading extends PreparedReading {
  /** Undefined when the file or its article could not be used. */
  model?: Model;
  /** The normalized article text the model was anchored against. */
  articleText?: string;
}

export interface FinishOptions {
  /** What the anchoring knows about the article's past (a base text and an editor's exact changes). */
  anchorBase?: (articleText: string, storedHash: string | undefined) => { previousText?: string; changes?: TextChange[] };
}

/** Anchors the prepared file against its article. */
export function finishReading(prepared: PreparedReading, read: ArticleRead | undefined, opts: FinishOptions = {}): LoadedReading {
  const file = prepared.parsed.file;
  if (!file || !prepared.article || !read) return prepared;
  if ('error' in read) return { ...prepared, problems: [...prepared.problems, articleProblem(prepared.fileText, 'article-unreadable', read.error)] };
  const articleText = normalizeText(read.text);
  const base = opts.anchorBase?.(articleText, file.article.hash) ?? {};
  const model = resolveModel(file, articleText, { parseProblems: prepared.parsed.problems, fileText: prepared.fileText, ...base });
  return { ...prepared, model, articleText, problems: model.problems };
}

/** Both steps, for callers whose read is synchronous (the CLI, tests). */
export function loadReadingSync(
  fileText: string,
  fileDir: readonly string[],
  readArticle: (segments: string[]) => ArticleRead,
  opts?: FinishOptions,
): LoadedReading {
  const prepared = prepareReading(fileText, fileDir);
  return finishReading(prepared, prepared.article ? readArticle(prepared.article) : undefined, opts);
}

/** A syntax error means the file is mid-edit: what the parser recovers from it may be half the file. */
export function isMidEdit(prepared: PreparedReading): boolean {
  return prepared.parsed.problems.some((p) => p.code === 'syntax-error');
}

function articleProblem(fileText: string, code: 'article-path' | 'article-unreadable', message: string): Problem {
  return new Located(fileText).problem('error', code, message, ['article', 'path']);
}
