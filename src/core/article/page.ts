// A saved web page → the article it holds, once: @mozilla/readability (Firefox Reader View's engine) on a
// linkedom document, offline, then a walk of its result into the blocks of a frozen Markdown file. Pure: the
// caller passes the bytes (or text), the file name and its sha256. Never re-run on the same page: a newer
// extractor would move every anchor, so the Markdown written once is the article from then on.

import { Readability } from '@mozilla/readability';
import { DOMParser } from 'linkedom';
import { decodeHtml } from './charset';
import { type DomDocument, type DomElement, type DomNode, isElement, textOf } from './dom';
import { inlineText, writeMarkdown, type Inline, type PageBlock } from './writeMarkdown';

/** Versions of what extracted the article, recorded in its provenance (a test checks them against node_modules). */
export const EXTRACTOR = { name: '@mozilla/readability', version: '0.6.0', dom: 'linkedom 0.18.15' } as const;

/** Where an imported article came from: `article.source` of its annotation file. */
export interface PageSource {
  /** The saved page's file name, as it was when imported. */
  file: string;
  sha256: string;
  url?: string;
  siteName?: string;
  byline?: string;
  published?: string;
  lang?: string;
  extractor: string;
  extractorVersion: string;
}

export type PageExtraction = { ok: true; title: string; markdown: string; blocks: PageBlock[]; source: PageSource } | { ok: false; message: string };

/**
 * linkedom's document, seen as the `Document` Readability is typed with: the core is type-checked both with
 * and without the DOM library, and linkedom's own types match neither exactly.
 */
type ReadabilityDocument = ConstructorParameters<typeof Readability>[0];
export function isReadabilityDocument(doc: unknown): doc is ReadabilityDocument {
  return typeof doc === 'object' && doc !== null && 'documentElement' in doc && 'querySelector' in doc;
}

/** Below this much running text (outside links) a page has no article: a section front, a gallery, an error page. */
const MIN_ARTICLE_CHARS = 280;
const MIN_PARAGRAPH_CHARS = 80;
const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'figure',
  'figcaption',
  'picture',
  'img',
  'svg',
  'video',
  'audio',
  'iframe',
  'table',
  'pre',
  'hr',
  'form',
  'button',
  'nav',
  'aside',
  'input',
  'select',
  'textarea',
]);
/** Where news sites put the standfirst (dek, subtitle) beside the headline. */
const STANDFIRST = '[class*="standfirst"],[class*="dek"],[class*="subtitle"],[class*="subhead"],[class*="lede"],[itemprop="description"]';
const PROMO = /\b(newsletters?|in your inbox|sign up|subscribe|enjoying this (story|article)|follow us|download (our|the) app)\b/i;

export function extractPage(input: { html: Uint8Array | string; fileName: string; sha256: string }): PageExtraction {
  const decoded = typeof input.html === 'string' ? { ok: true as const, text: input.html } : decodeHtml(input.html);
  if (!decoded.ok) return decoded;
  const parsed: unknown = new DOMParser().parseFromString(withoutCode(decoded.text), 'text/html');
  if (!isReadabilityDocument(parsed)) return { ok: false, message: `${input.fileName} could not be parsed as HTML` };
  const doc: DomDocument = parsed;
  const url = pageUrl(doc);
  const h1 = textOf(doc.querySelector('h1'));
  const standfirstEl = doc.querySelector(STANDFIRST);
  const dek = standfirstEl && !standfirstEl.querySelector('p p, li') ? textOf(standfirstEl) : '';
  // The page's own description, not Readability's excerpt (which falls back to the first paragraph).
  const description = metaContent(doc, ['meta[property="og:description"]', 'meta[name="description"]', 'meta[name="twitter:description"]']);
  const metaAuthor = metaContent(doc, ['meta[name="author"]', 'meta[property="article:author"]']);
  const article = new Readability(parsed, { serializer: (node) => node }).parse();
  const noArticle = {
    ok: false as const,
    message: `${input.fileName} has no article text that Marginalia can find (no run of paragraphs; a section front or index page?). Nothing was written.`,
  };
  if (!article?.content) return noArticle;

  const title = headline(article.title ?? '', h1);
  let blocks = isElement(article.content) ? walk(article.content, url) : [];
  const prose = blocks.filter((b) => b.kind === 'paragraph' || b.kind === 'quote' || b.kind === 'list-item');
  const running = prose.reduce((n, b) => n + unlinkedText(b.content).length, 0);
  if (running < MIN_ARTICLE_CHARS || !prose.some((b) => unlinkedText(b.content).length >= MIN_PARAGRAPH_CHARS)) return noArticle;

  const byline = cleanByline(article.byline) ?? cleanByline(/^https?:/.test(metaAuthor) ? '' : metaAuthor);
  let standfirst = dek.length >= 20 && dek.length <= 500 ? dek : '';
  // A first paragraph that is the page's own description is its standfirst, whatever its markup.
  const first = blocks.find((b) => b.kind === 'paragraph');
  if (!standfirst && first && description && same(inlineText(first.content), description)) standfirst = squash(inlineText(first.content));
  blocks = clean(blocks, { title, standfirst, byline });
  const page: PageBlock[] = [{ kind: 'headline', content: [title] }];
  if (standfirst) page.push({ kind: 'standfirst', content: [standfirst] });
  page.push(...blocks);

  const source: PageSource = { file: input.fileName, sha256: input.sha256, extractor: EXTRACTOR.name, extractorVersion: EXTRACTOR.version };
  if (url) source.url = url;
  if (article.siteName) source.siteName = squash(article.siteName);
  if (byline) source.byline = byline;
  if (article.publishedTime) source.published = article.publishedTime;
  if (article.lang) source.lang = article.lang;
  return { ok: true, title, markdown: writeMarkdown(page), blocks: page, source };
}

