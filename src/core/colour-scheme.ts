/** A scheme the toolbar is drawn in: its light or its dark palette (toolbar.css). */
export type ColourScheme = 'light' | 'dark';

/** A colour as sRGB channels and opacity, each from 0 to 1. */
export interface Colour {
  red: number;
  green: number;
  blue: number;
  alpha: number;
}

/** The toolbar's surface in its light and its dark palette (toolbar.css, `.toolbar`). */
export const LIGHT_SURFACE = '#ffffff';
export const DARK_SURFACE = '#161b22';

const clamp = (value: number) => Math.min(1, Math.max(0, value));

/** sRGB's transfer function: a channel's linear light (0–1) as the channel. */
function encode(linear: number): number {
  return linear <= 0.0031308 ? linear * 12.92 : 1.055 * linear ** (1 / 2.4) - 0.055;
}

/** The channel's linear light, as WCAG 2's relative luminance takes it. */
function decode(channel: number): number {
  return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
}

/** A grey of `luminance`: colours read by their lightness only (OKLab, CIELAB). */
function grey(luminance: number, alpha: number): Colour {
  const channel = encode(clamp(luminance));
  return { red: channel, green: channel, blue: channel, alpha };
}

/** A number, or a percentage of `percentOf`; `none` is 0 (CSS Color 4). */
function readNumber(token: string | undefined, percentOf: number): number | undefined {
  if (token === 'none') return 0;
  const match = /^(-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?)(%?)$/i.exec(token ?? '');
  if (!match) return undefined;
  const value = Number(match[1]);
  return match[2] ? (value / 100) * percentOf : value;
}

function readHex(hex: string): Colour | undefined {
  const digits = hex.length <= 4 ? [...hex].map((digit) => digit + digit).join('') : hex;
  if (!/^(?:[0-9a-f]{6}|[0-9a-f]{8})$/i.test(digits)) return undefined;
  const [red, green, blue, alpha = 255] = digits.match(/../g)!.map((pair) => parseInt(pair, 16));
  return { red: red! / 255, green: green! / 255, blue: blue! / 255, alpha: alpha / 255 };
}

/**
 * Reads a colour as browsers give a computed one (getComputedStyle): `rgb()`/`rgba()`, `color()`
 * in sRGB, linear sRGB or Display P3 (taken as sRGB: close enough to tell light from dark), and
 * `oklab()`, `oklch()`, `lab()`, `lch()` as a grey of their lightness; also `#hex` and
 * `transparent`. Anything else (a wider space, a keyword) gives undefined.
 */
export function parseColour(value: string): Colour | undefined {
  const text = value.trim().toLowerCase();
  if (text === 'transparent') return { red: 0, green: 0, blue: 0, alpha: 0 };
  if (text.startsWith('#')) return readHex(text.slice(1));
  const match = /^([a-z-]+)\(([^()]*)\)$/.exec(text);
  if (!match) return undefined;
  const [, name, body] = match;
  const [channelsText = '', alphaText] = body!.split('/');
  const tokens = channelsText.split(/[\s,]+/).filter(Boolean);
  let alphaToken = alphaText?.trim();
  // The legacy comma form carries its alpha as a fourth argument.
  if (alphaToken === undefined && (name === 'rgb' || name === 'rgba') && tokens.length === 4) {
    alphaToken = tokens.pop();
  }
  const alpha = alphaToken === undefined ? 1 : readNumber(alphaToken, 1);
  if (alpha === undefined) return undefined;
  if (name === 'color') {
    const space = tokens.shift();
    if (space !== 'srgb' && space !== 'srgb-linear' && space !== 'display-p3') return undefined;
    const channels = tokens.map((token) => readNumber(token, 1));
    if (channels.length !== 3 || channels.some((channel) => channel === undefined))
      return undefined;
    const [red, green, blue] = channels.map((channel) =>
      clamp(space === 'srgb-linear' ? encode(channel!) : channel!),
    );
    return { red: red!, green: green!, blue: blue!, alpha: clamp(alpha) };
  }
  if (tokens.length !== 3) return undefined;
  if (name === 'rgb' || name === 'rgba') {
    const channels = tokens.map((token) => readNumber(token, 255));
    if (channels.some((channel) => channel === undefined)) return undefined;
    const [red, green, blue] = channels.map((channel) => clamp(channel! / 255));
    return { red: red!, green: green!, blue: blue!, alpha: clamp(alpha) };
  }
  if (name === 'oklab' || name === 'oklch') {
    const lightness = readNumber(tokens[0], 1);
    // OKLab's lightness is the cube root of a grey's luminance.
    return lightness === undefined ? undefined : grey(clamp(lightness) ** 3, clamp(alpha));
  }
  if (name === 'lab' || name === 'lch') {
    const lightness = readNumber(tokens[0], 100);
    if (lightness === undefined) return undefined;
    // CIELAB's L* back to luminance (CIE 15).
    const cubeRoot = (lightness + 16) / 116;
    const luminance = lightness > 8 ? cubeRoot ** 3 : lightness / 903.3;
    return grey(luminance, clamp(alpha));
  }
  return undefined;
}

