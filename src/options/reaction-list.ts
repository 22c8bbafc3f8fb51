import { reactionName, translate, type Locale } from '../core/i18n';
import { REACTION_EMOJI, type Reaction } from '../core/reactions';

/** What the list shows: every reaction in the reader's order, and which of them are on. */
export interface ReactionListState {
  order: Reaction[];
  shown: ReadonlySet<Reaction>;
}

/** What a list was last drawn with: its controls act on the state it shows now. */
interface Drawn {
  state: ReactionListState;
  locale: Locale;
  onChange: (next: ReactionListState, moved?: Reaction) => void;
  onRefused: (message: string) => void;
}
const drawnLists = new WeakMap<HTMLElement, Drawn>();
/** The reaction an arrow of a list last moved (or was pressed for at the end), and which way. */
const lastMoves = new WeakMap<HTMLElement, { reaction: Reaction; direction: 'up' | 'down' }>();

/**
 * Draws the reactions as a list of checkboxes with "move up/down" buttons. `onChange` gets the
 * new state after each change, and the reaction a button moved; unticking the last reaction is
 * refused (`onRefused`). Focus stays on the control the reader used, across the redraw; where no
 * reaction moved, the controls stay the same elements: one put in anew and focused would be
 * spoken again by screen readers after the change it made.
 */
export function renderReactionList(
  list: HTMLElement,
  state: ReactionListState,
  locale: Locale,
  onChange: (next: ReactionListState, moved?: Reaction) => void,
  onRefused: (message: string) => void,
): void {
  const last = drawnLists.get(list);
  drawnLists.set(list, { state, locale, onChange, onRefused });
  const items = [...list.children] as HTMLElement[];
  if (
    last?.locale === locale &&
    items.map((item) => item.dataset.reaction).join() === state.order.join()
  ) {
    for (const checkbox of list.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')) {
      checkbox.checked = state.shown.has(checkbox.closest('li')!.dataset.reaction as Reaction);
    }
    return;
  }
  const current = () => drawnLists.get(list)!;
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
        const { state, onChange, onRefused } = current();
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
        // Named by its tooltip alone, the arrow unspoken: an aria-label repeating the tooltip
        // is said twice, as name and description (NVDA: nvaccess/nvda#7841).
        const glyph = doc.createElement('span');
        glyph.setAttribute('aria-hidden', 'true');
        glyph.textContent = arrow;
        button.append(glyph);
        button.title = text;
        const target = index + offset;
        // Not `disabled`, which would drop focus: Enter held down at the end of the list would
        // go on through the other arrow and take the reaction back the way it came.
        const atEnd = target < 0 || target >= state.order.length;
        button.setAttribute('aria-disabled', String(atEnd));
        button.addEventListener('click', (click) => {
          // The list redraws at once: the next click of a double or triple click (detail 2, 3…)
          // lands on the neighbour's arrow, moved into the place. It moves on the reaction the
          // first one moved, as meant, rather than taking that one back; focus goes with it.
          const last = lastMoves.get(list);
          const moving =
            click.detail > 1 && last?.direction === direction ? last.reaction : reaction;
          lastMoves.set(list, { reaction: moving, direction });
          if (moving !== reaction) doc.getElementById(`move-${direction}-${moving}`)?.focus();
          // The list in this order, drawn since with other reactions ticked.
          const { state, onChange } = current();
          const from = state.order.indexOf(moving);
          const to = from + offset;
          if (to < 0 || to >= state.order.length) return;
          const order = [...state.order];
          [order[from], order[to]] = [order[to]!, order[from]!];
          onChange({ order, shown: state.shown }, moving);
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