/**
 * The page without what no article is made of: scripts (but JSON-LD, which names the author and date), styles,
 * inline SVG and comments. Saved pages are mostly these; the DOM and Readability then have far less to walk.
 */
function withoutCode(html: string): string {
  return html
    .replace(/<script\b(?![^>]*application\/ld\+json)[^>]*>[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<(style|svg|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '');
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
/** Equal as text a reader sees: white space, quote marks and case aside. */
function same(a: string, b: string): boolean {
  const norm = (s: string) => squash(s).replace(/[‘’`]/g, "'").replace(/[“”]/g, '"').toLowerCase();
  return norm(a) === norm(b);
}

function metaContent(doc: DomDocument, selectors: readonly string[]): string {
  for (const sel of selectors) {
    const v = squash(doc.querySelector(sel)?.getAttribute('content') ?? '');
    if (v) return v;
  }
  return '';
}

/** The page's address when it names one (canonical link, else og:url), http(s) only. */
function pageUrl(doc: DomDocument): string | undefined {
  const candidates = [doc.querySelector('link[rel="canonical"]')?.getAttribute('href'), doc.querySelector('meta[property="og:url"]')?.getAttribute('content')];
  for (const c of candidates) {
    try {
      const u = c ? new URL(c.trim()) : undefined;
      if (u && (u.protocol === 'https:' || u.protocol === 'http:')) return u.href;
    } catch {
      // Not a URL: try the next one.
    }
  }
  return undefined;
}

/** Readability's title, unless the page's one visible headline is that title without the site's name. */
function headline(title: string, h1: string): string {
  const t = squash(title);
  if (h1 && t !== h1 && t.split(/\s+[|–—·-]\s+/).some((part) => same(part, h1))) return h1;
  return t || h1;
}

function cleanByline(byline: string | null | undefined): string | undefined {
  const b = squash(byline ?? '').replace(/^(by|posted by|words by)\s+/i, '');
  return b || undefined;
}

/** The text of inline content outside links: what makes a paragraph prose rather than a list of links. */
function unlinkedText(content: readonly Inline[]): string {
  return squash(content.map((c) => (typeof c === 'string' ? c : c.kind === 'link' ? '' : unlinkedText(c.children))).join(''));
}

/** Drops what is not the story: the headline again, the byline and date lines, the standfirst again, promotions. */
function clean(blocks: WalkBlock[], page: { title: string; standfirst: string; byline?: string }): PageBlock[] {
  const kept = blocks.filter((b, i) => {
    const text = squash(inlineText(b.content));
    if (text === '') return false;
    if (b.kind === 'heading' && same(text, page.title)) return false;
    if (page.standfirst && same(text, page.standfirst)) return false;
    const early = i < 4 && text.length < 200;
    if (early && /^(by|posted by|words by)\s/i.test(text)) return false;
    if (early && page.byline && (same(text, page.byline) || (text.includes(page.byline) && text.length < page.byline.length + 80))) return false;
    if (early && (b.dated || /^(updated|published|posted)\b/i.test(text)) && text.length < 100) return false;
    if (text.length < 160 && PROMO.test(text)) return false;
    // A short paragraph that is nothing but a link is navigation ("Our standards", "Read more").
    if (text.length < 120 && unlinkedText(b.content) === '') return false;
    return true;
  });
  return kept.map(({ dated: _dated, ...b }) => b);
}

interface WalkBlock extends PageBlock {
  /** The block holds a <time>: a date line when short. */
  dated?: boolean;
}

/** Readability's article HTML as blocks: headings, paragraphs, block quotes and list items, in order. */
function walk(root: DomElement | null, base: string | undefined): WalkBlock[] {
  const out: WalkBlock[] = [];
  const visit = (node: DomElement, ctx: { quote: boolean; depth: number }): void => {
    let run: DomNode[] = [];
    const flush = () => {
      const content = inline(run, base);
      if (squash(inlineText(content)) !== '') out.push({ kind: ctx.quote ? 'quote' : 'paragraph', content, dated: run.some(hasTime) });
      run = [];
    };
    for (const child of Array.from(node.childNodes)) {
      if (!isElement(child)) {
        run.push(child);
        continue;
      }
      const tag = child.tagName.toLowerCase();
      if (SKIP.has(tag)) continue;
      const heading = /^h([1-6])$/.exec(tag);
      if (heading) {
        flush();
        out.push({ kind: 'heading', level: Math.max(2, Number(heading[1])), content: inline(Array.from(child.childNodes), base) });
      } else if (tag === 'p') {
        flush();
        const content = inline(Array.from(child.childNodes), base);
        out.push({ kind: ctx.quote ? 'quote' : 'paragraph', content, dated: hasTime(child) });
      } else if (tag === 'blockquote') {
        flush();
        visit(child, { ...ctx, quote: true });
      } else if (tag === 'ul' || tag === 'ol') {
        flush();
        list(child, ctx.depth + 1);
      } else if (INLINE.has(tag)) run.push(child);
      else {
        flush();
        visit(child, ctx);
      }
    }
    flush();
  };
  const list = (el: DomElement, depth: number): void => {
    const ordered = el.tagName.toLowerCase() === 'ol';
    let n = Number(el.getAttribute('start') ?? '1') || 1;
    for (const li of Array.from(el.childNodes)) {
      if (!isElement(li) || li.tagName.toLowerCase() !== 'li') continue;
      const nested = Array.from(li.childNodes).filter((c): c is DomElement => isElement(c) && /^[ou]l$/i.test(c.tagName));
      const own = Array.from(li.childNodes).filter((c) => !(isElement(c) && nested.includes(c)));
      out.push({ kind: 'list-item', level: depth, ...(ordered ? { ordered: n++ } : {}), content: inline(own, base) });
      for (const sub of nested) list(sub, depth + 1);
    }
  };
  if (root) visit(root, { quote: false, depth: 0 });
  return out;
}

const INLINE = new Set([
  'a',
  'em',
  'i',
  'strong',
  'b',
  'span',
  'abbr',
  'cite',
  'q',
  'small',
  'sub',
  'sup',
  'time',
  'mark',
  'u',
  's',
  'code',
  'br',
  'wbr',
  'font',
  'dfn',
  'kbd',
  'var',
  'bdi',
  'bdo',
  'data',
]);

function hasTime(node: DomNode): boolean {
  return isElement(node) && (node.tagName.toLowerCase() === 'time' || node.querySelector('time') !== null);
}

function inline(nodes: readonly DomNode[], base: string | undefined): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    if (!isElement(n)) {
      if (n.nodeType === 3) out.push(n.textContent ?? '');
      continue;
    }
    const tag = n.tagName.toLowerCase();
    if (SKIP.has(tag)) continue;
    if (tag === 'br') {
      out.push(' ');
      continue;
    }
    const children = inline(Array.from(n.childNodes), base);
    if (tag === 'em' || tag === 'i' || tag === 'cite') out.push({ kind: 'emphasis', children });
    else if (tag === 'strong' || tag === 'b') out.push({ kind: 'strong', children });
    else if (tag === 'a') {
      const href = absolute(n.getAttribute('href'), base);
      if (href) out.push({ kind: 'link', href, children });
      else out.push(...children);
    } else out.push(...children);
  }
  return out;
}

/** A link's target as an absolute http(s) URL, or undefined (kept as text). */
function absolute(href: string | null, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const u = base ? new URL(href, base) : new URL(href);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
