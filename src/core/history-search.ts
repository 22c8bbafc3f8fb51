/**
 * The popup's search box and reaction chips, read as one history search: a reaction's emoji
 * typed alone in the box (😂) asks for that reaction, as its chip does; beside words, it parts
 * them, which are searched (parseQuery).
 */

import { REACTION_EMOJI, REACTIONS, type Reaction } from './reactions';
import { parseQuery } from './search-terms';

export interface HistorySearch {
  /** The text to search for words: the query without its reaction emoji; undefined: no word. */
  query: string | undefined;
  /** The reaction asked for: the chip pressed, else the one whose emoji is all that was typed. */
  reaction: Reaction | undefined;
  /**
   * Whether no vote can match: two reactions asked for (a chip and another's emoji, or two
   * emoji), where each vote has one.
   */
  matchesNothing: boolean;
}

/** Each reaction's emoji without its variation selector (❤️ as ❤), as typed it may lack it. */
const REACTION_OF_EMOJI: ReadonlyMap<string, Reaction> = new Map(
  REACTIONS.map((reaction) => [REACTION_EMOJI[reaction].replace(/\ufe0f/g, ''), reaction]),
);
/** The reactions whose emoji take a skin tone (👍🏽). */
const HANDS = ['👍', '👎'];
const FACES_AND_HEART = [...REACTION_OF_EMOJI.keys()].filter((emoji) => !HANDS.includes(emoji));
const SKIN_TONE = '\\u{1f3fb}-\\u{1f3ff}';
/** Text (U+FE0E) and emoji (U+FE0F) presentation selectors, either of which may follow. */
const PRESENTATION = '\\ufe0e\\ufe0f';
/**
 * A reaction's emoji as typed: with or without a presentation selector, a hand with a skin tone,
 * but not as part of another emoji joined to it (😮‍💨, ❤️‍🔥, 👩‍❤️‍👨), which is not the reaction.
 */
const TYPED_REACTION = new RegExp(
  `(?<!\\u200d)(?:([${HANDS.join('')}])[${SKIN_TONE}${PRESENTATION}]*|` +
    `([${FACES_AND_HEART.join('')}])[${PRESENTATION}]*)` +
    `(?![${SKIN_TONE}${PRESENTATION}\\u200d])`,
  'gu',
);

/**
 * The search for `query` typed in the box with the chip `chip` pressed (undefined: none). A query
 * without a word to search or a reaction's emoji (`#`, `🎉`) is no search: every vote matches.
 * A reaction's emoji asks for its reaction only typed alone: beside words it is most likely part
 * of a title pasted ("I ❤️ NY"), which must be found whatever reaction the reader gave it.
 */
export function readHistorySearch(query: string, chip: Reaction | undefined): HistorySearch {
  const typed = new Set<Reaction>();
  // Each emoji parts words as a space does: "ferry😂bay" is "ferry" and "bay".
  const text = query.replace(TYPED_REACTION, (_, hand?: string, other?: string) => {
    typed.add(REACTION_OF_EMOJI.get(hand ?? other ?? '')!);
    return ' ';
  });
  const hasWords = parseQuery(text).length > 0;
  const asked = new Set(chip ? [chip] : []);
  if (!hasWords) for (const reaction of typed) asked.add(reaction);
  const [reaction] = asked;
  return {
    query: hasWords ? text.trim() : undefined,
    reaction,
    matchesNothing: asked.size > 1,
  };
}

/** Whether `search` narrows the history (a match may be told), unlike a blank search box. */
export function isNarrowed(search: HistorySearch): boolean {
  return search.query !== undefined || search.reaction !== undefined;
}
