// `marginalia new ARTICLE`: starts an annotated reading of a .txt, .md, .html or .htm file, through the same core
// as the extension's "New Annotated Reading…". Writes `<name>.annotations.json` beside the article (and for a
// saved page, the frozen `<name>.md` first), never over an existing file, and the schema copy the `$schema`
// points at when the project lacks it. The annotation file's path is the last line of stdout.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { newReadingTargets, planNewReading } from '../core/article/newReading';
import { SCHEMA_COPY, schemaCopyText } from '../core/article/template';
import { defaultRoot, IoError, MAX_BYTES, reason, UsageError } from './files';
import { Refused } from './refused';

function readBytes(path: string): Buffer {
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new IoError(`${path} is a directory`);
    if (st.size > MAX_BYTES) throw new IoError(`${path} is ${st.size} bytes; the limit is ${MAX_BYTES}`);
    return readFileSync(path);
  } catch (e) {
    if (e instanceof IoError) throw e;
    throw new IoError(`cannot read article ${path}: ${reason(e)}`);
  }
}

export function newReading(args: string[], rootOption: string | undefined): number {
  if (args.length !== 1) throw new UsageError('new takes one ARTICLE (a .txt, .md, .html or .htm file)');
  const article = args[0] as string;
  const targets = newReadingTargets(basename(article));
  if ('error' in targets) throw new UsageError(targets.error);
  const folder = dirname(article);
  for (const name of targets.writes) {
    const path = join(folder, name);
    if (existsSync(path))
      throw new Refused(
        name === targets.annotations
          ? `${path} already exists; it was not overwritten (open it to go on reading, or delete it to start again)`
          : `${path} already exists; the page would overwrite it, so nothing was written (move it away to import the page)`,
      );
  }
  const bytes = readBytes(article);
  const root = resolve(rootOption ?? defaultRoot(folder));
  const rel = relative(root, resolve(folder));
  if (rel.startsWith('..') || resolve(rel) === rel) throw new IoError(`${article} is not inside the root ${root}`);
  const plan = planNewReading({
    fileName: basename(article),
    content: bytes,
    sha256: targets.kind === 'page' ? createHash('sha256').update(bytes).digest('hex') : undefined,
    dir: rel === '' ? [] : rel.split(sep),
  });
  if (!plan.ok) throw new Refused(plan.message);

  const schemaPath = join(root, ...SCHEMA_COPY);
  if (!existsSync(schemaPath)) {
    mkdirSync(dirname(schemaPath), { recursive: true });
    writeFileSync(schemaPath, schemaCopyText(), { flag: 'wx' });
  }
  for (const file of plan.files) {
    const path = join(folder, file.name);
    try {
      // `wx`: created here or not at all, even if another process wrote it since the check above.
      writeFileSync(path, file.text, { flag: 'wx' });
    } catch (e) {
      throw new IoError(`cannot write ${path}: ${reason(e)}`);
    }
    console.log(path);
  }
  return 0;
}
