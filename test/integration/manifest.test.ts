// The manifest is code: every command declared is registered and listed in one constants table, menus name
// declared commands, internal commands stay out of the palette, and every contributed file exists.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, InternalCommands } from '../../src/vscode/commandIds';
import { api } from './util';

interface Manifest {
  main: string;
  icon: string;
  activationEvents: string[];
  engines: { vscode: string };
  contributes: {
    commands: { command: string; title: string; category?: string; icon?: string }[];
    menus: Record<string, { command?: string; submenu?: string; when?: string }[]>;
    views: Record<string, { id: string; icon?: string }[]>;
    viewsContainers: { activitybar: { id: string; icon: string }[] };
    viewsWelcome?: { view: string; contents: string }[];
    grammars: { path: string; language: string }[];
    languages: { id: string; configuration?: string }[];
    jsonValidation: { fileMatch: string; url: string }[];
    keybindings?: { command: string }[];
  };
  capabilities: { untrustedWorkspaces: { supported: boolean | string }; virtualWorkspaces: boolean | { supported: boolean | string } };
}

describe('manifest', () => {
  let manifest: Manifest;
  let root: vscode.Uri;

  before(async () => {
    const { extension } = await api();
    manifest = extension.packageJSON as Manifest;
    root = extension.extensionUri;
  });

  async function exists(relative: string): Promise<boolean> {
    try {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(root, relative));
      return true;
    } catch {
      return false;
    }
  }

  it('declares exactly the commands in the constants table, each with category Marginalia', () => {
    const declared = manifest.contributes.commands.map((c) => c.command).sort();
    const table = [...Object.values(Commands), ...Object.values(InternalCommands)].sort();
    assert.deepEqual(declared, table);
    for (const c of manifest.contributes.commands) assert.equal(c.category, 'Marginalia', c.command);
  });

  it('runs in a real VS Code, where the extension is installed and activates', async () => {
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
    const ext = vscode.extensions.getExtension('marginalia.marginalia');
    assert.ok(ext, 'marginalia.marginalia is not loaded');
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('registers every declared command', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const c of manifest.contributes.commands) assert.ok(registered.has(c.command), `${c.command} is not registered`);
  });

  it('menus and keybindings name only declared commands', () => {
    const declared = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items) if (item.command) assert.ok(declared.has(item.command), `${menu} names undeclared ${item.command}`);
    }
    for (const k of manifest.contributes.keybindings ?? []) assert.ok(declared.has(k.command), `keybinding for undeclared ${k.command}`);
  });

  it('welcome views use only what the workbench renders there: links to declared commands, no other Markdown', () => {
    // Welcome content renders [text](link) and nothing else, so a code span or emphasis reads as raw punctuation.
    const declared = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const w of manifest.contributes.viewsWelcome ?? []) {
      const prose = w.contents.replace(/\[[^\]]*\]\([^)]*\)/g, '');
      assert.doesNotMatch(prose, /[`*_]|\]\(/, `${w.view}: Markdown that the welcome view shows raw: ${prose}`);
      for (const m of w.contents.matchAll(/\]\(command:([\w.]+)\)/g)) assert.ok(declared.has(m[1] ?? ''), `${w.view} links undeclared ${m[1]}`);
    }
  });

  it('keeps internal commands out of the command palette', () => {
    const palette = manifest.contributes.menus.commandPalette ?? [];
    for (const id of Object.values(InternalCommands)) {
      assert.ok(
        palette.some((p) => p.command === id && p.when === 'false'),
        `${id} shows in the palette`,
      );
    }
  });

  it('activates only on contributions, its webview and workspaces with annotation files (never "*")', () => {
    assert.ok(!manifest.activationEvents.includes('*'));
    for (const e of manifest.activationEvents) assert.match(e, /^(onWebviewPanel:marginalia\.|workspaceContains:\*\*\/\*\.annotations\.json$)/);
  });

  it('declares workspace trust and virtual workspace support', () => {
    assert.ok(manifest.capabilities.untrustedWorkspaces);
    assert.ok(manifest.capabilities.virtualWorkspaces !== undefined);
  });

  it('every contributed file exists', async () => {
    const files = [
      manifest.main,
      manifest.icon,
      ...manifest.contributes.grammars.map((g) => g.path),
      ...manifest.contributes.languages.flatMap((l) => (l.configuration ? [l.configuration] : [])),
      ...manifest.contributes.jsonValidation.map((j) => j.url),
      ...manifest.contributes.viewsContainers.activitybar.map((a) => a.icon),
      ...Object.values(manifest.contributes.views).flatMap((vs) => vs.flatMap((v) => (v.icon ? [v.icon] : []))),
    ];
    for (const f of files) assert.ok(await exists(f), `${f} is missing`);
  });

  it('the grammar is valid JSON for its language with a scope name', async () => {
    for (const g of manifest.contributes.grammars) {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, g.path)));
      const grammar = JSON.parse(text) as { scopeName?: string; patterns?: unknown[] };
      assert.ok(grammar.scopeName && grammar.patterns?.length, g.path);
      assert.ok(manifest.contributes.languages.some((l) => l.id === g.language));
    }
  });
});
