// Every hover and tooltip of the extension is a core MarkdownBuilder (src/core/markdown.ts) turned into a
// MarkdownString here, and only here: no HTML, no theme icons, and trust limited to the commands the builder
// linked (none for a tooltip without links).

import * as vscode from 'vscode';
import { MarkdownBuilder } from '../../core/markdown';
import { Commands, InternalCommands } from '../commandIds';

const OURS: ReadonlySet<string> = new Set<string>([...Object.values(Commands), ...Object.values(InternalCommands)]);

/** A builder whose links may name only Marginalia's own commands. */
export function markdown(): MarkdownBuilder {
  return new MarkdownBuilder(OURS);
}

export function toMarkdownString(md: MarkdownBuilder): vscode.MarkdownString {
  const out = new vscode.MarkdownString(md.value);
  out.supportHtml = false;
  out.supportThemeIcons = false;
  const commands = md.commands;
  out.isTrusted = commands.length > 0 ? { enabledCommands: commands } : false;
  return out;
}
