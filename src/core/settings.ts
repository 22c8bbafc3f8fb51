import { isReaction, REACTIONS, type Reaction } from './reactions';

/** Where the toolbar goes: after the article body, or behind a small floating button. */
export const PLACEMENTS = ['inline', 'floating'] as const;
export type Placement = (typeof PLACEMENTS)[number];

/**
 * The toolbar's colours: 'system' (the default) takes the page's light or dark where the toolbar
 * is placed (the system's where the page shows none: content/page-scheme.ts), or always one of
 * them. The name stays as stored by earlier versions.
 */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** The reader's choices on the options page, kept in extension storage under SETTINGS_KEY. */
export interface Settings {
  /** The reactions the toolbar offers, in order: at least one, none twice. */
  reactions: Reaction[];
  /**
   * All seven reactions in the order the options page lists them: those in `reactions` in theirs,
   * the hidden ones where the reader left them, so that one ticked again comes back there.
   */
  order: Reaction[];
  placement: Placement;
  theme: Theme;
}

/** The key under which the extension's local storage keeps the settings. */
export const SETTINGS_KEY = 'settings';

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  reactions: [...REACTIONS],
  order: [...REACTIONS],
  placement: 'inline',
  theme: 'system',
});

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/** The reactions in `value` if it is a list, each once, without anything else. */
function readReactions(value: unknown): Reaction[] {
  return Array.isArray(value) ? [...new Set(value.filter(isReaction))] : [];
}

/**
 * All seven reactions in the order stored (`stored`, completed in the default order), with the
 * places of the shown ones filled by `shown` in its order; without a stored order, as
 * orderAllReactions lists them.
 */
function fitOrder(shown: readonly Reaction[], stored: readonly Reaction[]): Reaction[] {
  if (stored.length === 0) return orderAllReactions(shown);
  const next = shown[Symbol.iterator]();
  return orderAllReactions(stored).map((reaction) =>
    shown.includes(reaction) ? next.next().value! : reaction,
  );
}

/**
 * Settings as read from storage, which may hold anything (an older version's shape, a
 * hand-edited value): each field that is not valid falls back to its default on its own.
 * Unknown and repeated reactions are dropped; a list left empty means the default list.
 */
export function parseSettings(value: unknown): Settings {
  const stored =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const shown = readReactions(stored.reactions);
  const reactions = shown.length > 0 ? shown : [...DEFAULT_SETTINGS.reactions];
  return {
    reactions,
    order: fitOrder(reactions, readReactions(stored.order)),
    placement: isOneOf(PLACEMENTS, stored.placement)
      ? stored.placement
      : DEFAULT_SETTINGS.placement,
    theme: isOneOf(THEMES, stored.theme) ? stored.theme : DEFAULT_SETTINGS.theme,
  };
}

/**
 * The settings to store for a change the reader made (`change`, each field checked as
 * parseSettings reads it) over those stored now (`stored`, as read). Every field the change
 * leaves alone is kept as stored, a newer version's too (a field, or a theme, this one does not
 * know, read as the default meanwhile): a version rolled back (a release withdrawn) must not take
 * away what the reader chose in the newer one.
 */
export function changeSettings(
  stored: unknown,
  change: { [Field in keyof Settings]?: unknown },
): Record<string, unknown> {
  const kept =
    typeof stored === 'object' && stored !== null && !Array.isArray(stored)
      ? (stored as Record<string, unknown>)
      : {};
  const untouched = Object.entries(kept).filter(([field]) => !Object.hasOwn(change, field));
  return { ...parseSettings({ ...kept, ...change }), ...Object.fromEntries(untouched) };
}

/**
 * The reactions in the order the options page lists them: the shown ones in their order, then
 * the hidden ones in the default order.
 */
export function orderAllReactions(shown: readonly Reaction[]): Reaction[] {
  return [...shown, ...REACTIONS.filter((reaction) => !shown.includes(reaction))];
}
