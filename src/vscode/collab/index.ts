// Two annotators, one article: the Compare / Curate panel and its commands, and git merging of annotation files.

import type * as vscode from 'vscode';
import { CollabManager, type CompareDeps } from './compare';
import { registerGit } from './git';

export { CollabManager } from './compare';

export function registerCollab(deps: CompareDeps): { manager: CollabManager; disposable: vscode.Disposable } {
  const manager = new CollabManager(deps);
  const git = registerGit(deps);
  return { manager, disposable: { dispose: () => [git, manager].forEach((d) => d.dispose()) } };
}
