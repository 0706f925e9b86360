// Files for the command-line tool: reading with located, friendly errors, and the root an article path must
// stay inside (the one `article.path` rule of src/core/load.ts, plus symbolic links resolved here).

import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { loadReadingSync, registryRead, type ArticleRead, type LoadedReading, type RegistryRead } from '../core/load';
import { MAX_FILE_CHARS } from '../core/parse';
import { parseRegistry, type RegistryParse } from '../core/registry';

/** A usage mistake: the message is printed with the usage text, exit 2. */
export class UsageError extends Error {}
/** A file that cannot be read at all: exit 2. */
export class IoError extends Error {}

/** Bytes read at most: beyond the parser's limit the file is reported, not read. */
export const MAX_BYTES = MAX_FILE_CHARS * 3;

export class TooLarge extends Error {
  constructor(readonly size: number) {
    super(`file is ${size} bytes; the limit is ${MAX_BYTES}`);
  }
}

export function reason(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e && typeof e.code === 'string') {
    const codes: Record<string, string> = {
      ENOENT: 'no such file',
      EACCES: 'permission denied',
      EISDIR: 'is a directory',
      ENOTDIR: 'not a directory',
      EMFILE: 'too many open files',
    };
    return codes[e.code] ?? e.code;
  }
  return e instanceof Error ? e.message : String(e);
}

/** Reads a UTF-8 file; `what` names it in messages ("file", "article"). */
export function readText(path: string, what: string): string {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new IoError(`${what} ${path} is a directory`);
    size = st.size;
  } catch (e) {
    if (e instanceof IoError) throw e;
    throw new IoError(`cannot read ${what} ${path}: ${reason(e)}`);
  }
  if (size > MAX_BYTES) throw new TooLarge(size);
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new IoError(`cannot read ${what} ${path}: ${reason(e)}`);
  }
}

/** The nearest folder at or above `dir` holding `.git` or `.marginalia`; else `dir` itself. */
export function defaultRoot(dir: string): string {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, '.git')) || existsSync(join(d, '.marginalia'))) return d;
    if (dirname(d) === d) return resolve(dir);
  }
}

function inside(root: string, path: string): boolean {
  const r = relative(root, path);
  return r === '' || (!r.startsWith(`..${sep}`) && r !== '..' && !isAbsolute(r));
}

export interface CliReading extends LoadedReading {
  file: string;
  /** The article's path on disk, when the file names a usable one. */
  articlePath?: string;
  /** The registry's path on disk, when the file names one. */
  registryFile?: string;
}

/** Registries read so far, by path on disk: each is read and parsed once however many files name it. */
export type RegistryCache = Map<string, { read: RegistryRead; parse?: RegistryParse }>;

/**
 * Loads an annotation file and its article through the core's one loading path. The article must lie inside
 * `root` (by default the nearest folder with `.git` or `.marginalia`), symbolic links resolved.
 */
export function loadFile(file: string, rootOption?: string, registries: RegistryCache = new Map()): CliReading {
  const fileText = readText(file, 'file');
  const absFile = resolve(file);
  const root = resolve(rootOption ?? defaultRoot(dirname(absFile)));
  const realRoot = realpathOr(root);
  const fileDirRel = relative(root, dirname(absFile));
  if (!inside(root, dirname(absFile))) throw new IoError(`${file} is not inside the root ${root}`);
  const fileDir = fileDirRel === '' ? [] : fileDirRel.split(sep);
  const readBelowRoot = (path: string, what: 'article' | 'registry'): ArticleRead => {
    const real = realpathOr(path);
    if (!inside(realRoot, real)) return { error: `the ${what} ${path} leads outside the project (${root}) through a symbolic link; it was not read` };
    try {
      return { text: readText(path, what) };
    } catch (e) {
      return { error: e instanceof TooLarge ? `the ${what} is ${e.size} bytes; too large` : e instanceof Error ? e.message : String(e) };
    }
  };
  let articlePath: string | undefined;
  const read = (segments: string[]): ArticleRead => readBelowRoot((articlePath = join(root, ...segments)), 'article');
  let registryFile: string | undefined;
  const readRegistry = (segments: string[]): RegistryRead => {
    const path = (registryFile = join(root, ...segments));
    let hit = registries.get(path);
    if (!hit) {
      const r = readBelowRoot(path, 'registry');
      const parse = 'error' in r ? undefined : parseRegistry(r.text);
      hit = parse ? { read: registryRead(parse), parse } : { read: { error: 'error' in r ? r.error : 'unreadable' } };
      registries.set(path, hit);
    }
    return hit.read;
  };
  const loaded = loadReadingSync(fileText, fileDir, read, { registry: readRegistry });
  return { ...loaded, file, ...(articlePath !== undefined ? { articlePath } : {}), ...(registryFile !== undefined ? { registryFile } : {}) };
}

function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
