// Problems of annotation files in the Problems panel, at the right line and column, for files that are loaded
// readings and for files merely present in the workspace; Quick Fixes that remove a dangling reference or
// create the missing entity, each one undoable edit.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { copyFixture, type FixtureCopy } from './fixtureWorkspace';
import { waitFor } from './util';

function marginalia(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'marginalia');
}

/** The fixture with one broken reference, and where (line, column, 0-based) the dangling id's string starts. */
function breakReference(f: FixtureCopy, name: string, from: string, to: string, id: string): vscode.Position {
  const text = f.read(name);
  const at = text.indexOf(from);
  assert.ok(at >= 0);
  const broken = text.slice(0, at) + to + text.slice(at + from.length);
  f.write(name, broken);
  const before = broken.slice(0, broken.indexOf(`"${id}"`)).split(/\r?\n/);
  return new vscode.Position(before.length - 1, (before[before.length - 1] ?? '').length);
}

const cases: { name: string; file: string; from: string; to: string; id: string; fix: RegExp; expectAfter: (text: string) => boolean }[] = [
  {
    name: 'an affiliation to a missing entity: remove it',
    file: 'briefing.annotations.json',
    from: '"affiliations": [\n        "harbour-institute"',
    to: '"affiliations": [\n        "harbor-institute"',
    id: 'harbor-institute',
    fix: /Remove the dangling reference/,
    expectAfter: (t) => !t.includes('harbor-institute'),
  },
  {
    name: 'a mention of a missing entity: create it',
    file: 'briefing.annotations.json',
    from: '"entity": "daily-ledger"',
    to: '"entity": "the-ledger"',
    id: 'the-ledger',
    fix: /Create entity “the-ledger”/,
    expectAfter: (t) => /"id": "the-ledger",\s+"type": "outlet",\s+"name": "The Ledger"/.test(t),
  },
  {
    name: 'in a CRLF file: a speaker that does not exist: create it',
    file: 'crlf.annotations.json',
    from: '"entity": "lee-min-jun"\r\n\t\t\t\t\t}',
    to: '"entity": "lee-minjun"\r\n\t\t\t\t\t}',
    id: 'lee-minjun',
    fix: /Create entity “lee-minjun”/,
    expectAfter: (t) => t.includes('"id": "lee-minjun"') && !/[^\r]\n/.test(t),
  },
];

describe('diagnostics and quick fixes', function () {
  this.timeout(60_000);
  let f: FixtureCopy | undefined;
  afterEach(async () => {
    await f?.dispose();
    f = undefined;
  });

  for (const c of cases) {
    it(c.name, async () => {
      f = await copyFixture();
      const at = breakReference(f, c.file, c.from, c.to, c.id);
      const uri = f.uri(c.file);
      // Not a reading, only an open document (the watcher's events can lag by seconds under load).
      const doc = await vscode.workspace.openTextDocument(uri);
      const diag = await waitFor('a dangling-reference diagnostic', () => marginalia(uri).find((d) => d.code === 'dangling-reference'));
      assert.equal(diag.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(diag.range.start.line, at.line, 'line');
      const line = doc.lineAt(at.line).text;
      assert.equal(diag.range.start.character, at.character, `column of the id in: ${line}`);

      await vscode.window.showTextDocument(doc);
      const before = doc.getText();
      const actions = await waitFor('quick fixes', async () => {
        const all = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          uri,
          diag.range,
          vscode.CodeActionKind.QuickFix.value,
        );
        return all.find((a) => c.fix.test(a.title)) ? all : undefined;
      });
      const action = actions.find((a) => c.fix.test(a.title)) as vscode.CodeAction;
      if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit));
      if (action.command) {
        // The creating fix asks for the type; the test answers through the command's argument.
        const arg = { ...(action.command.arguments?.[0] as Record<string, unknown>), newEntity: { type: 'outlet', name: 'The Ledger' } };
        const result = await vscode.commands.executeCommand<{ ok: boolean }>(action.command.command, arg);
        assert.ok(result.ok);
      }
      await waitFor('the fix in the document', () => c.expectAfter(doc.getText()));
      await waitFor('the diagnostic to go', () => !marginalia(uri).some((d) => d.code === 'dangling-reference'));
      await vscode.commands.executeCommand('undo');
      await waitFor('one undo to restore the file', () => doc.getText() === before);
    });
  }
});
