import type { PageFacts } from '../read-page-facts';
import { TITLE_SEPARATOR } from './listing-title';

/**
 * Names of legal pages (terms, privacy, imprint, cookies, a licence's text) in the languages of the
 * sites served. A licence is named as public licences (`GNU General Public License v3.0`, `Mozilla
 * Public License 2.0`: one word before, a version after) and licence agreements are, at the end of
 * the text: `Public license plates get a new look` heads a story.
 * Letters beyond ASCII as escapes (see CALL_TO_ACTION in find-body-end.ts): gesch\u00e4fts is
 * geschäfts, l\u00e9gales légales, prywatno\u015bci prywatności. Of the words `Datenschutz` starts,
 * only the pages' names: `Datenschutzrechtliche Bedenken` heads a story. Nor is a name joined to
 * the next word by a hyphen (`Datenschutz-Grundverordnung`, `AGB-\u00c4nderung`) one.
 */
const LEGAL_NAME =
  /\b(?:terms (?:of (?:service|use)|and conditions)|privacy (?:policy|notice|statement)|cookie (?:policy|notice)|legal notice|imprint|impressum|datenschutz(?:-?(?:erkl\u00e4rung|hinweise?|richtlinien?|bestimmungen|informationen?))?|(?:informationen|hinweise) zum datenschutz|nutzungsbedingungen|allgemeine gesch\u00e4ftsbedingungen|agb|mentions l\u00e9gales|conditions g\u00e9n\u00e9rales|politique de confidentialit\u00e9|aviso legal|pol\u00edtica de (?:privacidad|cookies)|t\u00e9rminos y condiciones|condizioni (?:generali|d'uso)|informativa (?:sulla )?privacy|privacybeleid|algemene voorwaarden|polityka prywatno\u015bci|regulamin|(?:(?:\p{L}+ )?public licen[cs]e|(?:end[- ]user |software )?licen[cs]e agreement)(?:,? (?:v(?:ersion)? ?)?\d+(?:\.\d+)*)?(?=\s*$))(?![\p{L}\p{N}]|-[\p{L}\p{N}])/iu;

/** Words a legal page's name may carry around it: `Our cookie policy`, `Website terms of use`. */
const MAX_OTHER_WORDS = 2;
const WORD = /[\p{L}\p{N}]/u;
/** Legal names that are also a story's topic, as headlines name it before a colon. */
const TOPIC_NAMES = /^(?:datenschutz|agb)$/i;

/**
 * Whether `text` is a legal page's name: it opens with one (`Privacy policy of Example Inc.`), or
 * says little else. A headline mentions one further in (`Meta fined over its privacy policy`),
 * or opens with a topic before a colon (`Datenschutz: Behörde rügt App`), where a legal page
 * goes on about itself (`Impressum: Angaben gemäß § 5 TMG`).
 */
function isLegalName(text: string): boolean {
  const match = LEGAL_NAME.exec(text);
  if (!match) return false;
  const before = text.slice(0, match.index);
  const after = text.slice(match.index + match[0].length);
  const isTopic = TOPIC_NAMES.test(match[0]) && /^\s*:/.test(after);
  if (!WORD.test(before) && !isTopic) return true;
  const otherWords = `${before} ${after}`.split(/\s+/).filter((word) => WORD.test(word));
  return otherWords.length <= MAX_OTHER_WORDS;
}

/**
 * A part of the page's title (`Privacy Policy | Example`), or its main heading, is a legal page's
 * name: long text, but never an article. A headline that mentions one is a story about it.
 */
export function legalTitle({ doc, candidate }: PageFacts): number {
  return doc.title.split(TITLE_SEPARATOR).some(isLegalName) ||
    isLegalName(candidate.scan.firstHeading ?? '')
    ? 1
    : 0;
}
