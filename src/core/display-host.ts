// The trailing slash asks for the package, not Node's deprecated built-in module of that name.
import { decode } from 'punycode/';

/** How an internationalized label starts in a host name (RFC 5890's A-label prefix). */
const A_LABEL_PREFIX = 'xn--';

/**
 * The scripts of the root zone's label generation rules (ICANN's Root Zone LGR): those that
 * domain names are written in. A label in a script not listed shows as punycode.
 */
const SCRIPTS = [
  'Arabic',
  'Armenian',
  'Bengali',
  'Cyrillic',
  'Devanagari',
  'Ethiopic',
  'Georgian',
  'Greek',
  'Gujarati',
  'Gurmukhi',
  'Hebrew',
  'Kannada',
  'Khmer',
  'Lao',
  'Latin',
  'Malayalam',
  'Myanmar',
  'Oriya',
  'Sinhala',
  'Tamil',
  'Telugu',
  'Thaana',
  'Thai',
  'Tibetan',
];
/** Languages written in scripts used together, each counted as one script (Unicode's UTS 39). */
const WRITTEN_TOGETHER = [
  ['Han', 'Hiragana', 'Katakana'],
  ['Han', 'Bopomofo'],
  ['Han', 'Hangul'],
];

/**
 * A label in one script (or one of WRITTEN_TOGETHER): its letters, marks and digits of the script
 * (by Script_Extensions, so that the long vowel mark ー counts as katakana), combining marks shared
 * by all scripts, and ASCII digits and hyphens. Made when a first label needs them.
 */
let oneScriptLabels: RegExp[] | undefined;

function isOneScript(label: string): boolean {
  oneScriptLabels ??= [...SCRIPTS.map((script) => [script]), ...WRITTEN_TOGETHER].map((scripts) => {
    const ofScripts = scripts.map((script) => `\\p{scx=${script}}`).join('');
    const character = `(?=[\\p{L}\\p{M}\\p{Nd}])[${ofScripts}]|(?=\\p{M})\\p{sc=Inherited}|[0-9-]`;
    return new RegExp(`^(?:${character})+$`, 'u');
  });
  return oneScriptLabels.some((oneScript) => oneScript.test(label));
}

const DECIMAL_DIGIT = /\p{Nd}/u;
/**
 * Catalan's middle dot (`col·legi`), no script's letter: IDNA allows it between two l only (RFC
 * 5892's CONTEXTO rule), where browsers show it too. Anywhere else it reads as a dot.
 */
const CATALAN_MIDDLE_DOT = /(?<=l)\u00b7(?=l)/g;

/**
 * Whether `label`'s decimal digits all count in one system (ASCII's, Devanagari's …): `१23` would
 * read as 123. Each system is a run of ten code points, from its zero up.
 */
function hasOneDigitSystem(label: string): boolean {
  const zeros = new Set<number>();
  for (const character of label) {
    if (!DECIMAL_DIGIT.test(character)) continue;
    const code = character.codePointAt(0)!;
    let runStart = code;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(runStart - 1))) runStart -= 1;
    zeros.add(code - ((code - runStart) % 10));
  }
  return zeros.size <= 1;
}

/** `label` in Unicode, or null where it is not a label that is safe to show so. */
function decodeLabel(label: string): string | null {
  let decoded: string;
  try {
    decoded = decode(label.slice(A_LABEL_PREFIX.length));
  } catch {
    // Punycode that overflows, or names no code point (RangeError).
    return null;
  }
  // Mixed scripts can spell one name in another's letters (a Cyrillic а in "pаypal"): as
  // browsers do in the address bar (Chrome's IDN policy, Firefox's restriction profile), such a
  // label shows as punycode, which is no worse than before. One whole script can still look like
  // another (Cyrillic "асе"); the browser, which warns of those, is the place for that. Digits
  // of two systems (`१23`) are refused alike, as Firefox and Chrome refuse them.
  const letters = decoded.replace(CATALAN_MIDDLE_DOT, '');
  if (!isOneScript(letters) || !hasOneDigitSystem(decoded)) return null;
  // What is shown must lead back to this very host: the browser's own IDNA mapping refuses
  // labels no browser makes (plain ASCII in disguise, upper case, another normalization form).
  try {
    return new URL(`http://${decoded}/`).hostname === label ? decoded : null;
  } catch {
    return null;
  }
}

/**
 * `host` (as the URL parser writes one: lower case, IDN in punycode) as a reader should see it:
 * each label in punycode that is valid, in one script and of one digit system decoded
 * (`xn--bcher-kva.de` as `bücher.de`), others as they are. For showing only: keys, storage and
 * matching keep the ASCII host. Never throws.
 */
export function displayHost(host: string): string {
  if (!host.includes(A_LABEL_PREFIX)) return host;
  return host
    .split('.')
    .map((label) => (label.startsWith(A_LABEL_PREFIX) && decodeLabel(label)) || label)
    .join('.');
}
