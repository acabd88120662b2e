import { fixtureArticle, fixtureArticleHtml, fixtureHostile, fixtureHostilePayloads } from '@claimdesk/testing';
import { extractDocument } from './document-extractor';
import { extractHtml } from './html-extractor';

/** A page with the given head and body markup. */
const page = (head: string, body = '<p>Some text.</p>'): string =>
  `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

const jsonLd = (value: unknown): string => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;

/** A paragraph long enough for Readability to take the block around it for an article. */
const longParagraph = (n: number): string =>
  `Paragraph ${n} says that the council approved the budget for new bus lanes on Tuesday, ` +
  'after a debate that ran well past midnight, and that the work should start in the spring.';

describe('extractHtml', () => {
  describe('metadata', () => {
    it('reads title, publisher and date from OpenGraph, ahead of <title> and JSON-LD', () => {
      const content = extractHtml(
        page(
          '<title>Title tag | Site</title>' +
            '<meta property="og:title" content="  The OpenGraph   title ">' +
            '<meta property="og:site_name" content="The OpenGraph Times">' +
            '<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">' +
            jsonLd({
              '@type': 'NewsArticle',
              headline: 'The JSON-LD headline',
              datePublished: '2020-01-01T00:00:00Z',
              publisher: { '@type': 'Organization', name: 'JSON-LD Publisher' },
            }),
        ),
      );

      expect(content).toMatchObject({
        title: 'The OpenGraph title',
        publisher: 'The OpenGraph Times',
        publishedAt: new Date('2024-03-05T08:30:00.000Z'),
      });
    });

    it('reads a JSON-LD NewsArticle: headline, datePublished and a publisher given as an object', () => {
      const content = extractHtml(
        page(
          jsonLd({
            '@context': 'https://schema.org',
            '@type': 'NewsArticle',
            headline: 'Council approves the bus lanes',
            datePublished: '2023-11-02T08:00:00+01:00',
            publisher: { '@type': 'Organization', name: 'The Riverton Ledger', logo: { url: 'x.png' } },
          }),
        ),
      );

      expect(content).toMatchObject({
        title: 'Council approves the bus lanes',
        publisher: 'The Riverton Ledger',
        publishedAt: new Date('2023-11-02T07:00:00.000Z'),
      });
    });

    it('finds the article in an @graph array, after nodes of other types', () => {
      const content = extractHtml(
        page(
          jsonLd({
            '@context': 'https://schema.org',
            '@graph': [
              { '@type': 'Organization', name: 'Not the article' },
              { '@type': 'WebSite', name: 'Not the article either' },
              {
                '@type': ['ReportageNewsArticle'],
                headline: 'Flood defences fall behind schedule',
                datePublished: '2022-05-01',
                publisher: [{ '@type': 'Organization', name: 'Port Ellis Gazette' }],
              },
            ],
          }),
        ),
      );

      expect(content).toMatchObject({
        title: 'Flood defences fall behind schedule',
        publisher: 'Port Ellis Gazette',
        publishedAt: new Date('2022-05-01T00:00:00.000Z'),
      });
    });

    it('skips JSON-LD that does not parse and reads the next script', () => {
      const content = extractHtml(
        page(
          '<script type="application/ld+json">{ "@type": "NewsArticle", "headline": </script>' +
            jsonLd([{ '@type': 'BlogPosting', name: 'A post named, not headlined', publisher: 'A plain publisher' }]),
        ),
      );

      expect(content).toMatchObject({ title: 'A post named, not headlined', publisher: 'A plain publisher' });
    });

    it('reads the date from <meta name="date"> and the title from <title>', () => {
      const content = extractHtml(
        page('<title>\n  A   plain\ttitle \n</title><meta name="date" content="2022-07-14">'),
      );

      expect(content).toMatchObject({
        title: 'A plain title',
        publisher: null,
        publishedAt: new Date('2022-07-14T00:00:00.000Z'),
      });
    });

    it('answers null for metadata the page does not state', () => {
      expect(extractHtml(page('<meta charset="utf-8">', '<p>Just a paragraph.</p>'))).toEqual({
        title: null,
        publisher: null,
        publishedAt: null,
        text: 'Just a paragraph.',
      });
    });

    it('answers null for blank metadata', () => {
      expect(
        extractHtml(
          page('<title>   </title><meta property="og:title" content=" "><meta property="og:site_name" content="">'),
        ),
      ).toMatchObject({ title: null, publisher: null });
    });

    it.each([
      ['not a date', '<meta property="article:published_time" content="not a date">'],
      ['an impossible date', '<meta name="date" content="2024-13-45">'],
      ['a year before 1000', '<meta name="date" content="0099-01-01">'],
      ['JSON-LD garbage', jsonLd({ '@type': 'NewsArticle', headline: 'H', datePublished: 'soon' })],
      ['a JSON-LD date that is not a string', jsonLd({ '@type': 'NewsArticle', headline: 'H', datePublished: 2024 })],
    ])('answers a null date for %s', (_what, head) => {
      expect(extractHtml(page(head)).publishedAt).toBeNull();
    });
  });

  describe('main text', () => {
    it('keeps the article paragraphs, one per block with blank lines between, and drops the rest', () => {
      const html = page(
        '<title>Budget</title><style>p { color: red }</style><script>var tracking = "in the head";</script>',
        '<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>' +
          '<main><article><h1>Council approves the budget</h1>' +
          `<p>${longParagraph(1)}</p>` +
          `<p>${longParagraph(2)}<script>document.write("injected by script")</script></p>` +
          '<style>.ad { display: none }</style>' +
          `<p>${longParagraph(3)}</p>` +
          '</article>' +
          '<aside><h2>Most read</h2><ul><li><a href="/a">Another story</a></li></ul></aside></main>' +
          '<footer><p>Copyright 2024 The Ledger</p></footer>',
      );

      const { text } = extractHtml(html);

      expect(text).toBe(
        ['Council approves the budget', longParagraph(1), longParagraph(2), longParagraph(3)].join('\n\n'),
      );
      expect(text).not.toMatch(/Home|Most read|Another story|Copyright|tracking|injected|color|display/);
    });

    it('extracts a fixture news article to exactly its paragraphs', () => {
      const article = fixtureArticle(12);

      const content = extractHtml(fixtureArticleHtml(article));

      expect(content).toEqual({
        title: article.title,
        publisher: article.publisher,
        publishedAt: new Date(article.publishedAt),
        text: article.text.join('\n\n'),
      });
    });

    it('splits blocks and line breaks into paragraphs and collapses whitespace within them', () => {
      const { text } = extractHtml(
        page(
          '',
          '<div><p>One<br>Two</p><ul><li>First  item</li><li>Second\n\titem</li></ul><p>x <b>bold</b>  y</p></div>',
        ),
      );

      expect(text).toBe('One\n\nTwo\n\nFirst item\n\nSecond item\n\nx bold y');
    });

    it('still yields the body text of a page with no article', () => {
      const { text } = extractHtml(
        page(
          '<title>Tiny</title>',
          '<div>Short line one</div><div>Short <b>line</b> two</div>' +
            '<script>alert("never text")</script><style>div { margin: 0 }</style><noscript>Enable JavaScript</noscript>',
        ),
      );

      expect(text).toBe('Short line one\n\nShort line two');
    });

    it('keeps markup written as text (entities) as literal text, and real markup out of it', () => {
      const content = extractHtml(fixtureArticleHtml(fixtureHostile));

      expect(content.title).toBe(fixtureHostile.title);
      expect(content.text).toBe(fixtureHostile.text.join('\n\n'));
      for (const payload of fixtureHostilePayloads) expect(content.text).toContain(payload);

      const mixed = extractHtml(
        page(
          '',
          '<p>He read &lt;img src=x onerror=alert(2)&gt; aloud.</p>' +
            '<p>Real markup: <img src=x onerror="alert(3)"><script>alert(4)</script>done.</p>',
        ),
      );
      expect(mixed.text).toBe('He read <img src=x onerror=alert(2)> aloud.\n\nReal markup: done.');
    });

    // HTML lets a page leave out its <html>, <head> and <body> tags; browsers
    // build the body anyway, linkedom does not (it dropped the paragraphs).
    it('reads the text of a valid page that leaves out its <body> tag', () => {
      const content = extractHtml(
        '<!doctype html>\n<meta charset="utf-8">\n<title>Minimal page</title>\n' +
          '<p>The harbour master said the new sea wall will be finished before the winter storms.</p>\n',
      );

      expect(content.title).toBe('Minimal page');
      expect(content.text).toBe('The harbour master said the new sea wall will be finished before the winter storms.');
    });
  });
});

describe('extractDocument', () => {
  const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');

  it('decodes a latin-1 page by the charset its <meta> declares', async () => {
    const body = latin1(
      '<!doctype html><html><head><meta charset="iso-8859-1"><title>Caf\xe9 ferm\xe9</title></head>' +
        '<body><p>Le caf\xe9 de la gare est ferm\xe9 depuis l\xe9t\xe9.</p></body></html>',
    );

    const content = await extractDocument({ kind: 'html', body, charset: null });

    expect(content.title).toBe('Café fermé');
    expect(content.text).toBe('Le café de la gare est fermé depuis lété.');
  });

  it('decodes by a charset declared with http-equiv', async () => {
    const body = latin1(
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"></head>' +
        '<body><p>Na\xefve r\xe9sum\xe9</p></body></html>',
    );

    expect((await extractDocument({ kind: 'html', body, charset: null })).text).toBe('Naïve résumé');
  });

  it('prefers the charset of the Content-Type header to the one the page declares', async () => {
    const body = Buffer.from('<html><head><meta charset="iso-8859-1"></head><body><p>Café</p></body></html>', 'utf8');

    expect((await extractDocument({ kind: 'html', body, charset: 'utf-8' })).text).toBe('Café');
  });

  it('falls back to UTF-8 for a charset it does not know', async () => {
    const body = Buffer.from('<html><head><meta charset="x-no-such-charset"></head><body><p>Café</p></body></html>');

    expect((await extractDocument({ kind: 'html', body, charset: null })).text).toBe('Café');
    expect((await extractDocument({ kind: 'text', body: Buffer.from('Café'), charset: 'x-bogus' })).text).toBe('Café');
  });

  it('normalises plain text: Unix line ends, no trailing spaces, one blank line at most', async () => {
    const body = Buffer.from('  Title  \r\n\r\n\r\n\r\nFirst line   \r\nSecond line\t\n\n\n\nLast\n\n');

    expect(await extractDocument({ kind: 'text', body, charset: 'utf-8' })).toEqual({
      text: 'Title\n\nFirst line\nSecond line\n\nLast',
      title: null,
      publisher: null,
      publishedAt: null,
    });
  });

  // Pages declaring iso-8859-1 are decoded as windows-1252 (as the WHATWG
  // Encoding Standard and browsers do), where 0x93/0x94 are curly quotes and
  // 0x80 the euro sign. Node's TextDecoder gets this wrong from v20.18.3 and
  // v22.13.0 (nodejs/node#56542), so extractDocument decodes it by hand.
  it('decodes windows-1252 punctuation (0x80-0x9F) in a page declared iso-8859-1', async () => {
    const body = latin1(
      '<html><head><meta charset="iso-8859-1"></head><body><p>\x93We will deliver,\x94 she said \x96 at \x8030m.</p></body></html>',
    );

    expect((await extractDocument({ kind: 'html', body, charset: null })).text).toBe(
      '\u201cWe will deliver,\u201d she said \u2013 at \u20ac30m.',
    );
  });
});
