// `marginalia export FILE --to w3c|brat|pubannotation|spacy|csv [--out PATH]`: the annotation file in another
// tool's format. Single-file formats go to stdout without --out; brat writes <name>.txt, <name>.ann and
// annotation.conf into the --out folder. What the format cannot hold is reported on stderr, located in the file.

import { mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { show } from '../core/json';
import { EXPORT_FORMATS, exportAnnotations, isExportFormat, type InteropProblem } from '../core/interop';
import { IoError, loadFile, reason, UsageError } from './files';
import { formatPath } from './validate';

export function printInterop(problems: readonly InteropProblem[], stream: 'stdout' | 'stderr'): void {
  const write = stream === 'stdout' ? console.log : console.error;
  for (const p of problems) write(`${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}${p.path.length ? ` (${formatPath(p.path)})` : ''}`);
}

/** Writes a file whole or not at all: to a temporary name beside it, then renamed over it. */
export function writeWhole(path: string, content: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, content, 'utf8');
    renameSync(tmp, path);
  } catch (e) {
    throw new IoError(`cannot write ${path}: ${reason(e)}`);
  }
}

export function exportCommand(args: string[], to: string | undefined, out: string | undefined, root: string | undefined): number {
  if (args.length !== 1) throw new UsageError('export takes exactly one FILE');
  if (to === undefined) throw new UsageError(`export needs --to ${EXPORT_FORMATS.join('|')}`);
  if (!isExportFormat(to)) throw new UsageError(`unknown format ${show(to)}; --to takes ${EXPORT_FORMATS.join(', ')}`);
  if (to === 'brat' && out === undefined) throw new UsageError('brat writes three files: give the folder with --out DIR');
  const file = args[0] as string;
  const l = loadFile(file, root);
  const fileProblems: InteropProblem[] = l.problems.filter((p) => p.severity === 'error').map((p) => ({ ...p, file }));
  if (!l.model) {
    printInterop(fileProblems, 'stderr');
    console.error(`marginalia: error: ${file} cannot be read as annotations of an article; nothing was exported`);
    return 2;
  }
  const articleName = basename(l.model.file.article.path);
  const result = exportAnnotations(to, { model: l.model, fileText: l.fileText, fileName: file, articleName });
  if (to === 'brat') {
    const dir = out as string;
    try {
      mkdirSync(dir, { recursive: true });
      if (!statSync(dir).isDirectory()) throw new IoError(`${dir} is not a folder`);
    } catch (e) {
      if (e instanceof IoError) throw e;
      throw new IoError(`cannot use the folder ${dir}: ${reason(e)}`);
    }
    for (const f of result.files) writeWhole(join(dir, f.name), f.content);
    console.error(`marginalia: wrote ${result.files.map((f) => join(dir, f.name)).join(', ')}`);
  } else {
    const content = result.files[0]?.content ?? '';
    if (out !== undefined) writeWhole(out, content);
    else process.stdout.write(content);
  }
  printInterop([...fileProblems, ...result.problems], 'stderr');
  return fileProblems.length ? 1 : 0;
}
