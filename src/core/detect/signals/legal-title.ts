import type { PageFacts } from '../read-page-facts';

/**
 * Titles of legal pages (terms, privacy, imprint, cookies) in the languages of the sites served:
 * long text, but never an article.
 */
const LEGAL_TITLE =
  /\b(?:terms (?:of (?:service|use)|and conditions)|privacy (?:policy|notice|statement)|cookie (?:policy|notice)|legal notice|imprint|impressum|datenschutz\w*|nutzungsbedingungen|allgemeine geschäftsbedingungen|agb|mentions légales|conditions générales|politique de confidentialité|aviso legal|política de (?:privacidad|cookies)|términos y condiciones|condizioni (?:generali|d'uso)|informativa (?:sulla )?privacy|privacybeleid|algemene voorwaarden|polityka prywatności|regulamin)\b/i;

/** The page's title or main heading names a legal page. */
export function legalTitle({ doc, candidate }: PageFacts): number {
  return LEGAL_TITLE.test(doc.title) || LEGAL_TITLE.test(candidate.scan.firstHeading ?? '') ? 1 : 0;
}
