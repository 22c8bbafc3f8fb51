import { DEFAULT_LOCALE, reactionName, translate, type Locale } from '../core/i18n';
import { REACTION_EMOJI, REACTIONS, type Reaction } from '../core/reactions';
import { formatCount } from '../core/format-count';
import { rovingFocusTarget } from '../core/roving-focus';
import { formatPercent, summarizeMood, type ReactionCounts } from '../core/summarize-mood';

/** Segments narrower than this many percent show no emoji (it would not fit). */
const MIN_LABELLED_PERCENT = 12;

/**
 * Draws one period's reactions as a stacked bar (a segment per reaction, widths in percent),
 * with the same content in words as the bar's accessible name: in `locale`, numbers as
 * `numberLocale` writes them (the browser's language tag; by default `locale`).
 */
export function renderMoodBar(
  bar: HTMLElement,
  period: string,
  counts: ReactionCounts,
  locale: Locale = DEFAULT_LOCALE,
  numberLocale: string = locale,
): void {
  const doc = bar.ownerDocument;
  const summary = summarizeMood(counts, locale, numberLocale);
  bar.setAttribute('role', 'img');
  bar.setAttribute('aria-label', translate(locale, 'popupMoodBar', [period, summary.text]));
  if (summary.total === 0) {
    // The same words, shown: "No reactions" in the reader's language.
    const none = doc.createElement('span');
    none.className = 'mood-none';
    none.textContent = summary.text;
    bar.replaceChildren(none);
    return;
  }
  bar.replaceChildren(
    ...summary.segments.map((segment) => {
      const part = doc.createElement('span');
      part.className = 'mood-segment';
      part.dataset.reaction = segment.reaction;
      part.style.width = `${segment.percent}%`;
      part.title = translate(locale, 'popupMoodSegment', [
        REACTION_EMOJI[segment.reaction],
        reactionName(locale, segment.reaction),
        formatCount(segment.count, numberLocale),
        formatPercent(segment, summary.total, numberLocale),
      ]);
      if (segment.percent >= MIN_LABELLED_PERCENT)
        part.textContent = REACTION_EMOJI[segment.reaction];
      return part;
    }),
  );
}

/**
 * The filter chips: "All" and one toggle per reaction with its all-time count, in `locale`, the
 * counts as `numberLocale` writes them (the browser's language tag; by default `locale`). Built
 * on the first call and updated in place afterwards, so keyboard focus stays where it is.
 * Pressing the pressed chip again, or "All", clears the filter. The chips are one Tab stop (the
 * chip last focused; the pressed one once drawn with focus elsewhere), and the arrow keys, Home
 * and End move between them, as in the toolbars.
 */
export function renderFilterChips(
  group: HTMLElement,
  counts: ReactionCounts,
  selected: Reaction | undefined,
  onSelect: (reaction: Reaction | undefined) => void,
  locale: Locale = DEFAULT_LOCALE,
  numberLocale: string = locale,
): void {
  const doc = group.ownerDocument;
  if (group.children.length === 0) {
    for (const reaction of [undefined, ...REACTIONS]) {
      const button = doc.createElement('button');
      button.type = 'button';
      button.className = 'chip';
      button.dataset.reaction = reaction ?? '';
      button.addEventListener('click', (event) => {
        // The second click of a double-click (detail 2, 3…) is the same press again, not one that
        // clears the filter the first set.
        if (event.detail > 1) return;
        const pressed = button.getAttribute('aria-pressed') === 'true';
        onSelect(reaction === undefined || pressed ? undefined : reaction);
      });
      group.append(button);
    }
    const chips = () => [...group.querySelectorAll<HTMLButtonElement>('button.chip')];
    group.addEventListener('keydown', (event) => {
      rovingFocusTarget(event, chips(), group)?.focus();
    });
    group.addEventListener('focusin', (event) => {
      for (const chip of chips()) chip.tabIndex = chip === event.target ? 0 : -1;
    });
  }
  const total = REACTIONS.reduce((sum, reaction) => sum + counts[reaction], 0);
  for (const button of group.querySelectorAll<HTMLButtonElement>('button.chip')) {
    const reaction = (button.dataset.reaction || undefined) as Reaction | undefined;
    const count = formatCount(reaction ? counts[reaction] : total, numberLocale);
    const all = translate(locale, 'popupFilterAll', [count]);
    button.textContent = reaction ? `${REACTION_EMOJI[reaction]} ${count}` : all;
    // The accessible name must contain the visible text ("All 3"), or speech input cannot name it.
    button.setAttribute(
      'aria-label',
      reaction
        ? translate(locale, 'popupFilterReaction', [reactionName(locale, reaction), count])
        : all,
    );
    button.setAttribute('aria-pressed', String(reaction === selected));
    // Focus among the chips keeps the Tab stop where it is; from elsewhere, Tab comes back to
    // the filter shown.
    if (!group.contains(doc.activeElement)) button.tabIndex = reaction === selected ? 0 : -1;
  }
}