/** WCAG 2's relative luminance of a colour (its opacity aside), from 0 (black) to 1 (white). */
export function relativeLuminance({ red, green, blue }: Colour): number {
  return 0.2126 * decode(red) + 0.7152 * decode(green) + 0.0722 * decode(blue);
}

/** WCAG 2's contrast ratio of two colours, from 1 to 21, whichever is the lighter. */
export function contrastRatio(a: Colour, b: Colour): number {
  const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (lighter! + 0.05) / (darker! + 0.05);
}

/**
 * A page background at or under this luminance takes the toolbar's dark palette: there the dark
 * surface stands out from the page no more than the light one would (the same WCAG contrast:
 * √((L_light + 0.05)(L_dark + 0.05)) − 0.05, about 0.20, a grey between #7c7c7c and #7d7d7d).
 * Worked out from the palette, it moves with it.
 */
export const DARK_PAGE_MAX_LUMINANCE =
  Math.sqrt(
    (relativeLuminance(parseColour(LIGHT_SURFACE)!) + 0.05) *
      (relativeLuminance(parseColour(DARK_SURFACE)!) + 0.05),
  ) - 0.05;

/** `over` drawn on the opaque `under`, as browsers blend (in sRGB). */
function blend(over: Colour, under: Colour): Colour {
  const mix = (top: number, bottom: number) => top * over.alpha + bottom * (1 - over.alpha);
  return {
    red: mix(over.red, under.red),
    green: mix(over.green, under.green),
    blue: mix(over.blue, under.blue),
    alpha: 1,
  };
}

