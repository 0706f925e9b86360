// `marginalia merge BASE OURS THEIRS`: the git merge driver (`%O %A %B`). Merges by id into OURS (what git
// commits), exit 0 when clean and 1 when conflicts remain, listed as problems of the result. When a version
// is not JSON (say, it already holds conflict markers), the merge falls back to git's own line merge.

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mergeTexts } from '../core/merge/mergeText';
import type { Problem } from '../core/model';
import { parseAnnotationFile } from '../core/parse';
import { IoError, readText, reason, TooLarge, UsageError } from './files';
import { printProblems } from './validate';

export interface MergeOptions {
  /** Where to write the result (default: OURS, as git expects). */
  output?: string;
  /** The file's path in the repository (`%P`), for messages. */
  path?: string;
  /** Conflict marker length (`%L`), for the line-merge fallback. */
  markerSize?: string;
}

function read(file: string, what: string): string {
  try {
    return readText(file, what);
  } catch (e) {
    if (e instanceof TooLarge) throw new IoError(`${what} ${file}: ${e.message}`);
    throw e;
  }
}

function errorCounts(problems: readonly Problem[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of problems) if (p.severity === 'error') m.set(p.code, (m.get(p.code) ?? 0) + 1);
  return m;
}

export function mergeCommand(files: string[], opts: MergeOptions): number {
  if (files.length !== 3) throw new UsageError('merge takes three FILEs: BASE OURS THEIRS (git: %O %A %B)');
  const [base, ours, theirs] = files as [string, string, string];
  const name = opts.path ?? ours;
  const out = opts.output ?? ours;
  if (opts.markerSize !== undefined && !/^\d{1,3}$/.test(opts.markerSize)) throw new UsageError('--marker-size takes a number');
  try {
    const texts = [read(base, 'base'), read(ours, 'ours'), read(theirs, 'theirs')] as const;
    const result = mergeTexts(...texts);
    if (!result.ok) return lineMerge(base, ours, theirs, out, name, result.message, opts.markerSize);
    write(out, result.text);
    for (const note of result.notes) console.error(`${name}: note: ${note}`);
    const problems = parseAnnotationFile(result.text).problems.filter((p) => p.severity === 'error');
    printProblems(name, problems);
    // A merge may not add errors of its own beyond the conflicts it lists (each side's own errors are theirs).
    const before = [errorCounts(parseAnnotationFile(texts[1]).problems), errorCounts(parseAnnotationFile(texts[2]).problems)];
    const added = [...errorCounts(problems)].some(([code, n]) => code !== 'merge-conflict' && n > Math.max(...before.map((m) => m.get(code) ?? 0)));
    const conflicts = problems.filter((p) => p.code === 'merge-conflict').length;
    if (conflicts) console.error(`${name}: ${conflicts} conflict${conflicts === 1 ? '' : 's'} left as entries in "conflicts"; resolve each, then delete it`);
    return conflicts || added ? 1 : 0;
  } catch (e) {
    if (!(e instanceof IoError)) throw e;
    console.error(`marginalia: error: ${e.message}`);
    return 2;
  }
}

function write(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw new IoError(`cannot write ${file}: ${reason(e)}`);
  }
}

/** git's own three-way line merge, the driver git would have used without this one. */
function lineMerge(base: string, ours: string, theirs: string, out: string, name: string, why: string, markerSize: string | undefined): number {
  console.error(`${name}: ${why}; merging lines instead (git merge-file)`);
  const args = ['merge-file', '-p', ...(markerSize ? [`--marker-size=${markerSize}`] : []), '-L', 'ours', '-L', 'base', '-L', 'theirs', ours, base, theirs];
  const r = spawnSync('git', args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  // merge-file counts conflicts up to 127; above that is its own failure.
  if (r.error || r.status === null || r.status > 127) throw new IoError(`git merge-file could not run: ${r.error ? reason(r.error) : (r.stderr ?? 'killed')}`);
  write(out, r.stdout);
  return r.status === 0 ? 0 : 1;
}
