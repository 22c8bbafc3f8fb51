/**
 * Characters that draw nothing: spaces, zero-width and bidi controls, fillers (Hangul's are
 * default-ignorable; Braille's blank pattern, U+2800, is a letter that shows as a space).
 */
const BLANK_TEXT = /^[\s\p{Default_Ignorable_Code_Point}\u2800]*$/u;

/** Whether `text` (a page-supplied title) would show as blank: nothing to see, click or hear. */
export function isBlankText(text: string): boolean {
  return BLANK_TEXT.test(text);
}
