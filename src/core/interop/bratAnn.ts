// brat's standoff lines, parsed leniently and located: one record per usable line, one located problem per
// line that is not (brat itself keeps going past a bad line, and so do we). Grammar: brat's standoff format
// documentation and its reader (server/src/annotation.py): `ID<TAB>DATA[<TAB>TEXT]`.

import { LineFile, MAX_ITEMS, type ProblemList } from './foreign';
import { ImportError, type ForeignFile, type InteropProblem } from './types';

export interface Line {
  id: string;
  /** UTF-16 offset of the line in the .ann file, for problems. */
  offset: number;
}
export interface TextBound extends Line {
  kind: 'T';
  type: string;
  spans: [number, number][];
  text: string;
}
export interface Relation extends Line {
  kind: 'R';
  type: string;
  args: [string, string][];
}
export interface Event extends Line {
  kind: 'E';
  type: string;
  trigger: string;
  args: [string, string][];
}
export interface Attribute extends Line {
  kind: 'A';
  type: string;
  target: string;
  value: string | true;
}
export interface Normalization extends Line {
  kind: 'N';
  target: string;
  resource: string;
  entry: string;
  text: string;
}
export interface Note extends Line {
  kind: '#';
  target: string;
  text: string;
}
export interface Equiv extends Line {
  kind: '*';
  type: string;
  ids: string[];
}
export type Standoff = TextBound | Relation | Event | Attribute | Normalization | Note | Equiv;

const TEXTBOUND = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/;
const ARG = /^([^\s:]+):(\S+)$/;

export interface ParsedAnn {
  lines: Standoff[];
  at: LineFile;
}

export function parseAnn(file: ForeignFile, problems: ProblemList): ParsedAnn {
  const at = new LineFile(file);
  const out: Standoff[] = [];
  const ids = new Set<string>();
  let offset = 0;
  let count = 0;
  const bad = (o: number, message: string, severity: InteropProblem['severity'] = 'error'): void => problems.add(at.problem(severity, 'bad-line', message, o));
  for (const raw of file.text.split('\n')) {
    const here = offset;
    offset += raw.length + 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    if (++count > MAX_ITEMS) throw new ImportError(`${file.name}: more than ${MAX_ITEMS} lines; nothing was imported`);
    const tab = line.indexOf('\t');
    if (tab === -1) {
      bad(here, 'not a standoff line: no tab after the id; skipped');
      continue;
    }
    const id = line.slice(0, tab);
    const rest = line.slice(tab + 1);
    const tab2 = rest.indexOf('\t');
    const data = tab2 === -1 ? rest : rest.slice(0, tab2);
    const tail = tab2 === -1 ? '' : rest.slice(tab2 + 1);
    const prefix = id[0];
    if (!/^([A-Za-z]+\d+\S*|#[A-Za-z]*\d+\S*|\*)$/.test(id)) {
      bad(here, `${JSON.stringify(id.slice(0, 40))} is not a brat annotation id; line skipped`);
      continue;
    }
    if (prefix !== '*' && ids.has(id)) {
      bad(here, `id ${id} appears twice; the later line is skipped`);
      continue;
    }
    const parts = data.trim().split(/\s+/);
    let rec: Standoff | undefined;
    if (prefix === 'T') {
      const m = TEXTBOUND.exec(data.trim());
      if (!m) {
        bad(here, `${id}: expected TYPE START END[;START END…]; skipped`);
        continue;
      }
      const spans = (m[2] as string).split(';').map((p) => p.split(' ').map(Number) as [number, number]);
      if (spans.some(([s, e]) => !Number.isSafeInteger(s) || !Number.isSafeInteger(e) || s > e)) {
        bad(here, `${id}: a span ends before it starts or is out of range; skipped`);
        continue;
      }
      rec = { kind: 'T', id, offset: here, type: m[1] as string, spans, text: tail };
    } else if (prefix === 'R') {
      const args = parts.slice(1).map((a) => ARG.exec(a));
      if (parts.length !== 3 || args.some((a) => !a)) {
        bad(here, `${id}: expected TYPE Arg1:ID Arg2:ID; skipped`);
        continue;
      }
      rec = { kind: 'R', id, offset: here, type: parts[0] as string, args: args.map((a) => [a?.[1] as string, a?.[2] as string]) };
    } else if (prefix === 'E') {
      const head = ARG.exec(parts[0] ?? '');
      const args = parts.slice(1).map((a) => ARG.exec(a));
      if (!head || args.some((a) => !a)) {
        bad(here, `${id}: expected TYPE:TRIGGER ROLE:ID…; skipped`);
        continue;
      }
      rec = { kind: 'E', id, offset: here, type: head[1] as string, trigger: head[2] as string, args: args.map((a) => [a?.[1] as string, a?.[2] as string]) };
    } else if (prefix === 'A' || prefix === 'M') {
      if (parts.length < 2 || parts.length > 3) {
        bad(here, `${id}: expected NAME ID [VALUE]; skipped`);
        continue;
      }
      rec = { kind: 'A', id, offset: here, type: parts[0] as string, target: parts[1] as string, value: parts[2] ?? true };
    } else if (prefix === 'N') {
      const ref = /^([^\s:]+):(\S+)$/.exec(parts[2] ?? '');
      if (parts.length !== 3 || !ref) {
        bad(here, `${id}: expected Reference ID RESOURCE:ENTRY; skipped`);
        continue;
      }
      rec = { kind: 'N', id, offset: here, target: parts[1] as string, resource: ref[1] as string, entry: ref[2] as string, text: tail };
    } else if (prefix === '#') {
      if (parts.length !== 2) {
        bad(here, `${id}: expected AnnotatorNotes ID; skipped`);
        continue;
      }
      rec = { kind: '#', id, offset: here, target: parts[1] as string, text: tail };
    } else if (prefix === '*') {
      if (parts.length < 3) {
        bad(here, `*: expected TYPE ID ID…; skipped`);
        continue;
      }
      rec = { kind: '*', id, offset: here, type: parts[0] as string, ids: parts.slice(1) };
    } else {
      bad(here, `${id}: unknown annotation kind ${JSON.stringify(prefix)}; skipped`, 'warning');
      continue;
    }
    ids.add(id);
    out.push(rec);
  }
  return { lines: out, at };
}

/** The entity types of an annotation.conf, with their parents (hierarchy by tab indentation; `!` abstract). */
export function confTypes(conf: string): { label: string; parent?: string }[] {
  const out: { label: string; parent?: string }[] = [];
  let section = '';
  const stack: { depth: number; label: string; abstract: boolean }[] = [];
  for (const raw of conf.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '');
    if (line.trim() === '') continue;
    const sec = /^\s*\[(\w+)\]\s*$/.exec(line);
    if (sec) {
      section = sec[1] as string;
      stack.length = 0;
      continue;
    }
    if (section !== 'entities') continue;
    const depth = /^\t*/.exec(line)?.[0].length ?? 0;
    const name = (line.trim().split(/\s/)[0] ?? '').trim();
    if (!name || name.startsWith('<') || /^-+$/.test(name)) continue;
    const abstract = name.startsWith('!');
    const label = abstract ? name.slice(1) : name;
    while (stack.length && (stack[stack.length - 1] as { depth: number }).depth >= depth) stack.pop();
    const parent = [...stack].reverse().find((s) => !s.abstract);
    if (!abstract) out.push(parent ? { label, parent: parent.label } : { label });
    stack.push({ depth, label, abstract });
  }
  return out;
}
