// `marginalia agree A B [--json]`: agreement between two annotations of one article, A the reference.
// B is anchored on A's article, so two files of the same text always compare, even when B's copy of the
// article moved or changed (its anchors are then found again by their quotes, as on any load).

import { agree, type AgreementReport, type Disagreement, type Version } from '../core/agree/agree';
import type { Prf } from '../core/agree/measures';
import { show } from '../core/json';
import { resolveModel, type Model } from '../core/resolve';
import { IoError, loadFile, TooLarge, UsageError, type CliReading } from './files';

function load(file: string, root: string | undefined): CliReading {
  try {
    return loadFile(file, root);
  } catch (e) {
    if (e instanceof TooLarge) throw new IoError(`${file}: ${e.message}`);
    throw e;
  }
}

function firstError(l: CliReading): string {
  const p = l.problems.find((x) => x.severity === 'error');
  return p ? `${l.file}:${p.line}:${p.column}: ${p.message}` : `${l.file} could not be read`;
}

/** B's model anchored on A's article text. */
function onArticleOf(a: Model, b: CliReading): Model {
  if (b.model && b.model.text === a.text) return b.model;
  const file = b.parsed.file;
  if (!file) throw new IoError(`cannot compare: ${firstError(b)}`);
  console.error(`marginalia: note: ${b.file} is anchored on the article of the reference file (its own article ${b.model ? 'differs' : 'could not be read'})`);
  return resolveModel(file, a.text, { parseProblems: b.parsed.problems, fileText: b.fileText });
}

export function agreeCommand(files: string[], json: boolean, root: string | undefined): number {
  if (files.length !== 2) throw new UsageError('agree takes two FILEs: the reference A and the other annotation B');
  const [fileA, fileB] = files as [string, string];
  try {
    const a = load(fileA, root);
    if (!a.model) throw new IoError(`cannot compare: ${firstError(a)}`);
    const b = onArticleOf(a.model, load(fileB, root));
    const report = agree(a.model, b);
    if (json) console.log(JSON.stringify({ ...report, a: fileA, b: fileB }, null, 2));
    else printReport(report, fileA, fileB, a.model, b);
    return 0;
  } catch (e) {
    if (!(e instanceof IoError)) throw e;
    console.error(`marginalia: error: ${e.message}`);
    return 2;
  }
}

const num = (v: number | null): string => (v === null ? '   –  ' : v.toFixed(3).padStart(6));
const row = (name: string, p: Prf): string => `  ${name.padEnd(34)} ${num(p.precision)} ${num(p.recall)} ${num(p.f1)}   ${p.matched} of A ${p.a}, B ${p.b}`;

function printReport(r: AgreementReport, fileA: string, fileB: string, a: Model, b: Model): void {
  const m = r.mentions;
  const c = r.claims;
  console.log(`A (reference): ${fileA} — ${a.mentions.length} mentions, ${a.claims.length} claims`);
  console.log(`B:             ${fileB} — ${b.mentions.length} mentions, ${b.claims.length} claims`);
  const header = `${''.padEnd(36)} precision recall   F1`;
  console.log(`\nmentions${header.slice(8)}`);
  console.log(row('spans, exact', m.exact));
  console.log(row('spans, overlapping', m.overlap));
  console.log(row('spans and types, exact', m.typed.exact));
  console.log(row('spans and types, overlapping', m.typed.overlap));
  for (const t of m.byType) console.log(row(`  ${show(t.label, 24).slice(1, -1)}, overlapping`, t.overlap));
  console.log(`  Cohen's kappa on the types of ${m.kappaPairs} paired spans: ${m.kappa === null ? 'undefined' : m.kappa.toFixed(3)}`);
  console.log(`\nclaims${header.slice(6)}`);
  console.log(row('spans, overlapping', c.span));
  console.log(row('spans, exact', c.spanExact));
  console.log(row('attribution (speaker and outlets)', c.attribution));
  const unanchored = m.unanchored.a + m.unanchored.b + c.unanchored.a + c.unanchored.b;
  if (unanchored) console.log(`\nnot compared (orphaned anchors): ${m.unanchored.a + c.unanchored.a} in A, ${m.unanchored.b + c.unanchored.b} in B`);
  console.log(`\ndisagreements: ${r.disagreements.length}`);
  for (const d of r.disagreements) console.log(`  ${describe(d)}`);
}

function version(v: Version | undefined): string {
  if (!v) return '';
  const who = v.entity !== undefined ? ` ${v.type ?? ''} ${show(v.entity, 40)}` : v.speaker !== undefined ? ` ${show(v.speaker, 40)}` : '';
  const via = v.outlets?.length ? ` via ${v.outlets.map((o) => show(o, 30)).join(', ')}` : '';
  return `${v.start}-${v.end} ${show(v.text, 50)}${who}${via}`;
}

export function describe(d: Disagreement): string {
  if (d.category === 'only-a') return `${d.kind} only in A: ${version(d.a)}`;
  if (d.category === 'only-b') return `${d.kind} only in B: ${version(d.b)}`;
  return `${d.kind} differs (${d.aspects.join(', ')}): A ${version(d.a)} | B ${version(d.b)}`;
}
