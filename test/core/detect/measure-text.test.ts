import { describe, expect, it } from 'vitest';
import {
  countCollapsedChars,
  countCommas,
  holdsText,
  leadingSpaceLength,
  measureText,
} from '../../../src/core/detect/measure-text';

function element(html: string): Element {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  return doc.body.firstElementChild!;
}

const WITHOUT_ASIDES = new Set(['SCRIPT', 'STYLE', 'ASIDE']);

describe('measureText', () => {
  it('counts whitespace runs once, across element borders, and the text inside links', () => {
    const block = element('<div> Ferries  run <a href="/x">late </a> <b>today</b>\n</div>');
    expect(measureText(block)).toEqual({ chars: 'Ferries run late today'.length, linkChars: 5 });
  });

  it('leaves out the subtrees of the tags it is given', () => {
    const block = element('<div><p>Ferries run late.</p><aside><p>Read more</p></aside></div>');
    expect(measureText(block).chars).toBe('Ferries run late.Read more'.length);
    expect(measureText(block, WITHOUT_ASIDES).chars).toBe('Ferries run late.'.length);
  });
});

describe('countCollapsedChars', () => {
  /** The definition, one character at a time: a whitespace character right after one is not counted. */
  function countOneByOne(data: string, afterSpace: boolean): number {
    let chars = 0;
    let wasSpace = afterSpace;
    for (const char of data) {
      const isSpace = ' \n\t\r\u00a0'.includes(char);
      if (isSpace && wasSpace) continue;
      wasSpace = isSpace;
      chars += char.length;
    }
    return chars;
  }

  it('counts as reading one character at a time does, after a space or not', () => {
    const texts = [
      '',
      ' ',
      '\n\t  \u00a0',
      'late',
      ' late',
      '  late ',
      'ferries\n\n  run  late\t',
      '\u00a0\u00a0a\u2003b  c',
      'é 渡し舟 ,  x',
    ];
    for (const text of texts) {
      for (const afterSpace of [false, true]) {
        expect(countCollapsedChars(text, afterSpace), JSON.stringify([text, afterSpace])).toBe(
          countOneByOne(text, afterSpace),
        );
      }
    }
  });
});

describe('leadingSpaceLength', () => {
  it('counts the collapsed whitespace a text starts with, all of a text of nothing else', () => {
    const cases: [string, number][] = [
      ['', 0],
      ['late', 0],
      ['late  ', 0],
      [' late', 1],
      ['\n\t\r\u00a0 late', 5],
      [`${' '.repeat(300)}late`, 300],
      [' '.repeat(300), 300],
      // A thin space is no whitespace measureText collapses.
      ['\u2009late', 0],
      [' \u2009late', 1],
    ];
    for (const [text, length] of cases) {
      expect(leadingSpaceLength(text), JSON.stringify(text)).toBe(length);
    }
  });
});

describe('holdsText', () => {
  const blocks = [
    '<div> \n <span>\u00a0</span> </div>',
    '<div><script>var a = 1;</script>\n</div>',
    '<div><aside><p>Comments</p></aside> </div>',
    '<div><aside></aside><p>x</p></div>',
    '<div><span></span><b> Late </b></div>',
  ];

  it('answers as measureText does (chars > 0) with the same skipped tags, whatever they are', () => {
    for (const html of blocks) {
      for (const skipped of [undefined, WITHOUT_ASIDES]) {
        const block = element(html);
        expect(holdsText(block, skipped), `${html} ${skipped ? 'without asides' : ''}`).toBe(
          measureText(block, skipped).chars > 0,
        );
      }
    }
  });

  it('does not count text for screen readers only', () => {
    expect(
      holdsText(element('<div><span class="visually-hidden">Article content</span></div>')),
    ).toBe(false);
    expect(holdsText(element('<div><span class="sr-only">Share</span> Late ferry</div>'))).toBe(
      true,
    );
  });

  it('reads text that lies only in an aside as text unless asides are skipped', () => {
    const block = element('<div><aside><p>Comments</p></aside></div>');
    expect(holdsText(block)).toBe(true);
    expect(holdsText(block, WITHOUT_ASIDES)).toBe(false);
  });
});

describe('countCommas', () => {
  it.each([
    ['Latin', 'Ferries, buses, and trains', 2],
    ['Arabic', 'كان الكلب يحمل قطعة لحم، وعبر الجسر، فنظر', 2],
    ['Japanese (ideographic)', '肉をくわえたイヌが、橋を渡って、いました', 2],
    ['Chinese (full-width)', '北京，上海，广州', 2],
    ['mixed', 'A, b、c，d، e', 4],
    ['none', 'No commas here. Nor here!', 0],
  ] as const)('counts the commas of %s text', (_, text, commas) => {
    expect(countCommas(text)).toBe(commas);
  });

  it.each([
    ['Latin commas past the limit', 'a, '.repeat(12), 10],
    ['other commas past the limit', 'a, '.repeat(4) + '北、'.repeat(8), 10],
    ['fewer commas than the limit', 'a, '.repeat(4) + '北、'.repeat(2), 6],
  ] as const)('counts %s up to the limit', (_, text, commas) => {
    expect(countCommas(text, 10)).toBe(commas);
  });
});
