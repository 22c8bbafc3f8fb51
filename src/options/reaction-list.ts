import { reactionName, translate, type Locale } from '../core/i18n';
import { REACTION_EMOJI, type Reaction } from '../core/reactions';

/** What the list shows: every reaction in the reader's order, and which of them are on. */
export interface ReactionListState {
  order: Reaction[];
  shown: ReadonlySet<Reaction>;
}

/**
 * Draws the reactions as a list of checkboxes with "move up/down" buttons. `onChange` gets the
 * new state after each change, and the reaction a button moved; unticking the last reaction is
 * refused (`onRefused`). Focus stays on the control the reader used, across the redraw.
 */
export function renderReactionList(
  list: HTMLElement,
  state: ReactionListState,
  locale: Locale,
  onChange: (next: ReactionListState, moved?: Reaction) => void,
  onRefused: (message: string) => void,
): void {
  const doc = list.ownerDocument;
  const focusedId = doc.activeElement?.id;
  list.replaceChildren(
    ...state.order.map((reaction, index) => {
      const name = reactionName(locale, reaction);
      const item = doc.createElement('li');
      item.dataset.reaction = reaction;

      const checkbox = doc.createElement('input');
      checkbox.type = 'checkbox';
      checkbox.id = `show-${reaction}`;
      checkbox.checked = state.shown.has(reaction);
      checkbox.addEventListener('change', () => {
        const shown = new Set(state.shown);
        if (checkbox.checked) shown.add(reaction);
        else shown.delete(reaction);
        if (shown.size === 0) {
          checkbox.checked = true;
          onRefused(translate(locale, 'optionsAtLeastOne'));
          return;
        }
        onChange({ order: state.order, shown });
      });

      const label = doc.createElement('label');
      label.htmlFor = checkbox.id;
      const emoji = doc.createElement('span');
      emoji.className = 'emoji';
      emoji.setAttribute('aria-hidden', 'true');
      emoji.textContent = REACTION_EMOJI[reaction];
      label.append(emoji, name);

      const move = (direction: 'up' | 'down', offset: number, text: string, arrow: string) => {
        const button = doc.createElement('button');
        button.type = 'button';
        button.id = `move-${direction}-${reaction}`;
        button.textContent = arrow;
        button.setAttribute('aria-label', text);
        button.title = text;
        const target = index + offset;
        // Not `disabled`, which would drop focus: Enter held down at the end of the list would
        // go on through the other arrow and take the reaction back the way it came.
        const atEnd = target < 0 || target >= state.order.length;
        button.setAttribute('aria-disabled', String(atEnd));
        button.addEventListener('click', () => {
          if (atEnd) return;
          const order = [...state.order];
          [order[index], order[target]] = [order[target]!, order[index]!];
          onChange({ order, shown: state.shown }, reaction);
        });
        return button;
      };

      item.append(
        checkbox,
        label,
        move('up', -1, translate(locale, 'optionsMoveUp', [name]), '↑'),
        move('down', 1, translate(locale, 'optionsMoveDown', [name]), '↓'),
      );
      return item;
    }),
  );
  if (focusedId) doc.getElementById(focusedId)?.focus();
}

/** The reactions to store: the ticked ones, in the list's order. */
export function shownInOrder(state: ReactionListState): Reaction[] {
  return state.order.filter((reaction) => state.shown.has(reaction));
}
