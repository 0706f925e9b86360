// `marginalia suggest FILE [--json] [--registry PATH]`: suggested mentions and attributed claims for the
// file's article, from the same engine as the extension; nothing is written. With --registry, the entities
// of other annotation files (a file, or every *.annotations.json under a folder) are matched too.

import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { show } from '../core/json';
import type { AnnotationFile } from '../core/model';
import { parseAnnotationFile } from '../core/parse';
import { suggest } from '../core/suggest/engine';
import { inputFromModel, type WorkspaceFile } from '../core/suggest/input';
import type { Suggestion } from '../core/suggest/types';
import { IoError, loadFile, readText, UsageError } from './files';
import { printProblems } from './validate';

/** At most this many other annotation files are read for --registry. */
const MAX_REGISTRY_FILES = 500;

function annotationFilesUnder(dir: string, out: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (e) {
    throw new IoError(`cannot read folder ${dir}: ${e instanceof Error ? e.message : String(e)}`);
  }
  for (const n of names) {
    if (out.length >= MAX_REGISTRY_FILES) return;
    if (n.startsWith('.') || n === 'node_modules') continue;
    const p = join(dir, n);
    const st = statSync(p, { throwIfNoEntry: false });
    if (st?.isDirectory()) annotationFilesUnder(p, out);
    else if (st?.isFile() && n.endsWith('.annotations.json')) out.push(p);
  }
}

function registry(path: string | undefined, self: string): WorkspaceFile[] {
  if (path === undefined) return [];
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) throw new IoError(`cannot read --registry ${path}: no such file or folder`);
  const files: string[] = [];
  if (st.isDirectory()) annotationFilesUnder(path, files);
  else files.push(path);
  const out: WorkspaceFile[] = [];
  for (const f of files) {
    if (resolve(f) === resolve(self)) continue;
    const file: AnnotationFile | undefined = parseAnnotationFile(readText(f, 'file')).file;
    if (file) out.push({ name: relative(process.cwd(), f) || f, file });
  }
  return out;
}

/** The JSON the command prints for one suggestion (docs: README, "Suggested annotations"). */
function asJson(s: Suggestion): Record<string, unknown> {
  const common = { kind: s.kind, start: s.start, end: s.end, exact: s.exact };
  const tail = { score: s.score, source: s.source, why: s.why, key: s.key };
  if (s.kind === 'mention') {
    const e = s.entity;
    const entity = {
      ...(e.id !== undefined ? { id: e.id } : {}),
      name: e.name,
      type: e.type,
      ...(e.role !== undefined ? { role: e.role } : {}),
      ...(e.affiliation !== undefined ? { affiliation: e.affiliation } : {}),
    };
    return { ...common, entity, ...tail };
  }
  return {
    ...common,
    speaker: { ...(s.speaker.id !== undefined ? { id: s.speaker.id } : {}), name: s.speaker.name },
    chain: s.chain.map((l) => ({ role: l.role, name: l.name, ...(l.kind !== undefined ? { kind: l.kind } : {}) })),
    mode: s.mode,
    cue: s.cue,
    ...tail,
  };
}

function line(s: Suggestion): string {
  const what =
    s.kind === 'mention'
      ? `${s.entity.name} (${s.entity.type}${s.entity.id ? `, ${s.entity.id}` : ', new'})`
      : `${s.mode} by ${s.speaker.name}${
          s.chain.length > 1
            ? ` via ${s.chain
                .slice(1)
                .map((l) => l.name)
                .join(', ')}`
            : ''
        }`;
  return `${s.start}-${s.end} ${s.kind} ${show(s.exact, 60)} → ${what} [${s.source} ${s.score.toFixed(2)}]`;
}

export function suggestCommand(args: string[], json: boolean, root: string | undefined, registryPath: string | undefined): number {
  if (args.length !== 1) throw new UsageError('suggest takes exactly one FILE');
  const file = args[0] as string;
  try {
    const loaded = loadFile(file, root);
    if (!loaded.model) {
      printProblems(file, loaded.problems);
      console.error(`marginalia: error: ${file}: no suggestions without a readable file and article`);
      return 1;
    }
    const result = suggest(inputFromModel(loaded.model, registry(registryPath, file)));
    if (json) console.log(JSON.stringify({ suggestions: result.suggestions.map(asJson) }, null, 2));
    else {
      for (const s of result.suggestions) console.log(line(s));
      const m = result.suggestions.filter((s) => s.kind === 'mention').length;
      console.log(`${m} mentions, ${result.suggestions.length - m} claims suggested`);
    }
    if (result.unmapped.length) console.error(`marginalia: note: the file has no type for ${result.unmapped.join(', ')}; those suggestions are left out`);
    return 0;
  } catch (e) {
    if (!(e instanceof IoError)) throw e;
    console.error(`marginalia: error: ${e.message}`);
    return 2;
  }
}
