import { isReaction, REACTIONS, type Reaction } from './reactions';

/** Where the toolbar goes: after the article body, or behind a small floating button. */
export const PLACEMENTS = ['inline', 'floating'] as const;
export type Placement = (typeof PLACEMENTS)[number];

/** The toolbar's colours: the system's light or dark scheme, or always one of them. */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** The reader's choices on the options page, kept in extension storage under SETTINGS_KEY. */
export interface Settings {
  /** The reactions the toolbar offers, in order: at least one, none twice. */
  reactions: Reaction[];
  placement: Placement;
  theme: Theme;
}

/** The key under which the extension's local storage keeps the settings. */
export const SETTINGS_KEY = 'settings';

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  reactions: [...REACTIONS],
  placement: 'inline',
  theme: 'system',
});

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/**
 * Settings as read from storage, which may hold anything (an older version's shape, a
 * hand-edited value): each field that is not valid falls back to its default on its own.
 * Unknown and repeated reactions are dropped; a list left empty means the default list.
 */
export function parseSettings(value: unknown): Settings {
  const stored =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const reactions = Array.isArray(stored.reactions)
    ? [...new Set(stored.reactions.filter(isReaction))]
    : [];
  return {
    reactions: reactions.length > 0 ? reactions : [...DEFAULT_SETTINGS.reactions],
    placement: isOneOf(PLACEMENTS, stored.placement)
      ? stored.placement
      : DEFAULT_SETTINGS.placement,
    theme: isOneOf(THEMES, stored.theme) ? stored.theme : DEFAULT_SETTINGS.theme,
  };
}

/**
 * The reactions in the order the options page lists them: the shown ones in their order, then
 * the hidden ones in the default order.
 */
export function orderAllReactions(shown: readonly Reaction[]): Reaction[] {
  return [...shown, ...REACTIONS.filter((reaction) => !shown.includes(reaction))];
}
