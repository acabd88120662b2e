import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

/** What a page says and what its metadata says about it. */
export interface PageContent {
  text: string;
  title: string | null;
  publisher: string | null;
  publishedAt: Date | null;
}

// The few DOM members used here: the project compiles without the DOM library.
interface Node {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: Iterable<Node>;
}
interface Element extends Node {
  getAttribute(name: string): string | null;
}
interface Doc {
  readonly body: Node | null;
  querySelector(selector: string): Element | null;
  querySelectorAll(selector: string): Iterable<Element>;
}

function parseDocument(html: string): Doc {
  const window: unknown = parseHTML(html);
  return (window as { document: Doc }).document;
}

const articleTypes = new Set([
  'Article',
  'NewsArticle',
  'ReportageNewsArticle',
  'AnalysisNewsArticle',
  'OpinionNewsArticle',
  'BlogPosting',
  'Report',
  'WebPage',
]);

/**
 * Extracts the main text of an HTML page with Mozilla's Readability (the
 * whole body when Readability finds no article), one paragraph per block,
 * and its title, publisher and publication date from OpenGraph, JSON-LD
 * (NewsArticle and kin) and common meta tags.
 */
export function extractHtml(page: string): PageContent {
  const html = withBody(page);
  const document = parseDocument(html);
  const metadata = readMetadata(document);
  let text = '';
  let readabilityTitle: string | null = null;
  try {
    // Readability changes the document it reads, so the metadata was taken first.
    const article = new Readability(document, { charThreshold: 200 }).parse();
    if (article?.content) {
      text = blockText(parseDocument(`<html><body>${article.content}</body></html>`).body);
      readabilityTitle = clean(article.title);
    }
  } catch {
    text = '';
  }
  if (text === '') text = blockText(parseDocument(html).body);
  return { ...metadata, title: metadata.title ?? readabilityTitle, text };
}

/**
 * HTML may leave out its `<body>` tag (and `<html>` and `<head>`); browsers
 * imply it, linkedom does not and drops what it cannot place. Adds the tag.
 */
function withBody(html: string): string {
  if (/<body[\s>]/i.test(html)) return html;
  const headEnd = /<\/head\s*>/i.exec(html);
  if (headEnd !== null) {
    const at = headEnd.index + headEnd[0].length;
    return `${html.slice(0, at)}<body>${html.slice(at)}</body>`;
  }
  const withoutDoctype = html.replace(/^\s*<!doctype[^>]*>/i, '').replace(/<\/?html[^>]*>/gi, '');
  return `<!doctype html><html><head></head><body>${withoutDoctype}</body></html>`;
}

const skipped = new Set([
  'TITLE',
  'META',
  'LINK',
  'BASE',
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'IFRAME',
  'OBJECT',
  'HEAD',
]);
const blocks = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BR',
  'CAPTION',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TD',
  'TH',
  'TR',
  'UL',
]);

/** The text under `root`, one line per block element, blank lines between blocks. */
export function blockText(root: Node | null | undefined): string {
  if (root === null || root === undefined) return '';
  const paragraphs: string[] = [];
  let line = '';
  const flush = (): void => {
    const paragraph = line.replace(/\s+/g, ' ').trim();
    if (paragraph !== '') paragraphs.push(paragraph);
    line = '';
  };
  const visit = (node: Node): void => {
    if (node.nodeType === 3) {
      line += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = node.nodeName.toUpperCase();
    if (skipped.has(tag)) return;
    const block = blocks.has(tag);
    if (block) flush();
    for (const child of node.childNodes) visit(child);
    if (block) flush();
  };
  visit(root);
  flush();
  return paragraphs.join('\n\n');
}

function readMetadata(document: Doc): Omit<PageContent, 'text'> {
  const meta = (selector: string): string | null => clean(document.querySelector(selector)?.getAttribute('content'));
  const ld = readJsonLd(document);
  const title =
    meta('meta[property="og:title"]') ??
    clean(ld?.headline) ??
    clean(ld?.name) ??
    meta('meta[name="twitter:title"]') ??
    clean(document.querySelector('title')?.textContent);
  const publisher =
    meta('meta[property="og:site_name"]') ?? clean(nameOf(ld?.publisher)) ?? meta('meta[name="application-name"]');
  const published =
    meta('meta[property="article:published_time"]') ??
    clean(ld?.datePublished) ??
    meta('meta[name="date"]') ??
    meta('meta[name="pubdate"]') ??
    meta('meta[name="dc.date"]') ??
    meta('meta[itemprop="datePublished"]') ??
    clean(document.querySelector('time[datetime]')?.getAttribute('datetime'));
  return { title, publisher, publishedAt: toDate(published) };
}

type JsonLdNode = Record<string, unknown>;

/** The first article-like node of the page's JSON-LD scripts. */
function readJsonLd(document: Doc): JsonLdNode | null {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const found = findArticle(parsed, 0);
    if (found !== null) return found;
  }
  return null;
}

function findArticle(value: unknown, depth: number): JsonLdNode | null {
  if (depth > 4 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findArticle(item, depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  const node = value as JsonLdNode;
  const types = ([] as unknown[]).concat(node['@type'] ?? []);
  if (types.some((type) => typeof type === 'string' && articleTypes.has(type))) return node;
  return findArticle(node['@graph'], depth + 1);
}

function nameOf(value: unknown): unknown {
  if (Array.isArray(value)) return nameOf(value[0]);
  if (value !== null && typeof value === 'object') return (value as JsonLdNode).name;
  return value;
}

function clean(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.replace(/\s+/g, ' ').trim();
  return trimmed === '' ? null : trimmed.slice(0, 1000);
}

function toDate(value: string | null): Date | null {
  if (value === null) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1000 ? null : date;
}
