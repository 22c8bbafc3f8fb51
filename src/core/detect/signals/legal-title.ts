import type { PageFacts } from '../read-page-facts';
import { TITLE_SEPARATOR } from './listing-title';

/**
 * Names of legal pages (terms, privacy, imprint, cookies, a licence's text) in the languages of the
 * sites served. A public licence is named with its version, at the end of the text (`GNU General
 * Public License v3.0`, `Mozilla Public License 2.0`): `Public license plates get a new look` and
 * `Rethinking the General Public License` head stories. A licence agreement, see
 * {@link LICENCE_AGREEMENT}.
 * Letters beyond ASCII as escapes (see CALL_TO_ACTION in find-body-end.ts): gesch\u00e4fts is
 * geschäfts, l\u00e9gales légales, prywatno\u015bci prywatności. Of the words `Datenschutz` starts,
 * only the pages' names: `Datenschutzrechtliche Bedenken` heads a story. Nor is a name joined to
 * the next word by a hyphen (`Datenschutz-Grundverordnung`, `AGB-\u00c4nderung`) one.
 * Matched against the text in lower case, without the `i` and `u` flags: with them, the browser
 * takes milliseconds to compile this pattern on every page (2.7-11 ms against 0.7-1.1 ms in
 * headless Chromium); {@link JOINED_AFTER} checks what follows a name.
 */
const LEGAL_NAME =
  /\b(?:terms (?:of (?:service|use)|and conditions)|privacy (?:policy|notice|statement)|cookie (?:policy|notice)|legal notice|imprint|impressum|datenschutz(?:-?(?:erkl\u00e4rung|hinweise?|richtlinien?|bestimmungen|informationen?))?|(?:informationen|hinweise) zum datenschutz|nutzungsbedingungen|allgemeine gesch\u00e4ftsbedingungen|agb|mentions l\u00e9gales|conditions g\u00e9n\u00e9rales|politique de confidentialit\u00e9|aviso legal|pol\u00edtica de (?:privacidad|cookies)|t\u00e9rminos y condiciones|condizioni (?:generali|d'uso)|informativa (?:sulla )?privacy|privacybeleid|algemene voorwaarden|polityka prywatno\u015bci|regulamin|(?:\S+ )?public licen[cs]e,? (?:v(?:ersion)? ?)?\d+(?:\.\d+)*(?=\s*$))/g;

/**
 * A licence agreement's page is named that and nothing more (`End User License Agreement`): a
 * headline adds who signed one (`Pfizer signs licence agreement`).
 */
const LICENCE_AGREEMENT = /^(?:(?:end[- ]user|software) )?licen[cs]e agreement$/;

/** Words a legal page's name may carry around it: `Our cookie policy`, `Website terms of use`. */
const MAX_OTHER_WORDS = 2;
const WORD = /[\p{L}\p{N}]/u;
/** What joins a name to a longer word after it: a letter or digit, or a hyphen and one. */
const JOINED_AFTER = /^-?[\p{L}\p{N}]/u;
/** Legal names that are also a story's topic, as headlines name it before a colon. */
const TOPIC_NAMES = /^(?:datenschutz|agb)$/i;

/**
 * Whether `text` is a legal page's name: it opens with one (`Privacy policy of Example Inc.`), or
 * says little else. A headline mentions one further in (`Meta fined over its privacy policy`),
 * or opens with a topic before a colon (`Datenschutz: Behörde rügt App`), where a legal page
 * goes on about itself (`Impressum: Angaben gemäß § 5 TMG`).
 */
function isLegalName(title: string): boolean {
  const text = title.toLowerCase();
  if (LICENCE_AGREEMENT.test(text.trim())) return true;
  const match = findLegalName(text);
  if (!match) return false;
  const before = text.slice(0, match.index);
  const after = text.slice(match.index + match[0].length);
  const isTopic = TOPIC_NAMES.test(match[0]) && /^\s*:/.test(after);
  if (!WORD.test(before) && !isTopic) return true;
  const otherWords = `${before} ${after}`.split(/\s+/).filter((word) => WORD.test(word));
  return otherWords.length <= MAX_OTHER_WORDS;
}

/** The first legal page's name in `text` (in lower case) that is a word of its own. */
function findLegalName(text: string): RegExpExecArray | null {
  LEGAL_NAME.lastIndex = 0;
  for (let match = LEGAL_NAME.exec(text); match; match = LEGAL_NAME.exec(text)) {
    if (!JOINED_AFTER.test(text.slice(LEGAL_NAME.lastIndex, LEGAL_NAME.lastIndex + 2))) {
      return match;
    }
  }
  return null;
}

/**
 * A part of the page's title (`Privacy Policy | Example`), or its main heading, is a legal page's
 * name: long text, but never an article. A headline that mentions one is a story about it.
 */
export function legalTitle({ title, candidate }: PageFacts): number {
  return title.split(TITLE_SEPARATOR).some(isLegalName) ||
    isLegalName(candidate.scan.firstHeading ?? '')
    ? 1
    : 0;
}
