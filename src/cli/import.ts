// `marginalia import PATH --from w3c|hypothesis|brat|pubannotation --article ARTICLE --out FILE`: foreign
// annotations re-anchored in the article, written as a new annotation file or merged into an existing one (one
// validated edit). Every problem is printed located in the foreign file; nothing is written when the foreign
// file cannot be used. Exit 0 when imported, 1 when imported with errors on some items, 2 when nothing was.

import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { EditError, idsIn } from '../core/edit';
import { show } from '../core/json';
import { IMPORT_FORMATS, importAnnotations, ImportError, isImportFormat, mergeIntoFile, newFileText, type ImportSources } from '../core/interop';
import { MAX_FOREIGN_CHARS } from '../core/interop/foreign';
import { IoError, loadFile, readText, reason, UsageError } from './files';
import { printInterop, writeWhole } from './export';

function readForeign(path: string, what: string): { name: string; text: string } {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    throw new IoError(`cannot read ${what} ${path}: ${reason(e)}`);
  }
  if (size > MAX_FOREIGN_CHARS * 2)
    throw new IoError(`${path} is ${size} bytes; the limit for a foreign file is ${MAX_FOREIGN_CHARS * 2}; nothing was imported`);
  return { name: path, text: readText(path, what) };
}

function sources(path: string, format: string): ImportSources {
  if (format !== 'brat') return { main: readForeign(path, 'file') };
  const ext = extname(path);
  const base = ext === '.ann' || ext === '.txt' ? path.slice(0, -ext.length) : path;
  const src: ImportSources = { main: readForeign(`${base}.ann`, 'brat annotations'), text: readForeign(`${base}.txt`, 'brat text') };
  const conf = join(dirname(path), 'annotation.conf');
  if (existsSync(conf)) src.config = readForeign(conf, 'brat configuration');
  return src;
}

function same(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return resolve(a) === resolve(b);
  }
}

export function importCommand(args: string[], options: ReadonlyMap<string, string>): number {
  const from = options.get('--from');
  const article = options.get('--article');
  const out = options.get('--out');
  if (args.length !== 1) throw new UsageError('import takes exactly one PATH');
  if (from === undefined || !isImportFormat(from)) throw new UsageError(`import needs --from ${IMPORT_FORMATS.join('|')}${from ? ` (not ${show(from)})` : ''}`);
  if (article === undefined) throw new UsageError('import needs --article ARTICLE (the text the annotations are about)');
  if (out === undefined) throw new UsageError('import needs --out FILE (a new annotation file, or one to merge into)');
  const src = sources(args[0] as string, from);
  const articleText = readText(article, 'article');
  try {
    let text: string;
    let result;
    if (existsSync(out)) {
      const l = loadFile(out, options.get('--root'));
      if (!l.model || !l.articlePath)
        throw new ImportError(`${out} is not a usable annotation file (see \`marginalia validate ${out}\`); nothing was imported`);
      if (!same(l.articlePath, article)) throw new ImportError(`${out} annotates ${l.articlePath}, not ${article}; nothing was imported`);
      result = importAnnotations(from, src, articleText, { model: l.model, ids: idsIn(l.fileText) });
      text = mergeIntoFile(l.fileText, result).text;
    } else {
      const rel = relative(dirname(resolve(out)), resolve(article));
      if (isAbsolute(rel)) throw new ImportError(`the article ${article} cannot be named relative to ${out}`);
      result = importAnnotations(from, src, articleText);
      text = newFileText(result, rel.split(sep).join('/'), articleText);
    }
    writeWhole(out, text);
    printInterop(result.problems, 'stdout');
    const a = result.additions;
    console.error(
      `marginalia: imported ${a.mentions.length} mentions, ${a.claims.length} claims, ${a.entities.length} new entities, ${a.types.length} new types and ${a.relations.length} relations into ${out}`,
    );
    return result.problems.some((p) => p.severity === 'error') ? 1 : 0;
  } catch (e) {
    if (!(e instanceof ImportError || e instanceof EditError)) throw e;
    console.error(`marginalia: error: ${e.message}`);
    return 2;
  }
}
