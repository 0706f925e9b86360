// `marginalia validate FILE...`: every problem as FILE:LINE:COL: severity: message (json.path).

import type { Problem } from '../core/model';
import { isRegistryFile, parseRegistry } from '../core/registry';
import { IoError, loadFile, readText, TooLarge } from './files';

export function formatPath(path: readonly (string | number)[]): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : /^[A-Za-z_$][\w$]*$/.test(k) ? (s ? `.${k}` : k) : `[${JSON.stringify(k)}]`;
  return s || '$';
}

export function printProblems(file: string, problems: readonly Problem[]): void {
  for (const p of problems) console.log(`${file}:${p.line}:${p.column}: ${p.severity}: ${p.message} (${formatPath(p.path)})`);
}

export function validate(files: string[], root: string | undefined): number {
  let errors = false;
  let io = false;
  for (const f of files) {
    try {
      const problems = problemsOf(f, root);
      printProblems(f, problems);
      if (problems.some((p) => p.severity === 'error')) errors = true;
    } catch (e) {
      if (!(e instanceof IoError)) throw e;
      console.error(`marginalia: error: ${e.message}`);
      io = true;
    }
  }
  return io ? 2 : errors ? 1 : 0;
}

function problemsOf(file: string, root: string | undefined): Problem[] {
  try {
    // The registry is checked as what it is, not as an annotation file without an article.
    if (isRegistryFile(file)) return parseRegistry(readText(file, 'file')).problems;
    return loadFile(file, root).problems;
  } catch (e) {
    if (e instanceof TooLarge) return [{ severity: 'error', code: 'too-large', message: e.message, path: [], line: 1, column: 1, offset: 0, length: 0 }];
    throw e;
  }
}
