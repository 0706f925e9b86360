// The one place hover and tooltip Markdown is built. File text only enters through `text()` (escaped); links
// only through `link()`, whose command must be one of ours; the finished string trusts exactly the commands it
// links to. So a hostile name such as `[x](command:workbench.action.terminal.new)` stays literal text.

import * as vscode from 'vscode';
import { commandLink, escapeMarkdown } from '../core/markdown';
import { Commands, InternalCommands, type CommandId } from './commandIds';

const OURS: ReadonlySet<string> = new Set<string>([...Object.values(Commands), ...Object.values(InternalCommands)]);

export class HoverMarkdown {
  private readonly parts: string[] = [];
  private readonly used = new Set<CommandId>();

  /** File text, escaped. */
  text(s: string): this {
    this.parts.push(escapeMarkdown(s));
    return this;
  }

  /** Our own fixed wording (never file text): passed through as Markdown. */
  raw(markdown: string): this {
    this.parts.push(markdown);
    return this;
  }

  bold(s: string): this {
    return this.raw(`**${escapeMarkdown(s)}**`);
  }

  italic(s: string): this {
    return this.raw(`*${escapeMarkdown(s)}*`);
  }

  /** A command link: the label is escaped, the command is checked against our table. */
  link(label: string, command: CommandId, args: readonly unknown[], title?: string): this {
    if (!OURS.has(command)) throw new Error(`refusing a link to a foreign command: ${command}`);
    this.used.add(command);
    this.parts.push(commandLink(label, command, args, title));
    return this;
  }

  /** Ends a paragraph. */
  paragraph(): this {
    this.parts.push('\n\n');
    return this;
  }

  /** A horizontal rule between sections. */
  rule(): this {
    this.parts.push('\n\n---\n\n');
    return this;
  }

  get value(): string {
    return this.parts.join('');
  }

  get commands(): CommandId[] {
    return [...this.used];
  }

  build(): vscode.MarkdownString {
    const md = new vscode.MarkdownString(this.value);
    md.supportHtml = false;
    md.supportThemeIcons = false;
    // Trust only the commands actually linked; an empty list trusts nothing.
    md.isTrusted = { enabledCommands: this.commands };
    return md;
  }
}
