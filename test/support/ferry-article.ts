/**
 * A short news article written for the extraction tests (not one of the
 * held-out fixtures): named speakers with roles, a quote attributed by a
 * pronoun, an anonymous source and the article's own statements.
 */
export const ferryArticle = {
  title: 'Ferry fares to rise 12 percent in Riverton',
  paragraphs: [
    "Riverton's harbour council voted on Tuesday to raise ferry fares by 12 percent from April, the second increase in two years.",
    '"The ferry service lost 3.4 million euros last year, and we cannot keep covering that from the harbour budget," said Ingrid Hallsten, the council\'s finance director.',
    'Commuter groups disputed the figures. "Ridership has grown every year since 2019, so the losses are a choice, not a necessity," said Tomas Berg, chair of the Riverton Commuters\' Association.',
    'A senior official at the transport ministry, who asked not to be named, said the government would not cover the shortfall.',
    "According to the council's own report, fares in Riverton are already the highest of any ferry route in the region.",
    'Mayor Lena Ostrom told reporters that discounts for students and pensioners would stay. "Nobody who depends on the ferry to reach a hospital will pay more," she said.',
  ],
} as const;

/** The article as plain text, paragraphs separated by blank lines. */
export const ferryArticleText = ferryArticle.paragraphs.join('\n\n');

/** The article as a news page, for the fixture site to serve. */
export function ferryArticleHtml(): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escape(ferryArticle.title)} – The Riverton Ledger</title>
  <meta property="og:site_name" content="The Riverton Ledger">
</head>
<body>
  <nav><a href="/">Home</a> <a href="/news">News</a></nav>
  <article>
    <h1>${escape(ferryArticle.title)}</h1>
    ${ferryArticle.paragraphs.map((paragraph) => `<p>${escape(paragraph)}</p>`).join('\n    ')}
  </article>
  <footer>© The Riverton Ledger</footer>
</body>
</html>`;
}
