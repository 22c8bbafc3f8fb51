/** The seven reactions, in the order the toolbar shows them. */
export const REACTIONS = ['like', 'dislike', 'love', 'funny', 'angry', 'sad', 'wow'] as const;

export type Reaction = (typeof REACTIONS)[number];

export const REACTION_EMOJI: Readonly<Record<Reaction, string>> = {
  like: '👍',
  dislike: '👎',
  love: '❤️',
  funny: '😂',
  angry: '😠',
  sad: '😢',
  wow: '😮',
};

export function isReaction(value: unknown): value is Reaction {
  return typeof value === 'string' && (REACTIONS as readonly string[]).includes(value);
}

/**
 * What a click on `clicked` does when `current` is selected: selects it, or clears it when it is
 * already the selected one (one click sets or switches, a second click on the same one undoes).
 */
export function nextReaction(current: Reaction | null, clicked: Reaction): Reaction | null {
  return current === clicked ? null : clicked;
}
