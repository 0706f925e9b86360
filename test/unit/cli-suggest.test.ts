// `marginalia suggest`, run as a process: the JSON shape the README documents, the plain listing, the
// registry of other annotation files, and the exit codes.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './fixtures';

const CLI = join(ROOT, 'dist', 'cli.js');

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const bundled = JSON.parse(readFileSync(join(ROOT, 'media', 'articles', 'beijing-moscow-push-back.annotations.json'), 'utf8')) as { types: unknown[] };
const project = mkdtempSync(join(tmpdir(), 'marginalia-suggest-'));
mkdirSync(join(project, '.marginalia'));
copyFileSync(join(ROOT, 'media', 'articles', 'beijing-moscow-push-back.txt'), join(project, 'article.txt'));
const empty = join(project, 'article.annotations.json');
writeFileSync(
  empty,
  JSON.stringify({ marginalia: 1, article: { path: 'article.txt' }, types: bundled.types, entities: [], mentions: [], claims: [] }, null, 2),
);
const missing = join(project, 'missing.annotations.json');
writeFileSync(missing, JSON.stringify({ marginalia: 1, article: { path: 'nowhere.txt' }, types: [], entities: [], mentions: [], claims: [] }));
// Another file of the "workspace" knows an entity the article mentions under a name it spells out.
mkdirSync(join(project, 'other'));
writeFileSync(
  join(project, 'other', 'x.annotations.json'),
  JSON.stringify({
    marginalia: 1,
    article: { path: 'x.txt' },
    types: bundled.types,
    entities: [{ id: 'pentagon', type: 'institution', name: 'Pentagon' }],
    mentions: [],
    claims: [],
  }),
);

describe('cli: suggest', function () {
  // Each case spawns Node, which takes seconds on a busy machine.
  this.timeout(60_000);
  it('--json prints { suggestions } with the documented fields', () => {
    const r = run('suggest', empty, '--json');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { suggestions: Record<string, unknown>[] };
    assert.ok(out.suggestions.length > 100);
    const text = Array.from(readFileSync(join(project, 'article.txt'), 'utf8'));
    for (const s of out.suggestions) {
      assert.ok(s.kind === 'mention' || s.kind === 'claim');
      assert.equal(text.slice(s.start as number, s.end as number).join(''), s.exact);
      assert.ok(typeof s.score === 'number' && s.score >= 0 && s.score <= 1);
      assert.ok(['registry', 'nlp', 'rules'].includes(s.source as string));
      if (s.kind === 'mention') {
        const e = s.entity as Record<string, unknown>;
        assert.equal(typeof e.name, 'string');
        assert.equal(typeof e.type, 'string');
      } else {
        assert.equal(typeof (s.speaker as Record<string, unknown>).name, 'string');
        assert.ok(Array.isArray(s.chain) && (s.chain as { role: string }[])[0]?.role === 'speaker');
        assert.ok(['direct-quote', 'paraphrase', 'reported-statement', 'belief'].includes(s.mode as string));
        assert.equal(typeof s.cue, 'string');
      }
    }
    const kashin = out.suggestions.find((s) => s.exact === 'Vassily Kashin');
    assert.deepEqual(kashin?.entity, {
      name: 'Vassily Kashin',
      type: 'analyst',
      role: 'senior fellow',
      affiliation: 'Institute of Far Eastern Studies of the Russian Academy of Sciences',
    });
    const sullivan = out.suggestions.find((s) => s.kind === 'claim' && (s.speaker as { name: string }).name === 'Jake Sullivan');
    assert.deepEqual(sullivan?.chain, [
      { role: 'speaker', name: 'Jake Sullivan' },
      { role: 'venue', name: 'a media briefing', kind: 'briefing' },
      { role: 'outlet', name: 'Voice Of America' },
    ]);
  });

  it('without --json, one line per suggestion and a count', () => {
    const r = run('suggest', empty);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\d+-\d+ mention "Beijing" → Beijing \(place, new\) \[nlp 0\.\d+\]$/m);
    assert.match(r.stdout, /^\d+ mentions, \d+ claims suggested$/m);
  });

  it('--registry adds the entities of other annotation files', () => {
    const r = run('suggest', empty, '--json', '--registry', join(project, 'other'));
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { suggestions: { exact: string; source: string; why: string }[] };
    const pentagon = out.suggestions.find((s) => s.exact === 'Pentagon');
    assert.equal(pentagon?.source, 'registry');
    assert.match(pentagon?.why ?? '', /x\.annotations\.json/);
  });

  it('exit codes: 1 when the article cannot be read, 2 on usage and I/O errors', () => {
    assert.equal(run('suggest', missing).code, 1);
    assert.equal(run('suggest').code, 2);
    assert.equal(run('suggest', join(project, 'nope.annotations.json')).code, 2);
    assert.equal(run('suggest', empty, '--registry', join(project, 'nope')).code, 2);
  });
});
