import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_COMMENT_LABELS_NOTED, scanPage } from '../../../src/core/detect/scan-page';
import { countGetterReads } from '../../support/count-getter-reads';

const TEXT = 'Ferries run late on the island tonight, the harbour office said';

function scanBody(html: string) {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  return scanPage(doc.body);
}

describe('scanPage', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

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

  [
    `<p>肉をくわえたイヌが、橋を渡って、いました。 The dog crossed the bridge.</p>`,
    `<div>北京，上海，广州 and Tokyo <b>東京</b> in one run of text, with commas, here</div>`,
    `<div>Un texte latin sans aucun caractère dense, mais long assez</div>`,
    `<div>كان الكلب يحمل قطعة لحم، وعبر الجسر، فنظر إلى الماء ⸲ ⸴ ⹁ ︐ ︑ ﹐</div>`,
  ].forEach((html) => {
    it(`counts a paragraph's commas and Han and kana as reading each character does: ${html}`, () => {
      const text = new DOMParser().parseFromString(html, 'text/html').body.textContent!;
      const codes = [...text].map((char) => char.charCodeAt(0));
      const inRange = (code: number, from: number, to: number) => code >= from && code <= to;
      const dense = codes.filter(
        (code) =>
          inRange(code, 0x3000, 0x30ff) ||
          inRange(code, 0x3400, 0x9fff) ||
          inRange(code, 0xf900, 0xfaff),
      ).length;
      const commaCodes = [
        0x2c, 0x60c, 0x2e32, 0x2e34, 0x2e41, 0x3001, 0xfe10, 0xfe11, 0xfe50, 0xff0c,
      ];
      const commas = codes.filter((code) => commaCodes.includes(code)).length;
      const [paragraph] = scanBody(html).paragraphs;
      expect(paragraph?.denseChars).toBe(dense);
      // Readability's score: 1 + comma-separated pieces + a point per 100 characters.
      expect(paragraph?.score).toBe(2 + commas + Math.min(Math.floor(paragraph!.chars / 100), 3));
    });
  });

  it("reads no element's type: its name tells it from text", () => {
    const html = `<div><!-- teaser --><p>${TEXT}</p><div>${TEXT} <b>now</b></div></div>`;
    const { result: scan, reads } = countGetterReads(
      Node.prototype,
      'nodeType',
      (node) => node instanceof Element,
      () => scanBody(html),
    );
    expect(scan.paragraphs.map(({ el }) => el.localName)).toEqual(['p', 'div']);
    expect(reads).toBe(0);
  });

  [
    { href: '/news/harbour-fire', standsAlone: true },
    { href: 'https://localhost/news/harbour-fire', standsAlone: true },
    { href: '/news/a-story', standsAlone: false },
  ].forEach(({ href, standsAlone }) => {
    it(`reads a link's address once to tell a title linking out: ${href}`, () => {
      const html = `<div><a href="${href}">Harbour fire closes the port</a></div>`;
      const getAttribute = vi.spyOn(Element.prototype, 'getAttribute');
      const scan = scanBody(html);
      expect(scan.linkedTitles.length).toBe(standsAlone ? 1 : 0);
      expect(getAttribute.mock.calls.filter(([name]) => name === 'href').length).toBe(1);
    });
  });

  it('reads no text of a link to another site, which is no title of this one', () => {
    const html = `<div><a href="https://elsewhere.example/news/harbour-fire">Harbour fire closes the port</a></div>`;
    const { result: scan, reads } = countGetterReads(
      Node.prototype,
      'textContent',
      (node) => node instanceof HTMLAnchorElement,
      () => scanBody(html),
    );
    expect(scan.linkedTitles).toEqual([]);
    expect(reads).toBe(0);
  });

  [
    { attributes: 'class="comments"', isUnlikely: true },
    { attributes: 'id="sidebar"', isUnlikely: true },
    { attributes: 'role="complementary"', isUnlikely: true },
    { attributes: 'class="cookie-consent-box"', isUnlikely: true },
    { attributes: 'class="story-body"', isUnlikely: false },
    { attributes: 'data-kind="comments" style="color: red"', isUnlikely: false },
  ].forEach(({ attributes, isUnlikely }) => {
    it(`reads a block's class, id and role only where it has them: ${attributes}`, () => {
      const html = `<div ${attributes}><p>${TEXT}</p></div>`;
      const { result: scan, reads } = countGetterReads(
        Element.prototype,
        'className',
        () => true,
        () => scanBody(html),
      );
      expect(scan.paragraphs[0]?.isUnlikely).toBe(isUnlikely);
      if (!/class=|id=/.test(attributes)) expect(reads).toBe(0);
    });
  });

  it('does not ask a block without class, id or role whether it has attributes', () => {
    const html = `<div data-kind="comments" style="color: red"><p>${TEXT}</p></div>`;
    const hasAttributes = vi.spyOn(Element.prototype, 'hasAttributes');
    expect(scanBody(html).paragraphs[0]?.isUnlikely).toBe(false);
    expect(hasAttributes).not.toHaveBeenCalled();
  });

  it("notes the short texts that may label readers' comments, and no others", () => {
    const scan = scanBody(
      `<h3><b>22</b> Comments</h3><p>Kommentare (4)</p><h3>\n${' '.repeat(60)}Responses\n</h3>` +
        `<p>${TEXT}: readers' comments and replies poured in.</p><div>Related stories</div>` +
        `<a href="#respond">Reply</a><p>1234567890123456789012345678901 Comments </p>`,
    );
    expect(scan.commentLabels.map((node) => node.textContent!.trim())).toEqual([
      'Comments',
      'Kommentare (4)',
      'Responses',
      '1234567890123456789012345678901 Comments',
    ]);
  });

  it('notes comment labels up to its limit', () => {
    const labels = '<div>Comments</div>'.repeat(MAX_COMMENT_LABELS_NOTED + 10);
    expect(scanBody(labels).commentLabels).toHaveLength(MAX_COMMENT_LABELS_NOTED);
  });
});
