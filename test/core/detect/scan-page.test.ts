import { describe, expect, it } from 'vitest';
import { scanPage } from '../../../src/core/detect/scan-page';

const TEXT = 'Ferries run late on the island tonight, the harbour office said';

function scanBody(html: string) {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  return scanPage(doc.body);
}

describe('scanPage', () => {
  [
    { html: `<div><a href="/x"><p>\n  ${TEXT}... </p></a></div>`, linkChars: TEXT.length + 3 },
    { html: `<div><a href="/x">\n  ${TEXT}... </a></div>`, linkChars: TEXT.length + 3 },
    { html: `<div><a href="/x">${TEXT}</a>\n </div>`, linkChars: TEXT.length },
    { html: `<p>Then ${TEXT} <a href="/x">here </a></p>`, linkChars: 'here'.length },
    { html: `<p>${TEXT} \n</p>`, linkChars: 0 },
    { html: `<div>${TEXT} <b>\n</b> </div>`, linkChars: 0 },
  ].forEach(({ html, linkChars }) => {
    it(`counts a run's text once, without the space at its end: ${html}`, () => {
      const [paragraph] = scanBody(html).paragraphs;
      const text = new DOMParser().parseFromString(html, 'text/html').body.textContent!;
      expect(paragraph?.chars).toBe(text.replace(/\s+/g, ' ').trim().length);
      expect(paragraph?.linkChars).toBe(linkChars);
    });
  });
});
