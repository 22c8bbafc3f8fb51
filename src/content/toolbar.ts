import { nextReaction, REACTION_EMOJI, REACTIONS, type Reaction } from '../core/reactions';
import styles from './toolbar.css';

/** The element placed in the page; everything else lives in its closed shadow root. */
export const TOOLBAR_TAG = 'moodmark-toolbar';

export interface ToolbarOptions {
  /**
   * Stores the reader's choice (null clears it) and resolves with the reaction that is stored
   * afterwards. Called only for the reader's own clicks and key presses.
   */
  choose(reaction: Reaction | null): Promise<Reaction | null>;
}

export interface Toolbar {
  /** The element to insert into the page. */
  readonly host: HTMLElement;
  /** Shows `reaction` as selected (null: none) and marks the toolbar ready. */
  show(reaction: Reaction | null): void;
  /** Tells the reader something went wrong; cleared by the next successful choice. */
  showError(message: string): void;
}

/** Inline `!important` on the host beats any page stylesheet, even one with `!important`. */
const HOST_STYLE: Record<string, string> = {
  display: 'block',
  visibility: 'visible',
  opacity: '1',
  position: 'static',
  transform: 'none',
  filter: 'none',
  'pointer-events': 'auto',
};

/**
 * Builds the reaction toolbar: seven toggle buttons in one keyboard tab stop, in a closed
 * shadow root so that page styles and scripts cannot reach in, and ours cannot leak out.
 */
export function createToolbar(doc: Document, { choose }: ToolbarOptions): Toolbar {
  const host = doc.createElement(TOOLBAR_TAG);
  for (const [property, value] of Object.entries(HOST_STYLE)) {
    host.style.setProperty(property, value, 'important');
  }
  const root = host.attachShadow({ mode: 'closed', delegatesFocus: true });

  const style = doc.createElement('style');
  style.textContent = styles;

  const panel = doc.createElement('section');
  panel.className = 'toolbar';
  panel.setAttribute('aria-labelledby', 'moodmark-prompt');

  const prompt = doc.createElement('p');
  prompt.className = 'prompt';
  prompt.id = 'moodmark-prompt';
  prompt.textContent = "What's your reaction?";

  const group = doc.createElement('div');
  group.className = 'reactions';
  group.setAttribute('role', 'toolbar');
  group.setAttribute('aria-labelledby', 'moodmark-prompt');

  const status = doc.createElement('p');
  status.className = 'status';
  status.setAttribute('role', 'status');

  const buttons = REACTIONS.map((reaction) => {
    const button = doc.createElement('button');
    button.type = 'button';
    button.dataset.reaction = reaction;
    button.setAttribute('aria-pressed', 'false');
    button.tabIndex = -1;
    const emoji = doc.createElement('span');
    emoji.className = 'emoji';
    emoji.setAttribute('aria-hidden', 'true');
    emoji.textContent = REACTION_EMOJI[reaction];
    const name = doc.createElement('span');
    name.textContent = reaction;
    button.append(emoji, name);
    return button;
  });
  group.append(...buttons);
  panel.append(prompt, group, status);
  root.append(style, panel);

  let current: Reaction | null = null;
  let latestRequest = 0;

  function render(reaction: Reaction | null): void {
    current = reaction;
    for (const button of buttons) {
      button.setAttribute('aria-pressed', String(button.dataset.reaction === reaction));
    }
    if (reaction) host.dataset.reaction = reaction;
    else delete host.dataset.reaction;
    // The selected button, or the first, is the group's one tab stop (roving tabindex).
    const stop = buttons.find((button) => button.dataset.reaction === reaction) ?? buttons[0];
    for (const button of buttons) button.tabIndex = button === stop ? 0 : -1;
  }

  function focusButton(index: number): void {
    const target = buttons[(index + buttons.length) % buttons.length];
    if (!target) return;
    for (const button of buttons) button.tabIndex = button === target ? 0 : -1;
    target.focus();
  }

  async function react(clicked: Reaction): Promise<void> {
    const previous = current;
    const wanted = nextReaction(current, clicked);
    const request = ++latestRequest;
    render(wanted);
    try {
      const stored = await choose(wanted);
      if (request === latestRequest) {
        status.textContent = '';
        render(stored);
      }
    } catch (error) {
      if (request !== latestRequest) return;
      render(previous);
      status.textContent = `Your reaction was not saved: ${
        error instanceof Error ? error.message : String(error)
      }`;
    }
  }

  group.addEventListener('click', (event) => {
    // A page script can dispatch clicks, but only the reader's own input is trusted.
    if (!event.isTrusted) return;
    const button = (event.target as Element | null)?.closest('button');
    const reaction = button?.dataset.reaction as Reaction | undefined;
    if (reaction) void react(reaction);
  });

  group.addEventListener('keydown', (event) => {
    const index = buttons.indexOf(event.target as HTMLButtonElement);
    if (index < 0) return;
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowDown: index + 1,
      ArrowLeft: index - 1,
      ArrowUp: index - 1,
      Home: 0,
      End: buttons.length - 1,
    };
    let move = moves[event.key];
    if (move === undefined) return;
    // In right-to-left text the row runs the other way, and so do the arrows.
    if (getComputedStyle(group).direction === 'rtl' && event.key.startsWith('Arrow')) {
      move = event.key === 'ArrowRight' ? index - 1 : event.key === 'ArrowLeft' ? index + 1 : move;
    }
    event.preventDefault();
    focusButton(move);
  });

  render(null);
  return {
    host,
    show(reaction) {
      render(reaction);
      host.dataset.ready = '';
    },
    showError(message) {
      status.textContent = message;
    },
  };
}
