// The one path from an annotation file's text to a resolved model, used by the extension's store, the
// diagnostics of files nobody opened, the command-line tool and the tests. Reading files is the caller's job
// (workspace.fs, node:fs, fixtures), so the path is two pure steps with the article read in between:
// `prepareReading` (parse, and where the article is), then `finishReading` (anchor against its text).
// A file that names the shared registry (src/core/registry.ts) is checked against it, so the registry is read
// first: `findRegistry` says where it is without parsing the file, and the caller hands its parse (read once
// per project, not per file) to `prepareReading`.

import type { TextChange } from './anchor';
import { Located, show } from './json';
import type { Problem } from './model';
import { parseAnnotationFile, type ExternalIds, type ParseResult } from './parse';
import { parseRegistry, readRegistryField, type Registry, type RegistryParse } from './registry';
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
  /** The registry's segments below the root, when the file names a usable one. */
  registryPath?: string[];
  /** The registry the file was checked against (when it names one and it could be read). */
  registry?: Registry;
  /** Parse problems, and the article path's and registry's problems if they have any. */
  problems: Problem[];
}

/** The registry a file names, as the caller read and parsed it, or why it could not. */
export type RegistryRead = { registry: Registry } | { error: string };

/** A registry's parse as what a file that names it gets: a registry with errors that make it unusable is an error. */
export function registryRead(parse: RegistryParse): RegistryRead {
  if (parse.registry) return { registry: parse.registry };
  const first = parse.problems.find((p) => p.severity === 'error');
  return { error: `the registry cannot be used${first ? ` (${first.line}:${first.column}: ${first.message})` : ''}; see its problems` };
}

/**
 * Where the registry a file names is (segments below the root), or why that path cannot be used; undefined when
 * the file names none. Cheap: the file is not parsed.
 */
export function findRegistry(fileText: string, fileDir: readonly string[]): ArticleLocation | undefined {
  const path = readRegistryField(fileText);
  if (path === undefined) return undefined;
  if (typeof path !== 'string') return { ok: false, message: '`registry` must be a path' };
  const where = resolveArticlePath(path, fileDir);
  return where.ok ? where : { ok: false, message: where.message.replace(/^article\.path/, 'registry').replace(/the article/, 'the registry') };
}

/**
 * Parses an annotation file and works out where its article is. A file naming a registry is checked against
 * `registry` (references may name its ids; local ids shadowing them are reported); without it, or when it could
 * not be read, one located problem says so and references that the registry might hold are not checked.
 */
export function prepareReading(fileText: string, fileDir: readonly string[], registry?: RegistryRead): PreparedReading {
  const named = findRegistry(fileText, fileDir);
  let external: ExternalIds | undefined;
  let registryProblem: Problem | undefined;
  let usable: Registry | undefined;
  if (named) {
    external = {};
    if (!named.ok) registryProblem = locatedProblem(fileText, 'registry-path', named.message, ['registry']);
    else if (!registry) registryProblem = locatedProblem(fileText, 'registry-unreadable', 'the registry was not read', ['registry']);
    else if ('error' in registry) registryProblem = locatedProblem(fileText, 'registry-unreadable', registry.error, ['registry']);
    else {
      usable = registry.registry;
      external = usable.ids;
    }
  }
  const parsed = parseAnnotationFile(fileText, external);
  const base: PreparedReading = { fileText, parsed, problems: registryProblem ? [...parsed.problems, registryProblem] : parsed.problems };
  if (named?.ok) base.registryPath = named.segments;
  if (usable) base.registry = usable;
  const path = parsed.file?.article.path;
  if (!parsed.file || typeof path !== 'string' || path === '') return base;
  const where = resolveArticlePath(path, fileDir);
  if (!where.ok) return { ...base, problems: [...base.problems, articleProblem(fileText, 'article-path', where.message)] };
  return { ...base, article: where.segments };
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
  const model = resolveModel(file, articleText, {
    parseProblems: prepared.problems,
    fileText: prepared.fileText,
    ...base,
    ...(prepared.registry ? { registry: prepared.registry } : {}),
  });
  return { ...prepared, model, articleText, problems: model.problems };
}

export interface SyncLoadOptions extends FinishOptions {
  /** The registry at these segments (e.g. from a cache); by default it is read with `read` and parsed. */
  registry?: (segments: string[]) => RegistryRead;
}

/** Both steps, for callers whose reads are synchronous (the CLI, tests). `read` reads a file below the root. */
export function loadReadingSync(
  fileText: string,
  fileDir: readonly string[],
  read: (segments: string[]) => ArticleRead,
  opts: SyncLoadOptions = {},
): LoadedReading {
  const where = findRegistry(fileText, fileDir);
  let registry: RegistryRead | undefined;
  if (where?.ok) {
    if (opts.registry) registry = opts.registry(where.segments);
    else {
      const r = read(where.segments);
      registry = 'error' in r ? { error: r.error } : registryRead(parseRegistry(r.text));
    }
  }
  const prepared = prepareReading(fileText, fileDir, registry);
  return finishReading(prepared, prepared.article ? read(prepared.article) : undefined, opts);
}

/** A syntax error means the file is mid-edit: what the parser recovers from it may be half the file. */
export function isMidEdit(prepared: PreparedReading): boolean {
  return prepared.parsed.problems.some((p) => p.code === 'syntax-error');
}

function articleProblem(fileText: string, code: 'article-path' | 'article-unreadable', message: string): Problem {
  return locatedProblem(fileText, code, message, ['article', 'path']);
}

function locatedProblem(fileText: string, code: string, message: string, path: string[]): Problem {
  return new Located(fileText).problem('error', code, message, path);
}
