import type { PageFacts } from '../read-page-facts';

/**
 * Titles of legal pages (terms, privacy, imprint, cookies) in the languages of the sites served:
 * long text, but never an article. Letters beyond ASCII as escapes (see CALL_TO_ACTION in
 * find-body-end.ts): gesch\u00e4fts is geschäfts, l\u00e9gales légales, prywatno\u015bci prywatności.
 */
const LEGAL_TITLE =
  /\b(?:terms (?:of (?:service|use)|and conditions)|privacy (?:policy|notice|statement)|cookie (?:policy|notice)|legal notice|imprint|impressum|datenschutz\w*|nutzungsbedingungen|allgemeine gesch\u00e4ftsbedingungen|agb|mentions l\u00e9gales|conditions g\u00e9n\u00e9rales|politique de confidentialit\u00e9|aviso legal|pol\u00edtica de (?:privacidad|cookies)|t\u00e9rminos y condiciones|condizioni (?:generali|d'uso)|informativa (?:sulla )?privacy|privacybeleid|algemene voorwaarden|polityka prywatno\u015bci|regulamin)\b/i;

/** The page's title or main heading names a legal page. */
export function legalTitle({ doc, candidate }: PageFacts): number {
  return LEGAL_TITLE.test(doc.title) || LEGAL_TITLE.test(candidate.scan.firstHeading ?? '') ? 1 : 0;
}
