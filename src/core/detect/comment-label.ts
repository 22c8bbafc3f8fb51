/** A label over readers' comments is shorter than this ("22 Comments", "Kommentare (4)"). */
export const MAX_COMMENT_LABEL_CHARS = 40;

/**
 * A label over readers' comments, in the languages of the sites served: the plural alone, after a
 * count, or before one in brackets; the singular only with a count ("1 Comment"), since alone it
 * labels an opinion piece ("Kommentar", "Commentaire"). Letters beyond ASCII are escapes, as in
 * every regular expression of the content script (see `CALL_TO_ACTION` in find-body-end.ts).
 */
export const COMMENT_LABEL =
  /^(?:(?:\d+\s+)?(?:comments|responses|replies|kommentare|kommentarer|comentarios|coment\u00e1rios|commentaires|commenti|reacties|komentarze|komentarzy)\s*(?:\(\d+\))?|\d+\s+(?:comment|response|reply|kommentar|comentario|coment\u00e1rio|commentaire|commento|reactie|komentarz)|(?:comment|response|reply|kommentar|comentario|coment\u00e1rio|commentaire|commento|reactie|komentarz)\s*\(\d+\)):?$/i;

/** A word of {@link COMMENT_LABEL} in a text: only a text with one may be part of a label. */
const COMMENT_WORD = /comment|respons|repl[iy]|kommentar|coment|komentarz|reactie/i;

/**
 * Whether `text` may be a comment label or a piece of one ("Comments" of "<b>22</b> Comments"):
 * short once trimmed, with a word for comments.
 */
export function mayLabelComments(text: string): boolean {
  // Most texts are short: only a long one is trimmed (a copy) to be measured.
  const isShort =
    text.length <= MAX_COMMENT_LABEL_CHARS || text.trim().length <= MAX_COMMENT_LABEL_CHARS;
  return isShort && COMMENT_WORD.test(text);
}
