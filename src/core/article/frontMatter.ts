// Front matter: the YAML (`---`) or TOML (`+++`) block at the very start of a Markdown file, as Jekyll, Hugo,
// Obsidian and most static-site tools write it. CommonMark alone reads `---` as a rule and the block's last line
// as a heading ("title: …" became the article's title); the reader shows it as a code block of metadata instead,
// and its `title` names the reading.

export interface FrontMatter {
  /** Where the Markdown after the block starts (after the closing line). */
  end: number;
  /** The block's content, without its two fence lines: UTF-16 offsets. */
  contentStart: number;
  contentEnd: number;
  /** `title: …` (YAML) or `title = …` (TOML), unquoted. */
  title?: string;
}

/** Front matter may be long (tags, notes), never a whole article: a closing line this far in still counts. */
const MAX_CHARS = 64 * 1024;

export function frontMatter(text: string): FrontMatter | undefined {
  const open = /^(---|\+\+\+)[ \t]*\n/.exec(text);
  if (!open) return undefined;
  const contentStart = open[0].length;
  const close = open[1] === '---' ? /^(?:---|\.\.\.)[ \t]*$/m : /^\+\+\+[ \t]*$/m;
  const found = close.exec(text.slice(contentStart, contentStart + MAX_CHARS));
  if (!found) return undefined;
  const closeStart = contentStart + found.index;
  const lineEnd = closeStart + found[0].length;
  const end = text[lineEnd] === '\n' ? lineEnd + 1 : lineEnd;
  const contentEnd = Math.max(contentStart, text[closeStart - 1] === '\n' ? closeStart - 1 : closeStart);
  const content = text.slice(contentStart, contentEnd);
  const title = /^title[ \t]*[:=][ \t]*(.*?)[ \t]*$/m
    .exec(content)?.[1]
    ?.replace(/^(["'])(.*)\1$/, '$2')
    .trim();
  return { end, contentStart, contentEnd, ...(title ? { title } : {}) };
}
