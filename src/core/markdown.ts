// Markdown for hovers and tooltips where the words come from the user's file. Everything from the file goes
// through `escapeMarkdown`, so a name like `[x](command:...)`, `<img onerror>` or `$(icon)` renders as the
// literal characters and never as a link, HTML or an icon. Command links are built only by `commandLink`,
// whose target is one of our command ids (the caller's type says which).

import { visibleControls } from './text';

/**
 * Backslash-escapes every ASCII punctuation character (CommonMark allows an escape before any of them),
 * and turns line breaks into spaces: one file string is one run of text, never a block.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** A `command:` URI with JSON arguments, encoded so the link target cannot end early. */
export function commandUri(command: string, args: readonly unknown[]): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(command)) throw new Error(`not a command id: ${command}`);
  // encodeURIComponent leaves ( ) ' ! * alone; parentheses would end a Markdown link target.
  const encoded = encodeURIComponent(JSON.stringify(args)).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `command:${command}?${encoded}`;
}

/** `[label](command:id?args "title")` with the label and title escaped. */
export function commandLink(label: string, command: string, args: readonly unknown[], title?: string): string {
  const t = title !== undefined ? ` "${title.replace(/[\r\n]+/g, ' ').replace(/["\\]/g, '\\$&')}"` : '';
  return `[${escapeMarkdown(label)}](${commandUri(command, args)}${t})`;
}

/**
 * The one Markdown builder for every hover and tooltip. File text enters only through `text()` (invisible
 * characters made visible, then escaped), our own fixed wording through `raw()`, and links only through
 * `link()`, whose command must be in the allow-list the builder was made with. `commands` lists what was
 * linked, which is all the finished string may trust. Code spans are never used for file text.
 */
export class MarkdownBuilder {
  private readonly parts: string[] = [];
  private readonly used = new Set<string>();

  constructor(private readonly allowed: ReadonlySet<string>) {}

  /** File text, escaped. */
  text(s: string): this {
    this.parts.push(escapeMarkdown(visibleControls(s)));
    return this;
  }

  /** Our own fixed wording (never file text): passed through as Markdown. */
  raw(markdown: string): this {
    this.parts.push(markdown);
    return this;
  }

  bold(s: string): this {
    return this.raw('**').text(s).raw('**');
  }

  italic(s: string): this {
    return this.raw('*').text(s).raw('*');
  }

  /** A command link: the label is escaped, the command is checked against the allow-list. */
  link(label: string, command: string, args: readonly unknown[], title?: string): this {
    if (!this.allowed.has(command)) throw new Error(`refusing a link to a foreign command: ${command}`);
    this.used.add(command);
    this.parts.push(commandLink(visibleControls(label), command, args, title === undefined ? undefined : visibleControls(title)));
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

  /** The commands linked so far: the only ones the rendered Markdown may run. */
  get commands(): string[] {
    return [...this.used];
  }
}
