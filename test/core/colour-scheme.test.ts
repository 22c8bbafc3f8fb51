import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  canvasScheme,
  contrastRatio,
  DARK_PAGE_MAX_LUMINANCE,
  DARK_SURFACE,
  invertsColours,
  LIGHT_SURFACE,
  parseColour,
  relativeLuminance,
  schemeOfBackgrounds,
} from '../../src/core/colour-scheme';

describe('parseColour', () => {
  it.each([
    ['rgb(255, 0, 51)', [1, 0, 0.2, 1]],
    ['rgba(0, 0, 0, 0)', [0, 0, 0, 0]],
    ['rgba(255, 255, 255, 0.5)', [1, 1, 1, 0.5]],
    ['rgb(0 51 255 / 25%)', [0, 0.2, 1, 0.25]],
    ['rgb(100% 0% 20%)', [1, 0, 0.2, 1]],
    ['transparent', [0, 0, 0, 0]],
    ['#161b22', [0x16 / 255, 0x1b / 255, 0x22 / 255, 1]],
    ['#FFF', [1, 1, 1, 1]],
    ['color(srgb 0.1 0.2 0.3)', [0.1, 0.2, 0.3, 1]],
    ['color(srgb 0.1 0.2 0.3 / 0.4)', [0.1, 0.2, 0.3, 0.4]],
    ['color(display-p3 1 1 1)', [1, 1, 1, 1]],
    // Linear light 0.214 is sRGB's 0.5.
    ['color(srgb-linear 0.214 0.214 0.214)', [0.5, 0.5, 0.5, 1]],
    // OKLab's and CIELAB's lightness give a grey of the same luminance (Tailwind's zinc-950).
    ['oklch(0.141 0.005 285.823)', [0.035, 0.035, 0.035, 1]],
    ['oklab(1 0 0 / 0.5)', [1, 1, 1, 0.5]],
    ['lab(50 10 -20)', [0.467, 0.467, 0.467, 1]],
    ['lch(0 0 none)', [0, 0, 0, 1]],
  ])('reads %s', (value, [red, green, blue, alpha]) => {
    const colour = parseColour(value);
    expect(colour).toBeDefined();
    expect(colour!.red).toBeCloseTo(red!, 2);
    expect(colour!.green).toBeCloseTo(green!, 2);
    expect(colour!.blue).toBeCloseTo(blue!, 2);
    expect(colour!.alpha).toBeCloseTo(alpha!, 2);
  });

  it.each(['', 'none', 'red', 'rgb(1, 2)', 'rgb(a, b, c)', 'color(rec2020 0 0 0)', '#12'])(
    'reads nothing from %j',
    (value) => {
      expect(parseColour(value)).toBeUndefined();
    },
  );
});

describe('relativeLuminance', () => {
  it.each([
    ['#000000', 0],
    ['#ffffff', 1],
    ['#808080', 0.2159],
    ['#161b22', 0.0107],
  ])('of %s is %f (WCAG 2)', (hex, expected) => {
    expect(relativeLuminance(parseColour(hex)!)).toBeCloseTo(expected, 4);
  });
});

describe('contrastRatio', () => {
  it('is 21:1 for black on white, either way round, and 1:1 for a colour on itself', () => {
    const [black, white] = [parseColour('#000')!, parseColour('#fff')!];
    expect(contrastRatio(black, white)).toBeCloseTo(21, 5);
    expect(contrastRatio(white, black)).toBeCloseTo(21, 5);
    expect(contrastRatio(white, white)).toBe(1);
  });
});

