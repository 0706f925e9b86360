// Markdown for hovers and tooltips where the words come from the user's file. Everything from the file goes
// through `escapeMarkdown`, so a name like `[x](command:...)`, `<img onerror>` or `$(icon)` renders as the
// literal characters and never as a link, HTML or an icon. Command links are built only by `commandLink`,
// whose target is one of our command ids (the caller's type says which).

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
