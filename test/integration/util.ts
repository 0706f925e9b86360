// Shared helpers for the integration tests: the extension's API, and polling instead of sleeping.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MarginaliaApi } from '../../src/extension';
import type { ReadingSource } from '../../src/vscode/current';
import type { Reading } from '../../src/vscode/store';

export const EXTENSION_ID = 'marginalia.marginalia';

export async function api(): Promise<{ api: MarginaliaApi; extension: vscode.Extension<MarginaliaApi> }> {
  const extension = vscode.extensions.getExtension<MarginaliaApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  const exports = await extension.activate();
  return { api: exports, extension };
}

/** Polls `probe` until it returns a truthy value; fails with `what` after `timeout` ms. */
export async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeout = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function readerTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('marginalia.reader'));
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await waitFor('all editors closed', () => vscode.window.tabGroups.all.every((g) => g.tabs.length === 0));
}

/** A fixed reading, as a view's source. */
export function fixedReading(reading: Reading): ReadingSource & vscode.Disposable {
  const emitter = new vscode.EventEmitter<Reading | undefined>();
  return { get: () => reading, onDidChange: emitter.event, dispose: () => emitter.dispose() };
}

/** A workspaceState stand-in. */
export function memoryMemento(): vscode.Memento {
  const data = new Map<string, unknown>();
  return {
    keys: () => [...data.keys()],
    get: <T>(key: string, fallback?: T) => (data.has(key) ? (data.get(key) as T) : fallback) as T,
    update: async (key: string, value: unknown) => {
      data.set(key, value);
    },
  };
}
