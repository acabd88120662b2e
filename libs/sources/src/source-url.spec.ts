import { normalizeSourceUrl } from './source-url';

describe('normalizeSourceUrl', () => {
  it('makes the same page cited in different spellings one URL', () => {
    const same = [
      'https://Example.COM/news/story?id=7#comments',
      'https://example.com:443/news/story?id=7',
      '  https://example.com/news/story?id=7 ',
    ];
    expect(new Set(same.map(normalizeSourceUrl))).toEqual(new Set(['https://example.com/news/story?id=7']));
  });

  it('keeps what tells pages apart: path case, query, scheme, port', () => {
    expect(normalizeSourceUrl('https://example.com/News')).toBe('https://example.com/News');
    expect(normalizeSourceUrl('http://example.com:8080/a?b=1')).toBe('http://example.com:8080/a?b=1');
  });

  it('refuses other schemes, credentials, and what is not a URL', () => {
    for (const bad of [
      'ftp://example.com/file',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https://user:pw@example.com/',
      'not a url',
      '',
      `https://example.com/${'a'.repeat(2100)}`,
    ]) {
      expect(normalizeSourceUrl(bad)).toBeNull();
    }
  });
});
