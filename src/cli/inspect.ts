// `marginalia inspect FILE [--json]`: the resolved, anchored model, as a summary or one JSON object.

import { relative } from 'node:path';
import { show } from '../core/json';
import { IoError, loadFile, UsageError, type CliReading } from './files';
import { printProblems } from './validate';

function inspectJson(l: CliReading): unknown {
  const m = l.model;
  const articlePath = l.articlePath
    ? relative(process.cwd(), l.articlePath).startsWith('..')
      ? l.articlePath
      : relative(process.cwd(), l.articlePath) || '.'
    : null;
  return {
    file: l.file,
    article: { path: articlePath, title: m?.file.article.title ?? null, length: m ? m.map.codePointLength : null },
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
          exact: m.utf16Range(c) ? m.textOf(c) : null,
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

export function inspect(files: string[], json: boolean, root: string | undefined): number {
  if (files.length !== 1) throw new UsageError('inspect takes exactly one FILE');
  let l: CliReading;
  try {
    l = loadFile(files[0] as string, root);
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
  printProblems(l.file, l.problems);
  return hasErrors ? 1 : 0;
}
