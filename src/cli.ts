// `marginalia`: validate and inspect annotation files from a terminal or CI, over the same pure core as
// the extension. Exit codes: 0 no errors, 1 errors in a file, 2 usage or I/O errors. Never a stack trace.

import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve as resolvePath } from 'node:path';
import { Located, show } from './core/json';
import type { Problem } from './core/model';
import { MAX_FILE_CHARS, parseAnnotationFile } from './core/parse';
import { resolveModel, type Model } from './core/resolve';
import { OffsetMap } from './core/text';

const USAGE = `usage: marginalia validate FILE...
       marginalia inspect FILE [--json]

  validate   check annotation files (syntax, schema, references, anchoring against the article);
             prints FILE:LINE:COL: severity: message (json.path); exit 0 if no errors, 1 if any, 2 on usage or I/O errors
  inspect    print the resolved, anchored model: a summary, or one JSON object with --json`;

class UsageError extends Error {}
class IoError extends Error {}

/** Bytes read at most: beyond the parser's limit the file is reported, not read. */
const MAX_BYTES = MAX_FILE_CHARS * 3;

interface Loaded {
  file: string;
  problems: Problem[];
  model?: Model;
  articlePath?: string;
}

function readText(path: string, what: string): string {
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

class TooLarge extends Error {
  constructor(readonly size: number) {
    super(`file is ${size} bytes`);
  }
}

function reason(e: unknown): string {
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

function fileProblem(code: string, message: string, path: (string | number)[] = []): Problem {
  return { severity: 'error', code, message, path, line: 1, column: 1, offset: 0, length: 0 };
}

function load(file: string): Loaded {
  let text: string;
  try {
    text = readText(file, 'file');
  } catch (e) {
    if (e instanceof TooLarge) return { file, problems: [fileProblem('too-large', `file is ${e.size} bytes; the limit is ${MAX_BYTES}`)] };
    throw e;
  }
  const parsed = parseAnnotationFile(text);
  if (!parsed.file) return { file, problems: parsed.problems };
  const rel = parsed.file.article.path;
  if (typeof rel !== 'string' || rel === '') return { file, problems: parsed.problems };
  if (isAbsolute(rel) || /^[a-zA-Z]:[\\/]/.test(rel) || rel.includes('\\') || rel.includes('\u0000')) {
    const p = parsed.problems.slice();
    p.push(atArticlePath(text, 'article-path', `article.path ${show(rel)} must be relative to the annotation file, with / separators`));
    return { file, problems: p };
  }
  const articlePath = resolvePath(dirname(file), rel);
  let article: string;
  try {
    article = readText(articlePath, 'article');
  } catch (e) {
    const msg = e instanceof TooLarge ? `the article is ${e.size} bytes; too large` : e instanceof Error ? e.message : String(e);
    return { file, articlePath, problems: [...parsed.problems, atArticlePath(text, 'article-unreadable', msg)] };
  }
  const model = resolveModel(parsed.file, article, { parseProblems: parsed.problems, fileText: text });
  return { file, model, articlePath, problems: model.problems };
}

/** A problem at `article.path` in the file text. */
function atArticlePath(fileText: string, code: string, message: string): Problem {
  return new Located(fileText).problem('error', code, message, ['article', 'path']);
}

function formatPath(path: readonly (string | number)[]): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : /^[A-Za-z_$][\w$]*$/.test(k) ? (s ? `.${k}` : k) : `[${JSON.stringify(k)}]`;
  return s || '$';
}

function printProblems(l: Loaded): void {
  for (const p of l.problems) console.log(`${l.file}:${p.line}:${p.column}: ${p.severity}: ${p.message} (${formatPath(p.path)})`);
}

function validate(files: string[]): number {
  let errors = false;
  let io = false;
  for (const f of files) {
    try {
      const l = load(f);
      printProblems(l);
      if (l.problems.some((p) => p.severity === 'error')) errors = true;
    } catch (e) {
      if (!(e instanceof IoError)) throw e;
      console.error(`marginalia: error: ${e.message}`);
      io = true;
    }
  }
  return io ? 2 : errors ? 1 : 0;
}

function inspectJson(l: Loaded): unknown {
  const m = l.model;
  const map = m ? new OffsetMap(m.text) : undefined;
  const slice = (s?: number, e?: number): string | null =>
    m && map && s !== undefined && e !== undefined ? m.text.slice(map.toUtf16(s), map.toUtf16(e)) : null;
  const articlePath = l.articlePath
    ? relative(process.cwd(), l.articlePath).startsWith('..')
      ? l.articlePath
      : relative(process.cwd(), l.articlePath) || '.'
    : null;
  return {
    file: l.file,
    article: { path: articlePath, title: m?.file.article.title ?? null, length: map ? map.codePointLength : null },
    entities: m
      ? [...m.entities.values()].map((e) => ({
          id: e.id,
          name: e.name,
          type: e.type,
          aliases: e.aliases ?? [],
          role: e.role ?? null,
          affiliations: (e.affiliations ?? []).map((a) => ({ id: a, name: m.entities.get(a)?.name ?? null })),
          mentions: m.mentions.filter((x) => x.def.entity === e.id && x.anchor.status !== 'orphan').length,
        }))
      : [],
    claims: m
      ? m.claims.map((c) => ({
          id: c.id,
          exact: slice(c.anchor.start, c.anchor.end),
          start: c.anchor.start ?? null,
          end: c.anchor.end ?? null,
          status: c.anchor.status,
          ...(c.anchor.score !== undefined ? { score: c.anchor.score } : {}),
          speaker: c.speaker ? { id: c.speaker.id, name: c.speaker.name } : null,
          chain: c.chain.map((k, j) => ({
            id: k.entity?.id ?? c.def.attribution.chain[j]?.entity ?? null,
            name: k.entity?.name ?? k.label ?? null,
            role: k.role,
            ...(k.kind ? { kind: k.kind } : {}),
          })),
          mode: c.def.attribution.mode,
          summary: c.def.summary ?? null,
        }))
      : [],
    summary: m?.summary ?? { entities: 0, mentions: 0, claims: 0, anchored: 0, relocated: 0, fuzzy: 0, orphan: 0 },
    problems: l.problems.map((p) => ({ severity: p.severity, code: p.code, message: p.message, line: p.line, column: p.column, path: p.path })),
  };
}

function inspect(args: string[]): number {
  const json = args.includes('--json');
  const files = args.filter((a) => a !== '--json');
  if (files.length !== 1) throw new UsageError('inspect takes exactly one FILE');
  let l: Loaded;
  try {
    l = load(files[0] as string);
  } catch (e) {
    if (!(e instanceof IoError)) throw e;
    console.error(`marginalia: error: ${e.message}`);
    return 2;
  }
  const hasErrors = l.problems.some((p) => p.severity === 'error');
  if (json) {
    console.log(JSON.stringify(inspectJson(l), null, 2));
    return hasErrors ? 1 : 0;
  }
  const m = l.model;
  if (m) {
    const s = m.summary;
    console.log(`${m.file.article.title ?? '(untitled)'} — ${l.articlePath ? relative(process.cwd(), l.articlePath) : ''}`);
    console.log(
      `${s.entities} entities, ${s.mentions} mentions, ${s.claims} claims; anchored ${s.anchored}, relocated ${s.relocated}, fuzzy ${s.fuzzy}, orphan ${s.orphan}`,
    );
    const byType = new Map<string, number>();
    for (const e of m.entities.values()) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
    console.log(`types: ${[...byType].map(([t, n]) => `${m.types.get(t)?.label ?? t} ${n}`).join(', ')}`);
    const speakers = new Map<string, number>();
    for (const c of m.claims) speakers.set(c.speaker?.name ?? 'unattributed', (speakers.get(c.speaker?.name ?? 'unattributed') ?? 0) + 1);
    console.log(`claims by speaker: ${[...speakers].map(([n, k]) => `${show(n).slice(1, -1)} ${k}`).join(', ')}`);
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const p of l.problems) counts[p.severity]++;
  console.log(`problems: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} info`);
  printProblems(l);
  return hasErrors ? 1 : 0;
}

function main(argv: string[]): number {
  const [cmd, ...rest] = argv;
  if (cmd === '--help' || cmd === '-h' || cmd === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (cmd === '--version') {
    console.log('marginalia 0.1.0');
    return 0;
  }
  const unknownFlag = rest.find((a) => a.startsWith('-') && a !== '--json');
  if (unknownFlag) throw new UsageError(`unknown option ${show(unknownFlag)}`);
  if (cmd === 'validate') {
    if (rest.length === 0 || rest.includes('--json')) throw new UsageError('validate takes one or more FILEs');
    return validate(rest);
  }
  if (cmd === 'inspect') return inspect(rest);
  throw new UsageError(cmd === undefined ? 'no command given' : `unknown command ${show(cmd)}`);
}

let code: number;
try {
  code = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError) {
    console.error(`marginalia: error: ${e.message}\n${USAGE}`);
  } else {
    console.error(`marginalia: error: ${e instanceof Error ? e.message : String(e)}`);
  }
  code = 2;
}
process.exitCode = code;
