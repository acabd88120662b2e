/** A paragraph of an article: its trimmed range in the text and its position among the paragraphs. */
export interface ParagraphSpan {
  /** Offset of the paragraph's first non-blank character. */
  start: number;
  /** Offset just past its last non-blank character. */
  end: number;
  /** 0 for the first paragraph, and so on. */
  index: number;
}

/** A line holding nothing but whitespace (or two newlines in a row) ends a paragraph. */
const paragraphBreak = /\n[^\S\n]*\n\s*/g;
const trailingSpace = /\s+$/;
const leadingSpace = /^\s+/;

/**
 * Splits plain text into paragraphs at blank lines. A single newline is part
 * of the paragraph (hard-wrapped text); paragraphs that hold only whitespace are
 * dropped.
 */
export function splitParagraphs(text: string): ParagraphSpan[] {
  const paragraphs: ParagraphSpan[] = [];
  const push = (from: number, to: number): void => {
    const slice = text.slice(from, to);
    const lead = leadingSpace.exec(slice)?.[0].length ?? 0;
    const trail = trailingSpace.exec(slice)?.[0].length ?? 0;
    if (lead < slice.length) paragraphs.push({ start: from + lead, end: to - trail, index: paragraphs.length });
  };
  let from = 0;
  for (const match of text.matchAll(paragraphBreak)) {
    push(from, match.index);
    from = match.index + match[0].length;
  }
  push(from, text.length);
  return paragraphs;
}
