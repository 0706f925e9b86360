// Annotating and repairing: the editing commands, each computing its new file text in the core
// (src/core/edit.ts) and landing as one undoable WorkspaceEdit (apply.ts). Every command takes an optional
// argument object (args.ts) that answers the questions it would otherwise ask (questions.ts).

import * as vscode from 'vscode';
import { EditingCommands } from '../commandIds';
import { logFailure, registerCommand } from '../toolkit/commands';
import { Registrations } from '../toolkit/disposable';
import { parseArgs, type EditingArgs } from './args';
import { acceptAllRelocations, acceptAnchor, createEntity, reanchor, refreshMovedOnSave } from './anchors';
import { addClaimCommand, annotateAll, annotateMention } from './annotate';
import type { EditingDeps, EditResult } from './common';
import { deleteAnnotation, editAttribution, editEntity } from './modify';
import { editTypes } from './types';

export type { EditingDeps, EditResult } from './common';

type Body = (deps: EditingDeps, args: EditingArgs) => Promise<EditResult>;

const COMMANDS: [id: (typeof EditingCommands)[keyof typeof EditingCommands], title: string, body: Body][] = [
  [EditingCommands.annotateMention, 'Annotate as Mention', annotateMention],
  [EditingCommands.annotateAll, 'Annotate All Occurrences', annotateAll],
  [EditingCommands.addClaim, 'Add Claim', addClaimCommand],
  [EditingCommands.editEntity, 'Edit Entity', editEntity],
  [EditingCommands.editAttribution, 'Edit Claim Attribution', editAttribution],
  [EditingCommands.deleteAnnotation, 'Delete Annotation', deleteAnnotation],
  [EditingCommands.reanchor, 'Re-anchor', reanchor],
  [EditingCommands.acceptAnchor, 'Accept New Place', acceptAnchor],
  [EditingCommands.acceptAllRelocations, 'Accept All Exact Relocations', acceptAllRelocations],
  [EditingCommands.createEntity, 'Create Entity', createEntity],
  [EditingCommands.editTypes, 'Edit Types', editTypes],
];

export function registerEditing(deps: EditingDeps): vscode.Disposable {
  const r = new Registrations();
  for (const [id, title, body] of COMMANDS) r.add(registerCommand(deps, id, title, (raw) => body(deps, parseArgs(raw))));
  r.add(vscode.workspace.onDidSaveTextDocument((doc) => void refreshMovedOnSave(deps, doc).catch(logFailure(deps.log, 'refreshing positions after a save'))));
  return r;
}