/** A colour inside a computed gradient (browsers compute each stop to `rgb()` or a `color()`). */
const STOP_COLOUR = /\b(?:rgba?|color|oklab|oklch|lab|lch)\([^()]*\)|\btransparent\b/g;
/** An image that is a picture, not drawn from colours: what it shows cannot be read. */
const PICTURE =
  /(?:^|[\s,(])(?:url|(?:-webkit-)?image-set|image|(?:-webkit-)?cross-fade|-moz-element|element|paint|-webkit-canvas)\(/;

/**
 * A computed `background-image` of gradients as one colour: its stops' mean (opaque where they
 * all are, as the gradient then covers its box). Undefined for a picture, or none read.
 */
function colourOfGradients(image: string): Colour | undefined {
  if (!image.includes('gradient(') || PICTURE.test(image)) return undefined;
  const stops = (image.toLowerCase().match(STOP_COLOUR) ?? []).map(parseColour);
  if (stops.length === 0 || stops.some((stop) => stop === undefined)) return undefined;
  const mean = (channel: keyof Colour) =>
    stops.reduce((sum, stop) => sum + stop![channel], 0) / stops.length;
  return { red: mean('red'), green: mean('green'), blue: mean('blue'), alpha: mean('alpha') };
}

/**
 * The scheme of the colour a page shows behind a place: `backgrounds` are the computed
 * backgrounds of the place's elements, nearest first, up to the root: of each, its
 * `background-image` (`none`, or gradients, read by their colours) then its `background-color`.
 * They are read up to the first opaque one, the translucent ones before it drawn over it. A
 * picture is read as its element's colour where that is opaque (a site's pattern on its page's
 * colour). Undefined where none is opaque (the canvas shows: see {@link canvasScheme});
 * `unreadable` where one before cannot be read (a picture on no colour, a colour space not
 * known), which may hide the canvas too. An empty value (jsdom computes none) is transparent.
 */
export function schemeOfBackgrounds(
  backgrounds: Iterable<string>,
): ColourScheme | 'unreadable' | undefined {
  const veils: Colour[] = [];
  /** The value before was a picture: this one, its element's colour, must be opaque. */
  let underPicture = false;
  for (const background of backgrounds) {
    const colour =
      background === '' || background === 'none'
        ? parseColour('transparent')
        : (parseColour(background) ?? colourOfGradients(background));
    if (!colour) {
      if (underPicture || !PICTURE.test(background)) return 'unreadable';
      underPicture = true;
      continue;
    }
    if (underPicture && colour.alpha < 1) return 'unreadable';
    underPicture = false;
    if (colour.alpha === 0) continue;
    if (colour.alpha < 1) {
      veils.push(colour);
      continue;
    }
    const shown = veils.reduceRight((under, veil) => blend(veil, under), colour);
    return relativeLuminance(shown) <= DARK_PAGE_MAX_LUMINANCE ? 'dark' : 'light';
  }
  return undefined;
}

/** An invert() in a computed `filter`, its amount and whether that is a percentage. */
const INVERT_FILTER = /invert\(\s*([\d.]+)(%?)\s*\)/g;

/**
 * Whether computed `filters` (an element's and its containers', in any order) show its colours
 * turned round: a dark mode made by inverting a light page (`invert(1) hue-rotate(180deg)` on the
 * root, a site's switch or a dark-mode extension's filter mode). An invert of half or more turns
 * light into dark; two of them turn it back.
 */
export function invertsColours(filters: Iterable<string>): boolean {
  let inverted = false;
  for (const filter of filters) {
    for (const [, amount, percent] of filter.matchAll(INVERT_FILTER)) {
      if (Number.parseFloat(amount!) / (percent ? 100 : 1) >= 0.5) inverted = !inverted;
    }
  }
  return inverted;
}

/** What a page declares of its schemes, and what the reader's system prefers. */
export interface CanvasSchemeInput {
  /** The root element's computed `color-scheme` (`normal` where it declares none). */
  rootColorScheme: string;
  /** The content of the page's `<meta name="color-scheme">`, if any: used where the root's is normal. */
  metaColorScheme: string;
  /** The system asks for dark (`prefers-color-scheme: dark`). */
  prefersDark: boolean;
}

/**
 * The scheme of the page's canvas, drawn where no element has a background: the system's
 * preferred scheme where the page supports it, else the one it supports; light where it declares
 * none (browsers draw such a page light whatever the system prefers).
 */
export function canvasScheme({
  rootColorScheme,
  metaColorScheme,
  prefersDark,
}: CanvasSchemeInput): ColourScheme {
  const declared = ['', 'normal'].includes(rootColorScheme.trim())
    ? metaColorScheme
    : rootColorScheme;
  const supported = declared.toLowerCase().split(/\s+/);
  const supportsLight = supported.includes('light');
  const supportsDark = supported.includes('dark');
  if (supportsDark && (prefersDark || !supportsLight)) return 'dark';
  return 'light';
}