describe('DARK_PAGE_MAX_LUMINANCE', () => {
  const css = readFileSync(
    join(dirname(fileURLToPath(import.meta.url)), '../../src/content/toolbar.css'),
    'utf8',
  );

  it("is worked out from the toolbar's own surfaces", () => {
    const surfaces = /\.toolbar\s*{[^}]*background:\s*light-dark\((#\w+),\s*(#\w+)\)/.exec(css);
    expect(surfaces?.slice(1)).toEqual([LIGHT_SURFACE, DARK_SURFACE]);
  });

  // A page of that luminance is as far from one surface as from the other.
  it('is where a page stands out as much from the dark surface as from the light one', () => {
    const grey = (luminance: number) => {
      const channel =
        luminance <= 0.0031308 ? luminance * 12.92 : 1.055 * luminance ** (1 / 2.4) - 0.055;
      return { red: channel, green: channel, blue: channel, alpha: 1 };
    };
    const page = grey(DARK_PAGE_MAX_LUMINANCE);
    expect(contrastRatio(page, parseColour(DARK_SURFACE)!)).toBeCloseTo(
      contrastRatio(page, parseColour(LIGHT_SURFACE)!),
      5,
    );
    expect(DARK_PAGE_MAX_LUMINANCE).toBeCloseTo(0.2, 1);
  });
});

describe('schemeOfBackgrounds', () => {
  const transparent = 'rgba(0, 0, 0, 0)';

  it.each<[string, string[], 'light' | 'dark' | 'unreadable' | undefined]>([
    ['a dark page', [transparent, transparent, 'rgb(18, 18, 18)'], 'dark'],
    ['a light page', [transparent, 'rgb(255, 255, 255)'], 'light'],
    ['a light card on a dark page', ['rgb(250, 250, 250)', 'rgb(0, 0, 0)'], 'light'],
    ['a dark card on a light page', ['rgb(13, 17, 23)', 'rgb(255, 255, 255)'], 'dark'],
    ['a mid grey just under the cut-off', ['rgb(124, 124, 124)'], 'dark'],
    ['a mid grey just over the cut-off', ['rgb(125, 125, 125)'], 'light'],
    ["Tailwind's zinc-950 (oklch)", ['oklch(0.141 0.005 285.823)'], 'dark'],
    ['nothing opaque: the canvas shows', [transparent, transparent], undefined],
    ['no element at all', [], undefined],
    // A veil over the page is mixed with what is under it, not taken for the page.
    ['a faint dark veil over a light page', ['rgba(0, 0, 0, 0.1)', 'rgb(255, 255, 255)'], 'light'],
    ['a deep dark veil over a light page', ['rgba(0, 0, 0, 0.9)', 'rgb(255, 255, 255)'], 'dark'],
    ['a veil over the canvas', ['rgba(0, 0, 0, 0.9)', transparent], undefined],
    // What cannot be read may hide whatever is under it, the canvas too: nothing is guessed.
    ['a colour it cannot read', ['color(rec2020 0 0 0)', 'rgb(255, 255, 255)'], 'unreadable'],
    // A gradient (a background-image, computed) covers its box: read by its colours.
    [
      'a dark gradient on a transparent page',
      ['linear-gradient(rgb(13, 17, 23), rgb(22, 27, 34))', transparent, transparent],
      'dark',
    ],
    [
      'a light gradient over a dark colour',
      ['linear-gradient(135deg, rgb(255, 255, 255) 0%, rgb(240, 240, 240) 100%)', 'rgb(0, 0, 0)'],
      'light',
    ],
    [
      'a faint gradient over a dark page',
      ['radial-gradient(rgba(255, 255, 255, 0.05), rgba(0, 0, 0, 0))', 'rgb(10, 10, 10)'],
      'dark',
    ],
    ['no picture', ['none', 'rgb(0, 0, 0)'], 'dark'],
    // A pattern on the page's colour: the colour is the page's (and what shows while it loads).
    ['a picture on a light colour', ['url("dots.png")', 'rgb(255, 255, 255)'], 'light'],
    [
      'a picture on a dark colour',
      ['url("dots.png")', 'rgb(0, 0, 0)', 'rgb(255, 255, 255)'],
      'dark',
    ],
    [
      'a picture on no colour',
      ['url("night.jpg")', transparent, 'rgb(255, 255, 255)'],
      'unreadable',
    ],
    [
      'a picture on a veil',
      ['url("night.jpg")', 'rgba(0, 0, 0, 0.5)', 'rgb(0, 0, 0)'],
      'unreadable',
    ],
    [
      'a picture under a gradient',
      ['linear-gradient(rgba(0, 0, 0, 0.2), rgba(0, 0, 0, 0.2)), url("a.png")', transparent],
      'unreadable',
    ],
    // jsdom, which computes no background, gives an empty string.
    ['no computed value', ['', 'rgb(0, 0, 0)'], 'dark'],
  ])('%s', (_, backgrounds, expected) => {
    expect(schemeOfBackgrounds(backgrounds)).toBe(expected);
  });

  it('reads no further than the first opaque background', () => {
    const read: string[] = [];
    function* backgrounds() {
      for (const value of ['rgba(0, 0, 0, 0)', 'rgb(0, 0, 0)', 'rgb(255, 255, 255)']) {
        read.push(value);
        yield value;
      }
    }
    expect(schemeOfBackgrounds(backgrounds())).toBe('dark');
    expect(read).toHaveLength(2);
  });
});

describe('canvasScheme', () => {
  it.each<[string, string, string, boolean, 'light' | 'dark']>([
    ['declares nothing (light canvas), system dark', 'normal', '', true, 'light'],
    ['declares nothing, system light', 'normal', '', false, 'light'],
    ['declares light and dark, system dark', 'light dark', '', true, 'dark'],
    ['declares light and dark, system light', 'light dark', '', false, 'light'],
    ['declares dark only, system light', 'dark', '', false, 'dark'],
    ['declares only dark, system light', 'only dark', '', false, 'dark'],
    ['declares light only, system dark', 'light', '', true, 'light'],
    ['declares dark and light in its meta, system dark', 'normal', 'dark light', true, 'dark'],
    ['declares dark in its meta but light on its root', 'light', 'dark', false, 'light'],
    ['declares an unknown scheme only', 'sepia', '', true, 'light'],
  ])('a page that %s', (_, rootColorScheme, metaColorScheme, prefersDark, expected) => {
    expect(canvasScheme({ rootColorScheme, metaColorScheme, prefersDark })).toBe(expected);
  });
});

describe('invertsColours', () => {
  it.each([
    ['no filter', ['none'], false],
    ['an invert on the root (a dark mode made by filter)', ['invert(1) hue-rotate(180deg)'], true],
    ['an invert as a percentage', ['invert(100%)'], true],
    ['a slight invert', ['invert(0.2)'], false],
    ['two inverts, on the body and the root', ['invert(1)', 'none', 'invert(0.9)'], false],
    ['two inverts in one list', ['invert(1) invert(1)'], false],
    ['a filter of another kind', ['grayscale(1) brightness(0.5)'], false],
  ])('%s: %s', (_, filters, expected) => {
    expect(invertsColours(filters)).toBe(expected);
  });
});
