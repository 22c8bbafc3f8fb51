import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { answerMessage, createBackgroundCalls } from '../../src/background/calls';
import { callBackground, CallError, type SendMessage } from '../../src/protocol';
import {
  createToolbar,
  TOOLBAR_TAG,
  type Toolbar,
  type ToolbarOptions,
} from '../../src/content/toolbar';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import { reactionName } from '../../src/core/i18n';
import { REACTION_EMOJI, REACTIONS, type Reaction } from '../../src/core/reactions';

type JsdomImpl = { isTrusted: boolean; _dispatch(event: JsdomImpl): void };

/** jsdom's implementation object behind a DOM wrapper. */
function implOf(wrapper: object): JsdomImpl {
  const symbol = Object.getOwnPropertySymbols(wrapper).find((s) => s.description === 'impl');
  return (wrapper as Record<symbol, JsdomImpl>)[symbol!]!;
}

/**
 * An event as the reader's input makes it. Script cannot forge isTrusted (dispatchEvent clears
 * it), so dispatch through jsdom's implementation, the way the browser dispatches real input.
 */
function trusted(target: EventTarget, event: Event): Event {
  const impl = implOf(event);
  impl.isTrusted = true;
  implOf(target)._dispatch(impl);
  return event;
}

/** A pointer's click (detail 1); a key's click, Enter or Space on a button, has detail 0. */
function trustedClick(target: Element, detail = 1): void {
  trusted(target, new MouseEvent('click', { bubbles: true, composed: true, detail }));
}

function setUp(
  store: (reaction: Reaction | null) => Promise<Reaction | null> = async (r) => r,
  options: Partial<ToolbarOptions> = {},
) {
  // The real root is closed; open it here to look inside.
  const { attachShadow } = Element.prototype;
  const spy = vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (
    this: Element,
    init: ShadowRootInit,
  ) {
    return attachShadow.call(this, { ...init, mode: 'open' });
  });
  const choose = vi.fn(store);
  const toolbar = createToolbar(document, { choose, ...options });
  spy.mockRestore();
  document.body.replaceChildren(toolbar.host);
  const root = toolbar.host.shadowRoot!;
  const button = (reaction: Reaction) =>
    root.querySelector<HTMLButtonElement>(`button[data-reaction="${reaction}"]`)!;
  const pressed = () =>
    [...root.querySelectorAll('button[aria-pressed="true"]')].map(
      (b) => (b as HTMLElement).dataset.reaction,
    );
  return { toolbar, root, button, pressed, choose };
}

type ButtonOf = (reaction: Reaction) => HTMLButtonElement;

/**
 * The words and emoji `element` shows, drawn by CSS from its and its descendants' data-text (but
 * those drawn unseen, `.every-emoji`).
 */
function drawnText(element: Element | null): string {
  if (!element) return '';
  return [element, ...element.querySelectorAll('*')]
    .filter((each) => !each.classList.contains('every-emoji'))
    .map((each) => (each as HTMLElement).dataset.text ?? '')
    .join('');
}

/** What the toolbar's status region is given to say, each change as a screen reader hears it. */
function recordSaid(root: ShadowRoot): string[] {
  const said: string[] = [];
  new MutationObserver((records) => {
    for (const record of records) {
      said.push([...record.addedNodes].map((node) => node.textContent).join(''));
    }
  }).observe(root.querySelector('[role="status"]')!, {
    childList: true,
    characterData: true,
    subtree: true,
  });
  return said;
}

describe('createToolbar', () => {
  it('offers the seven reactions as named toggle buttons, in order', () => {
    const { root, toolbar } = setUp();
    expect(toolbar.host.localName).toBe(TOOLBAR_TAG);
    const buttons = [...root.querySelectorAll<HTMLButtonElement>('button[data-reaction]')];
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual([
      'like',
      'dislike',
      'love',
      'funny',
      'angry',
      'sad',
      'wow',
    ]);
    expect(buttons.every((b) => b.getAttribute('aria-pressed') === 'false')).toBe(true);
    expect(buttons.filter((b) => b.tabIndex === 0)).toHaveLength(1);
  });

  it('sets, switches and undoes with one click each', async () => {
    const { button, pressed, choose, toolbar } = setUp();
    toolbar.show(null);
    trustedClick(button('wow'));
    await vi.waitFor(() => expect(pressed()).toEqual(['wow']));
    trustedClick(button('love'));
    await vi.waitFor(() => expect(pressed()).toEqual(['love']));
    trustedClick(button('love'));
    await vi.waitFor(() => expect(pressed()).toEqual([]));
    expect(choose.mock.calls).toEqual([['wow'], ['love'], [null]]);
    expect(toolbar.host.dataset.reaction).toBeUndefined();
  });

  it('keeps the reaction a double-click chose: its second click does not undo it', async () => {
    const { button, pressed, choose, toolbar } = setUp();
    toolbar.show(null);
    // A double-click on a button: clicks with detail 1, then 2 (a triple-click's third has 3).
    for (const detail of [1, 2, 3]) trustedClick(button('love'), detail);
    await vi.waitFor(() => expect(choose).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(choose.mock.calls).toEqual([['love']]);
    expect(pressed()).toEqual(['love']);
    // A click after a pause (detail 1 again) undoes it.
    trustedClick(button('love'));
    await vi.waitFor(() => expect(pressed()).toEqual([]));
    expect(choose.mock.calls).toEqual([['love'], [null]]);
  });

  it('mirrors the selected reaction and readiness on the host', () => {
    const { toolbar, pressed } = setUp();
    expect(toolbar.host.hasAttribute('data-ready')).toBe(false);
    toolbar.show('sad');
    expect(toolbar.host.dataset.reaction).toBe('sad');
    expect(toolbar.host.hasAttribute('data-ready')).toBe(true);
    expect(pressed()).toEqual(['sad']);
  });

  it('ignores clicks a page script dispatches', () => {
    const { button, choose, pressed } = setUp();
    button('like').click();
    button('like').dispatchEvent(new MouseEvent('click', { bubbles: true }));
    // Forged as a pointer's click (detail 1, 2), which the toolbar counts when trusted.
    for (const detail of [1, 2]) {
      const forged = new MouseEvent('click', { bubbles: true, composed: true, detail });
      button('like').dispatchEvent(forged);
    }
    expect(choose).not.toHaveBeenCalled();
    expect(pressed()).toEqual([]);
  });

  describe("takes a key's click only after the reader moved focus in", () => {
    /** A trusted Tab press on the window, and the focus it moves into the toolbar. */
    function tabIn(target: HTMLElement, prevented = false): void {
      // A page listener that takes the Tab for itself, and moves focus by script instead.
      if (prevented)
        document.addEventListener('keydown', (e) => e.preventDefault(), { once: true });
      trusted(
        document.body,
        new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true }),
      );
      target.focus();
    }

    it.each([
      { how: 'focus moved by script (host.focus())', arm: () => {}, counts: false },
      { how: 'a trusted Tab', arm: (b: HTMLElement) => tabIn(b), counts: true },
      { how: 'a Tab the page prevented', arm: (b: HTMLElement) => tabIn(b, true), counts: false },
    ])('after $how: $counts', async ({ arm, counts }) => {
      const { toolbar, button, choose } = setUp();
      toolbar.show(null);
      toolbar.host.focus();
      arm(button('like'));
      trustedClick(button('like'), 0);
      await Promise.resolve();
      expect(choose.mock.calls).toEqual(counts ? [['like']] : []);
    });

    it("after the reader's shortcut (focus())", async () => {
      const { toolbar, button, choose } = setUp();
      toolbar.show(null);
      toolbar.focus();
      trustedClick(button('like'), 0);
      await Promise.resolve();
      expect(choose.mock.calls).toEqual([['like']]);
    });

    it('no longer once focus left the toolbar', async () => {
      const { toolbar, button, choose } = setUp();
      const outside = document.createElement('button');
      document.body.append(outside);
      toolbar.show(null);
      tabIn(button('like'));
      outside.focus();
      button('like').focus();
      trustedClick(button('like'), 0);
      await Promise.resolve();
      expect(choose).not.toHaveBeenCalled();
    });

    it.each([
      { how: 'left with the window, came back to the same button', blurred: true, counts: true },
      { how: 'left within the window, came back by script', blurred: false, counts: false },
    ])('when focus $how: $counts', async ({ blurred, counts }) => {
      const { toolbar, button, choose } = setUp();
      toolbar.show(null);
      tabIn(button('like'));
      // The Tab press is over (its task ended): only what follows can arm the toolbar again.
      await new Promise((resolve) => setTimeout(resolve, 0));
      // Another tab or window took focus: the document has none while the button loses it.
      const hasFocus = vi.spyOn(document, 'hasFocus').mockReturnValue(!blurred);
      button('like').blur();
      hasFocus.mockRestore();
      button('like').focus();
      trustedClick(button('like'), 0);
      await Promise.resolve();
      expect(choose.mock.calls).toEqual(counts ? [['like']] : []);
    });

    it('not when focus came back with the window to another button', async () => {
      const { toolbar, button, choose } = setUp();
      toolbar.show(null);
      tabIn(button('like'));
      await new Promise((resolve) => setTimeout(resolve, 0));
      const hasFocus = vi.spyOn(document, 'hasFocus').mockReturnValue(false);
      button('like').blur();
      hasFocus.mockRestore();
      button('love').focus();
      trustedClick(button('love'), 0);
      await Promise.resolve();
      expect(choose).not.toHaveBeenCalled();
    });

    // The reader away (the options page, the popup) while the toolbar moves focus off a button
    // that a change hides: the reader's Enter on return did nothing.
    it.each([
      {
        how: 'a reaction hidden in the settings',
        start: (_: Toolbar, b: ButtonOf) => b('like'),
        change: (t: Toolbar) => t.applySettings({ ...DEFAULT_SETTINGS, reactions: ['love'] }),
      },
      {
        how: 'the floating button, going inline',
        start: (t: Toolbar, _: ButtonOf, root: ShadowRoot) => {
          t.applySettings({ ...DEFAULT_SETTINGS, placement: 'floating' });
          return root.querySelector<HTMLElement>('.launcher')!;
        },
        change: (t: Toolbar) => t.applySettings(DEFAULT_SETTINGS),
      },
      {
        how: 'a hidden reaction, removed in the popup',
        start: (t: Toolbar, b: ButtonOf) => {
          t.applySettings({ ...DEFAULT_SETTINGS, reactions: ['love'] });
          t.show('angry');
          return b('angry');
        },
        change: (t: Toolbar) => t.show(null),
      },
    ])('when focus left with the window and $how moved it', async ({ start, change }) => {
      const ways = [
        { how: "the reader's Tab", byTab: true, pageRefocuses: false, counts: true },
        { how: 'a script', byTab: false, pageRefocuses: false, counts: false },
        // Meanwhile the page takes focus out and puts it back in by script (host.focus()).
        {
          how: "the reader's Tab, refocused by script",
          byTab: true,
          pageRefocuses: true,
          counts: false,
        },
      ];
      for (const { how, byTab, pageRefocuses, counts } of ways) {
        const { toolbar, root, button, choose } = setUp();
        const outside = document.createElement('button');
        document.body.append(outside);
        toolbar.show(null);
        const first = start(toolbar, button, root);
        if (byTab) tabIn(first);
        else first.focus();
        await new Promise((resolve) => setTimeout(resolve, 0));
        // Another tab or window took focus: the button keeps it in the document, unfocused.
        const hasFocus = vi.spyOn(document, 'hasFocus').mockReturnValue(false);
        trusted(first, new FocusEvent('focusout', { bubbles: true, composed: true }));
        change(toolbar);
        const back = root.activeElement as HTMLButtonElement;
        expect(back).not.toBe(first);
        if (pageRefocuses) {
          outside.focus();
          // What host.focus() does in a browser (jsdom does not delegate focus).
          back.focus();
        }
        hasFocus.mockRestore();
        trusted(back, new FocusEvent('focusin', { bubbles: true, composed: true }));
        trustedClick(back, 0);
        await Promise.resolve();
        expect({ how, calls: choose.mock.calls }).toEqual({
          how,
          calls: counts ? [[back.dataset.reaction]] : [],
        });
      }
    });
  });

  it("ignores a pointer's click while an ancestor makes the toolbar see-through", async () => {
    const { toolbar, button, choose } = setUp();
    const wrapper = document.createElement('div');
    document.body.append(wrapper);
    wrapper.append(toolbar.host);
    toolbar.show(null);
    wrapper.style.opacity = '0.2';
    trustedClick(button('like'));
    await Promise.resolve();
    expect(choose).not.toHaveBeenCalled();
    wrapper.style.opacity = '1';
    trustedClick(button('like'));
    await Promise.resolve();
    expect(choose.mock.calls).toEqual([['like']]);
  });

  it.each([
    { opacity: '0.2', counts: false },
    { opacity: '1', counts: true },
  ])(
    "counts a click where a page's shadow tree, the toolbar slotted in it, has opacity $opacity: $counts",
    async ({ opacity, counts }) => {
      const { toolbar, button, choose } = setUp();
      const element = document.createElement('div');
      const wrapper = document.createElement('div');
      wrapper.style.opacity = opacity;
      wrapper.append(document.createElement('slot'));
      element.attachShadow({ mode: 'open' }).append(wrapper);
      document.body.append(element);
      element.append(toolbar.host);
      toolbar.show(null);
      trustedClick(button('like'));
      await Promise.resolve();
      expect(choose.mock.calls).toEqual(counts ? [['like']] : []);
    },
  );

  it('restores the previous reaction and says so when saving fails', async () => {
    const { button, pressed, toolbar, root } = setUp(async () => {
      throw new Error('disk full');
    });
    toolbar.show('like');
    trustedClick(button('angry'));
    const status = root.querySelector('[role="status"]');
    await vi.waitFor(() =>
      // The error's own words are the engine's, not the reader's.
      expect(status?.textContent).toBe(
        'Your reaction was not saved: Moodmark ran into an unexpected error',
      ),
    );
    expect(pressed()).toEqual(['like']);
  });

  it('goes back to the stored reaction, not a pending one, when the choices made meanwhile fail', async () => {
    const { button, pressed, toolbar, root } = setUp(async () => {
      throw new Error('offline');
    });
    toolbar.show(null);
    // The worker is unreachable: the reader clicks again before the first click has failed.
    trustedClick(button('like'));
    trustedClick(button('love'));
    await vi.waitFor(() =>
      expect(root.querySelector('.status')?.textContent).toMatch(/unexpected error/),
    );
    expect(pressed()).toEqual([]);
  });

  it('goes back to a reaction heard of while its choice was pending, when the choice fails', async () => {
    let fail!: (error: Error) => void;
    const { button, pressed, toolbar, root } = setUp(
      () => new Promise((_, reject) => (fail = reject)),
    );
    toolbar.show(null);
    trustedClick(button('like'));
    // The reader reacted in the popup meanwhile.
    toolbar.show('love');
    fail(new Error('offline'));
    await vi.waitFor(() =>
      expect(root.querySelector('.status')?.textContent).toMatch(/unexpected error/),
    );
    expect(pressed()).toEqual(['love']);
  });

  it("keeps the reader's last choice shown while it is pending, through news of an earlier one", async () => {
    const answers: ((reaction: Reaction | null) => void)[] = [];
    const { button, pressed, toolbar, root } = setUp(
      () => new Promise((resolve) => answers.push(resolve)),
    );
    toolbar.show(null);
    // The reader switches before the first choice is answered (a worker waking up).
    trustedClick(button('like'));
    trustedClick(button('love'));
    answers[0]!('like');
    // The background tells every tab of the first write, this one too, before the second lands.
    toolbar.show('like');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(pressed()).toEqual(['love']);
    expect(drawnText(root.querySelector('.launcher'))).toBe('❤️');
    answers[1]!('love');
    await vi.waitFor(() =>
      expect(root.querySelector('[aria-live]')?.textContent).toBe('Reacted love'),
    );
    expect(pressed()).toEqual(['love']);
    // Nothing pending, news is shown at once.
    toolbar.show('sad');
    expect(pressed()).toEqual(['sad']);
  });

  it('shows what the store holds once told its pending choice will not be answered', async () => {
    const answers: ((reaction: Reaction | null) => void)[] = [];
    const { button, pressed, toolbar } = setUp(
      () => new Promise((resolve) => answers.push(resolve)),
    );
    toolbar.show(null);
    // The reader reacts as they leave; back from the back-forward cache, no answer comes.
    trustedClick(button('love'));
    toolbar.forgetPendingChoice();
    toolbar.show('sad');
    expect(pressed()).toEqual(['sad']);
    // Changed in the popup meanwhile: news is shown at once.
    toolbar.show(null);
    expect(pressed()).toEqual([]);
    // An answer that comes after all changes nothing the store has said since.
    answers[0]!('love');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(pressed()).toEqual([]);
  });

  it.each(['bogus', 'constructor', '__proto__', 42, {}])(
    'ignores a reply from the background that names no reaction (%s)',
    async (reply) => {
      const { button, pressed, toolbar, root } = setUp(async () => reply as Reaction);
      toolbar.show('like');
      expect(() => toolbar.show(reply as Reaction)).not.toThrow();
      expect(pressed()).toEqual(['like']);
      trustedClick(button('wow'));
      await vi.waitFor(() =>
        expect(root.querySelector('.status')?.textContent).toMatch(/not saved/),
      );
      expect(pressed()).toEqual(['like']);
      expect(drawnText(root.querySelector('.launcher'))).toBe('👍');
    },
  );

  it("names the floating button with the reader's reaction, as its emoji shows it", () => {
    const { toolbar, root } = setUp(async (reaction) => reaction);
    const launcher = root.querySelector('.launcher')!;
    expect(launcher.getAttribute('aria-label')).toBe('React to this article');
    toolbar.show('wow');
    expect(launcher.getAttribute('aria-label')).toBe('React to this article (your reaction: wow)');
    toolbar.show(null);
    expect(launcher.getAttribute('aria-label')).toBe('React to this article');
  });

  it('draws, unseen, every emoji the floating button may show, whatever it shows', () => {
    // A page's font for one emoji (unicode-range) is fetched only where that emoji is drawn: it
    // would tell the page which one the closed floating button shows, and so the reaction.
    const { toolbar, root } = setUp();
    toolbar.applySettings({ ...DEFAULT_SETTINGS, placement: 'floating' });
    const every = [...Object.values(REACTION_EMOJI), '⚠️', '☺'];
    const drawnUnseen = () =>
      root.querySelector<HTMLElement>('.launcher .every-emoji')?.dataset.text ?? '';
    const states: [string, () => void][] = [
      ['none', () => toolbar.show(null)],
      ['love', () => toolbar.show('love')],
      ['unknown', () => toolbar.showLoadError(new Error('offline'))],
    ];
    for (const [state, enter] of states) {
      enter();
      expect(drawnUnseen(), state).toBe(every.join(''));
    }
    const css = readStyles('toolbar.css').replace(/\/\*[\s\S]*?\*\//g, '');
    const unseen = /(?:^|\})\s*\.every-emoji\s*\{([^{}]*)\}/.exec(css)?.[1] ?? '';
    // Laid out, or its fonts are not fetched: hidden, but not display: none.
    expect(unseen).toMatch(/visibility\s*:\s*hidden/);
    expect(unseen).not.toMatch(/display\s*:\s*none/);
  });

  it('warns on the closed floating button while the stored reaction is unknown', async () => {
    const { toolbar, root, button } = setUp();
    toolbar.applySettings({ ...DEFAULT_SETTINGS, placement: 'floating' });
    const launcher = root.querySelector('.launcher')!;
    const description = () =>
      root.getElementById(launcher.getAttribute('aria-describedby') ?? '')?.textContent;
    toolbar.showLoadError(new Error('offline'));
    // Not ☺ (no reaction): the reader may well have one.
    expect(drawnText(launcher)).toBe('⚠️');
    expect(description()).toBe(
      'Could not load your reaction: Moodmark ran into an unexpected error',
    );
    toolbar.show('love');
    expect(drawnText(launcher)).toBe('❤️');
    expect(description()).toBe('');
    // A choice the store confirms makes it known too.
    toolbar.showLoadError(new Error('offline'));
    trustedClick(launcher);
    trustedClick(button('wow'));
    await vi.waitFor(() => expect(drawnText(launcher)).toBe('😮'));
  });

  it('shows what the store confirms, not what was asked', async () => {
    const { button, pressed } = setUp(async () => 'funny');
    trustedClick(button('wow'));
    await vi.waitFor(() => expect(pressed()).toEqual(['funny']));
  });

  it.each([
    { key: 'ArrowRight', from: 'like', to: 'dislike' },
    { key: 'ArrowLeft', from: 'like', to: 'wow' },
    { key: 'End', from: 'dislike', to: 'wow' },
    { key: 'Home', from: 'sad', to: 'like' },
  ] as const)('moves focus with $key from $from to $to', ({ key, from, to }) => {
    const { button, root } = setUp();
    button(from).focus();
    button(from).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    expect(root.activeElement).toBe(button(to));
    expect(button(to).tabIndex).toBe(0);
    expect(button(from).tabIndex).toBe(-1);
  });

  it.each([{ altKey: true }, { metaKey: true }, { ctrlKey: true }])(
    'leaves ArrowLeft pressed with %o to the browser (Back, on some systems)',
    (modifier) => {
      const { button, root } = setUp();
      button('love').focus();
      const key = new KeyboardEvent('keydown', {
        key: 'ArrowLeft',
        bubbles: true,
        cancelable: true,
        ...modifier,
      });
      button('love').dispatchEvent(key);
      expect(root.activeElement).toBe(button('love'));
      expect(key.defaultPrevented).toBe(false);
    },
  );

  /** Which of keydown, keypress and keyup for one key pressed on `button` reach the page. */
  function keysThePageHears(
    button: HTMLButtonElement,
    init: KeyboardEventInit & { key: string },
  ): string[] {
    const heard: string[] = [];
    const hear = (event: Event) => heard.push(event.type);
    const types = ['keydown', 'keypress', 'keyup'];
    for (const type of types) document.addEventListener(type, hear);
    try {
      button.focus();
      for (const type of types) {
        const event = new KeyboardEvent(type, { bubbles: true, composed: true, ...init });
        button.dispatchEvent(event);
      }
    } finally {
      for (const type of types) document.removeEventListener(type, hear);
    }
    return heard;
  }

  it.each(['ArrowRight', 'ArrowDown', 'Home', 'End', 'Enter', ' '])(
    "keeps %j, which the toolbar acts on, from the page's own shortcuts",
    (key) => {
      // A page that turns to the next story on ArrowRight, or plays its video on Space, did so
      // as well while the reader moved through the reactions or pressed one.
      const { button } = setUp();
      expect(keysThePageHears(button('like'), { key })).toEqual([]);
    },
  );

  it('keeps an Escape that gives focus back from the page', () => {
    const { button, toolbar } = setUp();
    const before = document.createElement('button');
    document.body.prepend(before);
    before.focus();
    toolbar.focus();
    const escape = new KeyboardEvent('keydown', {
      key: 'Escape',
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    const heard = vi.fn();
    document.addEventListener('keydown', heard);
    button('like').dispatchEvent(escape);
    document.removeEventListener('keydown', heard);
    expect(document.activeElement).toBe(before);
    expect(escape.defaultPrevented).toBe(true);
    expect(heard).not.toHaveBeenCalled();
  });

  it.each(['inline', 'floating'] as const)(
    'lets the page have an Escape with nothing to leave (%s): its modal dialog closes on it',
    (placement) => {
      // Focus came by Tab, from nowhere to give it back to. The first Escape in an article shown
      // in a <dialog> was taken, its default (closing the dialog) prevented, for nothing.
      const { button, toolbar, root } = setUp();
      toolbar.applySettings({ ...DEFAULT_SETTINGS, placement });
      const focusable =
        placement === 'inline' ? button('like') : root.querySelector<HTMLElement>('.launcher')!;
      const escape = new KeyboardEvent('keydown', {
        key: 'Escape',
        bubbles: true,
        composed: true,
        cancelable: true,
      });
      const heard: string[] = [];
      const hear = (event: Event) => heard.push(event.type);
      for (const type of ['keydown', 'keyup']) document.addEventListener(type, hear);
      focusable.focus();
      focusable.dispatchEvent(escape);
      focusable.dispatchEvent(
        new KeyboardEvent('keyup', { key: 'Escape', bubbles: true, composed: true }),
      );
      for (const type of ['keydown', 'keyup']) document.removeEventListener(type, hear);
      expect(escape.defaultPrevented).toBe(false);
      expect(heard).toEqual(['keydown', 'keyup']);
    },
  );

  it.each([{ key: 'Tab' }, { key: 'j' }, { key: 'ArrowLeft', altKey: true }])(
    'lets the page hear keys the toolbar does not act on (%o)',
    (init) => {
      const { button } = setUp();
      expect(keysThePageHears(button('like'), init)).toEqual(['keydown', 'keypress', 'keyup']);
    },
  );

  /**
   * A trusted press at `target` as the browser makes it: pointerdown, mousedown, then the focus
   * the root's delegatesFocus gives the first reaction where the press is on no button (jsdom
   * does not delegate), then mouseup and click.
   */
  function press(root: ShadowRoot, target: Element): void {
    const init = { bubbles: true, composed: true, cancelable: true, detail: 1 };
    trusted(target, new MouseEvent('pointerdown', init));
    const down = trusted(target, new MouseEvent('mousedown', init));
    if (!down.defaultPrevented) {
      const focusable = target.closest('button') ?? root.querySelector('.reactions button');
      (focusable as HTMLElement).focus();
    }
    trusted(target, new MouseEvent('mouseup', init));
    trusted(target, new MouseEvent('click', init));
  }

  it.each([
    { where: 'the question', selector: '.prompt', focused: null },
    { where: 'the space between reactions', selector: '.reactions', focused: null },
    { where: 'the panel', selector: '.toolbar', focused: null },
    { where: 'a reaction', selector: 'button[data-reaction="sad"]', focused: null },
    { where: "a reaction's emoji", selector: 'button[data-reaction="sad"] .emoji', focused: null },
  ])('a press on $where leaves focus on $focused', async ({ selector, focused }) => {
    // Left on the first reaction, the reader's Space (to scroll the page) would press it.
    const { root, toolbar } = setUp();
    toolbar.show(null);
    press(root, root.querySelector(selector)!);
    expect((root.activeElement as HTMLElement | null)?.dataset.reaction ?? null).toBe(focused);
  });

  it("takes the reader's next Space after a pointer's vote for the page, not an undo", async () => {
    const { root, toolbar, button, choose } = setUp();
    toolbar.show(null);
    press(root, button('like'));
    await vi.waitFor(() => expect(choose).toHaveBeenCalled());
    expect(root.activeElement).toBeNull();
    // Were focus left on the button, Space would click it (detail 0).
    trustedClick(button('like'), 0);
    await Promise.resolve();
    expect(choose.mock.calls).toEqual([['like']]);
  });

  it("counts a screen reader's click (Chrome: a pointerdown, then a click of detail 0), focus kept", async () => {
    const { root, toolbar, button, choose } = setUp();
    toolbar.show(null);
    trusted(button('like'), new MouseEvent('pointerdown', { bubbles: true, composed: true }));
    button('like').focus();
    trustedClick(button('like'), 0);
    await vi.waitFor(() => expect(choose.mock.calls).toEqual([['like']]));
    expect(root.activeElement).toBe(button('like'));
    // The reader's next key press on it undoes the vote.
    trustedClick(button('like'), 0);
    await vi.waitFor(() => expect(choose.mock.calls).toEqual([['like'], [null]]));
  });

  it("gives a script's later focus no arming from a press beside the buttons", async () => {
    // The reader pressed on the toolbar's words, then typed elsewhere; then the page moved focus
    // into the toolbar, so that the reader's Enter would press a reaction.
    const { root, toolbar, button, choose } = setUp();
    const comment = document.createElement('textarea');
    document.body.append(comment);
    toolbar.show(null);
    press(root, root.querySelector('.prompt')!);
    await new Promise((resolve) => setTimeout(resolve, 0));
    comment.focus();
    toolbar.host.focus();
    button('like').focus();
    trustedClick(button('like'), 0);
    await Promise.resolve();
    expect(choose).not.toHaveBeenCalled();
  });

  it.each([
    { repeat: false, prevented: false },
    { repeat: true, prevented: true },
  ])(
    'Enter held down (repeat: $repeat) clicks once: prevented $prevented',
    ({ repeat, prevented }) => {
      // The browser clicks a button on each Enter, repeats included: a held key toggled the
      // reaction on and off until let go.
      const { button } = setUp();
      button('like').focus();
      const key = new KeyboardEvent('keydown', {
        key: 'Enter',
        repeat,
        bubbles: true,
        cancelable: true,
      });
      button('like').dispatchEvent(key);
      expect(key.defaultPrevented).toBe(prevented);
    },
  );

  it.each(['.launcher', '.close'])(
    'takes Enter held down on the floating %s button as one press',
    (selector) => {
      // Each repeat clicked: the panel closed and opened again, or focus went back to the page,
      // whose button the repeats then pressed.
      const { root, toolbar } = setUp();
      toolbar.applySettings({ ...DEFAULT_SETTINGS, placement: 'floating' });
      toolbar.focus();
      const target = root.querySelector<HTMLButtonElement>(selector)!;
      target.focus();
      const key = new KeyboardEvent('keydown', {
        key: 'Enter',
        repeat: true,
        bubbles: true,
        cancelable: true,
      });
      target.dispatchEvent(key);
      expect(key.defaultPrevented).toBe(true);
    },
  );

  it('keeps a single tab stop on the selected reaction', () => {
    const { toolbar, root } = setUp();
    toolbar.show('love');
    const stops = [...root.querySelectorAll<HTMLElement>('button:not([hidden])')].filter(
      (b) => b.tabIndex === 0,
    );
    expect(stops.map((b) => b.dataset.reaction)).toEqual(['love']);
  });

  it('uses a closed shadow root with its own styles', () => {
    const toolbar = createToolbar(document, { choose: async (r) => r });
    expect(toolbar.host.shadowRoot).toBeNull();
  });
});

describe('createToolbar settings and languages', () => {
  /** The reactions drawn: the reader's, and a hidden one only while it is selected. */
  const shown = (root: ShadowRoot) =>
    [...root.querySelectorAll<HTMLElement>('.reactions button')]
      .filter((b) => !b.closest('.spare') || b.getAttribute('aria-pressed') === 'true')
      .map((b) => b.dataset.reaction);
  const visible = (element: Element | null) => !!element && !element.closest('[hidden]');

  it('shows the chosen reactions in the chosen order, mirrored on the host', () => {
    const { root, toolbar } = setUp();
    toolbar.applySettings({ ...DEFAULT_SETTINGS, reactions: ['wow', 'sad', 'like'] });
    expect(shown(root)).toEqual(['wow', 'sad', 'like']);
    expect(toolbar.host.dataset.reactions).toBe('wow sad like');
  });

  it('keeps the selected reaction on show even when it is hidden in the settings', () => {
    const { root, toolbar } = setUp();
    toolbar.show('angry');
    toolbar.applySettings({ ...DEFAULT_SETTINGS, reactions: ['like'] });
    expect(shown(root)).toEqual(['like', 'angry']);
    toolbar.show(null);
    expect(shown(root)).toEqual(['like']);
  });

  it('keeps the same slots whichever reaction is selected, so its size tells nothing', () => {
    const { root, toolbar } = setUp();
    toolbar.applySettings({ ...DEFAULT_SETTINGS, reactions: ['like', 'love'] });
    const slots = () => [...root.querySelector('.reactions')!.children];
    const before = slots();
    for (const reaction of ['like', 'angry', 'wow', null] as const) {
      toolbar.show(reaction);
      expect(slots()).toEqual(before);
    }
    // The hidden reactions share the last slot, where only a selected one is drawn.
    expect(before.at(-1)!.className).toBe('spare');
    expect([...before.at(-1)!.children].map((b) => (b as HTMLElement).dataset.reaction)).toEqual([
      'dislike',
      'funny',
      'angry',
      'sad',
      'wow',
    ]);
  });

  // toolbar.css positions the host from data-placement (jsdom does not cascade :host rules;
  // the e2e tests check the real position).
  it.each([
    ['inline', false],
    ['floating', true],
  ] as const)('placed %s, the launcher shown: %s', (placement, launcher) => {
    const { root, toolbar } = setUp();
    toolbar.applySettings({ ...DEFAULT_SETTINGS, placement });
    expect(toolbar.host.dataset.placement).toBe(placement);
    // The floating host's rules are a sheet switched on inside the shadow root.
    const floatingSheet = root.querySelectorAll('style')[1];
    expect(floatingSheet?.getAttribute('media')).toBe(launcher ? 'all' : 'not all');
    expect(visible(root.querySelector('.launcher'))).toBe(launcher);
    expect(visible(root.querySelector('.reactions'))).toBe(!launcher);
  });

  // Chromium checks a <style> against a strict CSP again when the page moves the toolbar (the
  // e2e hostile-page test): copies adopted by the root keep the styles, switched alike.
  it('adopts a copy of each sheet, where the browser lets it, switched with the placement', () => {
    let adopted: CSSStyleSheet[] = [];
    Object.defineProperty(ShadowRoot.prototype, 'adoptedStyleSheets', {
      configurable: true,
      get: () => adopted,
      set: (sheets: CSSStyleSheet[]) => (adopted = sheets),
    });
    try {
      const { root, toolbar } = setUp();
      expect(adopted).toHaveLength(root.querySelectorAll('style').length);
      for (const placement of ['floating', 'inline'] as const) {
        toolbar.applySettings({ ...DEFAULT_SETTINGS, placement });
        expect(adopted[1]!.media.mediaText).toBe(
          root.querySelectorAll('style')[1]!.getAttribute('media'),
        );
      }
    } finally {
      delete (ShadowRoot.prototype as { adoptedStyleSheets?: unknown }).adoptedStyleSheets;
    }
  });

  it('opens and closes the floating panel from its button', () => {
    const { root, toolbar } = setUp();
    toolbar.applySettings({ ...DEFAULT_SETTINGS, placement: 'floating' });
    const launcher = root.querySelector<HTMLButtonElement>('.launcher')!;
    trustedClick(launcher);
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
    expect(visible(root.querySelector('.reactions'))).toBe(true);
    launcher.click(); // untrusted: ignored
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
    trustedClick(root.querySelector('.close')!);
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    expect(visible(root.querySelector('.reactions'))).toBe(false);
  });

  it("opens the floating panel from a pointer's click with no reaction focused, from a key's on the reaction", () => {
    // Focused without a ring after the pointer's click, the reaction took the reader's next
    // Space (meant to scroll the page), and undid their reaction.
    const { root, toolbar, button } = setUp();
    toolbar.applySettings({ ...DEFAULT_SETTINGS, placement: 'floating' });
    toolbar.show('love');
    const launcher = root.querySelector<HTMLButtonElement>('.launcher')!;
    const focusedReaction = () => (root.activeElement as HTMLElement | null)?.dataset.reaction;
    trustedClick(launcher);
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
    expect(focusedReaction()).toBeUndefined();
    trustedClick(launcher);
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    // Enter or Space on the button (detail 0): the keyboard goes on into the reactions.
    trustedClick(launcher, 0);
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
    expect(root.activeElement).toBe(button('love'));
  });

  it('keeps the floating panel a double-click on its button opened', () => {
    // Its second click (detail 2) closed the panel the first had opened: the reader who
    // double-clicks by habit saw the panel flash and go.
    const { root, toolbar } = setUp();
    toolbar.applySettings({ ...DEFAULT_SETTINGS, placement: 'floating' });
    const launcher = root.querySelector<HTMLButtonElement>('.launcher')!;
    trustedClick(launcher, 1);
    trustedClick(launcher, 2);
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
    expect(visible(root.querySelector('.reactions'))).toBe(true);
    // A click after a pause closes it.
    trustedClick(launcher, 1);
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
  });

  it('opens the floating panel again to say that a choice made before it was closed failed', async () => {
    // The reader reacted and closed the panel while the background was still being tried (up
    // to 1.5 s): the failure went into the closed panel, seen and heard by no one, and the
    // floating button went back to the old reaction without a word.
    let fail!: (error: Error) => void;
    const { root, toolbar, button, pressed } = setUp(
      () => new Promise((_, reject) => (fail = reject)),
      { locale: 'en' },
    );
    toolbar.applySettings({ ...DEFAULT_SETTINGS, placement: 'floating' });
    toolbar.show('like');
    const launcher = root.querySelector<HTMLButtonElement>('.launcher')!;
    const status = root.querySelector('[role="status"]')!;
    trustedClick(launcher);
    trustedClick(button('love'));
    trustedClick(launcher);
    expect(visible(status)).toBe(false);
    fail(new Error('offline'));
    await vi.waitFor(() =>
      expect(status.textContent).toBe(
        'Your reaction was not saved: Moodmark ran into an unexpected error',
      ),
    );
    expect(visible(status)).toBe(true);
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
    expect(pressed()).toEqual(['like']);
  });

  // A placement changed on the options page while focus is in the toolbar: the focused button
  // hidden by it dropped focus to the top of the page (and Tab started over from there).
  it.each([
    ['a reaction, going floating', 'inline', 'floating', 'reaction'],
    ['the floating button, going inline', 'floating', 'inline', 'launcher'],
    ['Close, going inline', 'floating', 'inline', 'close'],
  ] as const)('keeps focus on a shown button from %s', (_, from, to, focusOn) => {
    const { root, toolbar, button } = setUp();
    toolbar.applySettings({ ...DEFAULT_SETTINGS, placement: from });
    toolbar.show('love');
    if (from === 'floating') trustedClick(root.querySelector('.launcher')!);
    const target =
      focusOn === 'reaction' ? button('love') : root.querySelector<HTMLElement>(`.${focusOn}`)!;
    target.focus();
    toolbar.applySettings({ ...DEFAULT_SETTINGS, placement: to });
    const focused = root.activeElement as HTMLElement | null;
    expect(visible(focused)).toBe(true);
    // The selected reaction: where focus was, or where it goes on from the floating controls.
    expect(focused).toBe(button('love'));
  });

  // Focus left in the toolbar while the reader scrolled on: new settings (from the options page)
  // put focus back on the button they moved, and focus() scrolled the page back to the toolbar.
  it.each<[string, Partial<Settings>]>([
    ['reordered', { reactions: ['wow', 'love', 'like'] }],
    ['given another theme', { theme: 'dark' }],
    ['placed inline from floating', { placement: 'inline' }],
  ])('keeps focus without scrolling the page when %s', (_, change) => {
    const { root, toolbar, button } = setUp();
    toolbar.applySettings({ ...DEFAULT_SETTINGS, placement: 'floating' });
    toolbar.show('love');
    trustedClick(root.querySelector('.launcher')!);
    root.querySelector<HTMLElement>('.launcher')!.focus();
    if (!('placement' in change)) button('love').focus();
    const focus = vi.spyOn(HTMLElement.prototype, 'focus');
    toolbar.applySettings({ ...DEFAULT_SETTINGS, placement: 'floating', ...change });
    expect(root.activeElement).toBe(button('love'));
    for (const [options] of focus.mock.calls)
      expect(options).toMatchObject({ preventScroll: true });
    focus.mockRestore();
  });

  it.each(['light', 'dark'] as const)('applies the %s theme, on a page of either', (theme) => {
    for (const page of ['rgb(255, 255, 255)', 'rgb(13, 17, 23)']) {
      document.body.style.backgroundColor = page;
      const { root, toolbar } = setUp();
      toolbar.applySettings({ ...DEFAULT_SETTINGS, theme });
      toolbar.insertAfter(document.body.appendChild(document.createElement('p')));
      expect(root.querySelector<HTMLElement>('.frame')!.dataset.theme).toBe(theme);
      expect(toolbar.host.dataset.theme).toBe(theme);
      toolbar.dispose();
    }
    document.body.removeAttribute('style');
  });

  describe('the default theme, which matches the page', () => {
    afterEach(() => {
      document.body.removeAttribute('style');
      document.body.removeAttribute('class');
    });

    /** A toolbar of the default theme placed after a story of `background` in the page. */
    function placeAfterStory(background: string, settings: Partial<Settings> = {}) {
      const { root, toolbar } = setUp();
      toolbar.applySettings({ ...DEFAULT_SETTINGS, ...settings });
      const story = document.createElement('article');
      story.style.backgroundColor = background;
      document.body.append(story);
      toolbar.insertAfter(story.appendChild(document.createElement('p')));
      const scheme = () => root.querySelector<HTMLElement>('.frame')!.dataset.theme;
      return { toolbar, story, scheme };
    }

    it.each([
      ['dark', 'rgb(13, 17, 23)'],
      ['light', 'rgb(250, 250, 250)'],
    ])('takes the %s palette behind a story of that colour', (expected, background) => {
      const { toolbar, scheme } = placeAfterStory(background);
      expect(scheme()).toBe(expected);
      expect(toolbar.host.dataset.theme).toBe('system');
      toolbar.dispose();
    });

    it("follows the page's own switch to dark and back", async () => {
      document.body.style.backgroundColor = 'rgb(255, 255, 255)';
      const { toolbar, scheme } = placeAfterStory('');
      expect(scheme()).toBe('light');
      document.body.style.backgroundColor = 'rgb(0, 0, 0)';
      await vi.waitFor(() => expect(scheme()).toBe('dark'));
      document.body.style.backgroundColor = 'rgb(255, 255, 255)';
      await vi.waitFor(() => expect(scheme()).toBe('light'));
      toolbar.dispose();
    });

    it('looks again where the page moved the floating toolbar, or the reader chose it', () => {
      document.body.style.backgroundColor = 'rgb(255, 255, 255)';
      const { toolbar, scheme } = placeAfterStory('rgb(0, 0, 0)');
      expect(scheme()).toBe('dark');
      // Floating, it sits over the page's corner, not the story.
      toolbar.applySettings({ ...DEFAULT_SETTINGS, placement: 'floating' });
      expect(scheme()).toBe('light');
      document.body.style.backgroundColor = 'rgb(0, 0, 0)';
      document.body.append(toolbar.host);
      toolbar.keepShown();
      expect(scheme()).toBe('dark');
      toolbar.dispose();
    });

    // The content script calls keepShown after each look at a page that changed: a page whose
    // content changes all the time (a live blog) would have its styles read at each.
    it('reads the page again only where the page moved the toolbar', () => {
      const { toolbar, scheme } = placeAfterStory('rgb(0, 0, 0)');
      const read = vi.spyOn(window, 'getComputedStyle');
      toolbar.keepShown();
      expect(read).not.toHaveBeenCalled();
      document.body.append(toolbar.host);
      toolbar.keepShown();
      expect(read).toHaveBeenCalled();
      expect(scheme()).toBe('light');
      read.mockRestore();
      toolbar.dispose();
    });

    it('stops following the page once disposed', async () => {
      document.body.style.backgroundColor = 'rgb(255, 255, 255)';
      const { toolbar, scheme } = placeAfterStory('');
      toolbar.dispose();
      document.body.style.backgroundColor = 'rgb(0, 0, 0)';
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(scheme()).toBe('light');
    });
  });

  it.each([
    ['en', 'ltr', "What's your reaction?", 'wow'],
    ['de', 'ltr', 'Wie findest du das?', 'wow'],
    ['ar', 'rtl', 'ما تفاعلك؟', 'مدهش'],
  ] as const)('speaks %s (%s)', (locale, dir, prompt, wow) => {
    const { root, toolbar, button } = setUp(undefined, { locale });
    // Inside: the host's attributes would tell the page the browser's language.
    const frame = root.querySelector<HTMLElement>('.frame')!;
    const words = root.querySelector('.reactions')!.closest<HTMLElement>('[dir]')!;
    expect([frame.lang, words.dir]).toEqual([locale, dir]);
    expect(toolbar.host.hasAttribute('lang') || toolbar.host.hasAttribute('dir')).toBe(false);
    expect(root.querySelector('.prompt')?.textContent).toBe(prompt);
    expect(drawnText(button('wow'))).toContain(wow);
    expect(button('wow').getAttribute('aria-label')).toBe(wow);
  });

  it.each(['en', 'ar'] as const)(
    'places its panel by the direction of the page, where the floating button sits, and reads in %s',
    (locale) => {
      // The floating host takes the page's end corner (its inset-inline-end, in the page's
      // direction); a panel placed by the toolbar's own direction instead opened off the screen.
      const { root, toolbar } = setUp(undefined, { locale });
      toolbar.applySettings({ ...DEFAULT_SETTINGS, placement: 'floating' });
      const panel = root.querySelector('.toolbar')!;
      expect(panel.closest('[dir]')).toBeNull();
      expect(root.querySelector('.prompt')!.closest<HTMLElement>('[dir]')!.dir).toBe(
        locale === 'ar' ? 'rtl' : 'ltr',
      );
      expect(root.querySelector('[aria-live]')!.closest<HTMLElement>('[dir]')!.dir).toBe(
        locale === 'ar' ? 'rtl' : 'ltr',
      );
    },
  );

  it("sets its floating button's name in the toolbar's direction, where the page reads the other way", () => {
    // The name is also the button's tooltip, which the browser lays out in the button's direction:
    // in the page's left-to-right one, "تفاعل مع هذه المقالة (تفاعلك: مدهش)" ends in a stray ")".
    const { root, toolbar } = setUp(undefined, { locale: 'ar' });
    toolbar.applySettings({ ...DEFAULT_SETTINGS, placement: 'floating' });
    const launcher = root.querySelector<HTMLElement>('.launcher')!;
    expect(launcher.closest<HTMLElement>('[dir]')?.dir).toBe('rtl');
    toolbar.setLocale('en');
    expect(launcher.closest<HTMLElement>('[dir]')?.dir).toBe('ltr');
    // The frame and panel still take the page's direction, by which they are placed.
    expect(root.querySelector('.toolbar')!.closest('[dir]')).toBeNull();
  });

  it('follows the page language by default, and can switch later', () => {
    document.documentElement.lang = 'de-CH';
    try {
      const { root, toolbar } = setUp();
      expect(root.querySelector('.prompt')?.textContent).toBe('Wie findest du das?');
      toolbar.setLocale('ar');
      expect(root.querySelector('.prompt')?.textContent).toBe('ما تفاعلك؟');
      expect(root.querySelector('.reactions')!.closest<HTMLElement>('[dir]')!.dir).toBe('rtl');
    } finally {
      document.documentElement.lang = '';
    }
  });

  it('announces a stored reaction and its removal politely, in its language', async () => {
    const { root, button, toolbar } = setUp(undefined, { locale: 'en' });
    const live = root.querySelector('[aria-live="polite"]')!;
    toolbar.show(null);
    trustedClick(button('wow'));
    await vi.waitFor(() => expect(live.textContent).toBe('Reacted wow'));
    trustedClick(button('wow'));
    await vi.waitFor(() => expect(live.textContent).toBe('Reaction removed'));
  });

  it('says again an error met again, so that screen readers speak it again', async () => {
    // Put back in unchanged, the same words made no change a screen reader tells of: the reader
    // heard nothing of the second failure.
    const { root, button, toolbar } = setUp(async () => {
      throw new CallError('the background did not answer', { unanswered: true });
    });
    const said = recordSaid(root);
    const error = 'Your reaction was not saved: Moodmark did not answer';
    toolbar.show(null);
    trustedClick(button('wow'));
    await vi.waitFor(() => expect(said).toEqual([error]));
    trustedClick(button('wow'));
    await vi.waitFor(() => expect(said).toEqual([error, '', error]));
  });

  it('reports each settled reaction to onChange, not the optimistic one', async () => {
    const { button, toolbar } = setUp(async () => 'funny');
    const seen: (Reaction | null)[] = [];
    toolbar.onChange((reaction) => seen.push(reaction));
    toolbar.show('sad');
    trustedClick(button('wow'));
    await vi.waitFor(() => expect(seen).toEqual(['sad', 'funny']));
  });

  // Not the error's own words (English, from the browser or the background), which would read
  // as English inside a German or Arabic sentence.
  it.each([
    [
      'de',
      'Deine Reaktion konnte nicht geladen werden: Moodmark ist auf einen unerwarteten Fehler gestoßen',
    ],
    ['ar', 'تعذر تحميل تفاعلك: واجه Moodmark خطأً غير متوقع'],
  ] as const)('says in %s when the stored reaction could not be read', (locale, text) => {
    const { root, toolbar } = setUp(undefined, { locale });
    toolbar.showLoadError(new Error('Receiving end does not exist.'));
    expect(root.querySelector('.status')?.textContent).toBe(text);
  });

  it("says in Arabic why saving failed, never in the error's English words", async () => {
    const { root, button, toolbar } = setUp(
      async () => {
        throw new Error('the background did not answer: offline.');
      },
      { locale: 'ar' },
    );
    toolbar.show(null);
    trustedClick(button('wow'));
    await vi.waitFor(() =>
      expect(root.querySelector('.status')?.textContent).toBe(
        'لم يُحفظ تفاعلك: واجه Moodmark خطأً غير متوقع',
      ),
    );
  });

  it.each([
    ['en', 'Your reaction was not saved: Moodmark did not answer'],
    ['de', 'Deine Reaktion wurde nicht gespeichert: Moodmark hat nicht geantwortet'],
  ] as const)(
    'says in %s, in its own words, that the background did not answer',
    async (locale, text) => {
      // The transport's English reason ("Could not establish connection…") told a German reader
      // nothing in German.
      const { root, button, toolbar } = setUp(
        async () => {
          throw new CallError('the background did not answer: Could not establish connection.', {
            unanswered: true,
          });
        },
        { locale },
      );
      toolbar.show(null);
      trustedClick(button('wow'));
      await vi.waitFor(() => expect(root.querySelector('.status')?.textContent).toBe(text));
    },
  );

  it('drops the load error once the stored reaction is shown', () => {
    const { root, toolbar } = setUp();
    toolbar.showLoadError(new Error('offline'));
    toolbar.show('love');
    expect(root.querySelector('.status')?.textContent).toBe('');
  });

  it("says a load error once, not again at each of the content script's retries", async () => {
    // The content script asks again 3, 9, 21, 45 and 93 s after a failed read: a screen reader
    // spoke the same error each time, interrupting a reader who had done nothing.
    const { root, toolbar } = setUp(undefined, { locale: 'en' });
    const said = recordSaid(root);
    const unanswered = () => new CallError('the background did not answer', { unanswered: true });
    toolbar.showLoadError(unanswered());
    for (let retry = 0; retry < 2; retry++) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      toolbar.showLoadError(unanswered());
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(said).toEqual(['Could not load your reaction: Moodmark did not answer']);
    // Another reason is news.
    toolbar.showLoadError(new CallError('refused', { kind: 'refused' }));
    await vi.waitFor(() =>
      expect(said.at(-1)).toBe('Could not load your reaction: Moodmark refused this request'),
    );
  });

  it('takes focus on command and gives it back on Escape', () => {
    const { root, toolbar, button } = setUp();
    const before = document.createElement('button');
    document.body.prepend(before);
    before.focus();
    toolbar.show('love');
    toolbar.focus();
    expect(root.activeElement).toBe(button('love'));
    button('love').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(document.activeElement).toBe(before);
  });

  it("keeps Enter held down on Close from pressing the page's button that focus went back to", () => {
    // Close clicks on Enter's first keydown and gives focus back to the page: the repeats that
    // follow are the page's element's, each a press of it, out of the toolbar's reach.
    const { root, toolbar } = setUp();
    const before = document.createElement('button');
    document.body.prepend(before);
    before.focus();
    toolbar.focus();
    trustedClick(root.querySelector('.close')!, 0);
    expect(document.activeElement).toBe(before);
    const enter = (type: string, repeat: boolean) => {
      const event = new KeyboardEvent(type, {
        key: 'Enter',
        repeat,
        bubbles: true,
        cancelable: true,
      });
      before.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(enter('keydown', true)).toBe(true);
    // Let go, Enter is the page's again.
    enter('keyup', false);
    expect(enter('keydown', false)).toBe(false);
    expect(enter('keydown', true)).toBe(false);
  });

  it('forgets where focus came from once the reader left the toolbar: a later Escape stays put', () => {
    const { root, toolbar, button } = setUp();
    const before = document.createElement('button');
    const after = document.createElement('button');
    document.body.prepend(before);
    document.body.append(after);
    before.focus();
    toolbar.show('love');
    toolbar.focus();
    // The reader tabs on to the comments, and later back into the toolbar.
    after.focus();
    button('love').focus();
    button('love').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    // Not thrown back to where the shortcut was pressed, maybe far up the page.
    expect(document.activeElement).not.toBe(before);
    expect(root.activeElement).toBeNull();
  });

  it('blurs on Escape when focus came from nowhere, and opens when floating', () => {
    const { root, toolbar, button } = setUp();
    toolbar.applySettings({ ...DEFAULT_SETTINGS, placement: 'floating' });
    toolbar.focus();
    expect(root.querySelector('.launcher')?.getAttribute('aria-expanded')).toBe('true');
    expect(root.activeElement).toBe(button('like'));
    button('like').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(root.querySelector('.launcher')?.getAttribute('aria-expanded')).toBe('false');
    expect(root.activeElement).toBe(root.querySelector('.launcher'));
  });

  it('keeps focus in the row when the reader undoes a reaction they hid', async () => {
    const { toolbar, root, button, pressed } = setUp();
    toolbar.applySettings({ ...DEFAULT_SETTINGS, reactions: ['like', 'love'] });
    toolbar.show('angry');
    toolbar.focus();
    expect(root.activeElement).toBe(button('angry'));
    // Enter on it: the reaction goes, and its button with it.
    trustedClick(button('angry'), 0);
    await vi.waitFor(() => expect(pressed()).toEqual([]));
    expect(root.activeElement).toBe(button('like'));
    expect(button('like').tabIndex).toBe(0);
  });

  it('puts focus back on a hidden reaction whose undo failed, where Enter tries again', async () => {
    // The undo hid the reaction and moved focus to the first one; the failure showed the
    // reaction again, but focus stayed on the first, where the reader's Enter to try again
    // reacted 'like' instead.
    const { toolbar, root, button, pressed, choose } = setUp(async () => {
      throw new Error('offline');
    });
    toolbar.applySettings({ ...DEFAULT_SETTINGS, reactions: ['like', 'love'] });
    toolbar.show('angry');
    toolbar.focus();
    trustedClick(button('angry'), 0);
    await vi.waitFor(() => expect(root.querySelector('.status')?.textContent).not.toBe(''));
    expect(pressed()).toEqual(['angry']);
    expect(root.activeElement).toBe(button('angry'));
    trustedClick(root.activeElement as HTMLElement, 0);
    expect(choose.mock.calls).toEqual([[null], [null]]);
  });

  it('moves over the shown reactions only', () => {
    const { root, toolbar, button } = setUp();
    toolbar.applySettings({ ...DEFAULT_SETTINGS, reactions: ['sad', 'wow'] });
    button('wow').focus();
    button('wow').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    expect(root.activeElement).toBe(button('sad'));
  });
});

/** Words of the engine's and the background's English reasons for a full disk. */
const ENGLISH_WORDS =
  /\b(the|browser's|storage|full|saved|free|disk|space|try|again|quota|exceeded)\b/i;

describe('a failure the background reports, in the toolbar', () => {
  /** The background as its worker answers, over a disk too full for the write (or the upgrade). */
  const fullDisk: SendMessage = (message) =>
    answerMessage(
      createBackgroundCalls(() =>
        Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')),
      ),
      message,
    );
  const saveOnFullDisk = () =>
    callBackground(fullDisk, 'setReaction', {
      url: 'https://news.example/story',
      title: 'Story',
      reaction: 'wow',
    }).then(({ reaction }) => reaction);

  // The background's English reason inside a German or Arabic sentence told the reader nothing.
  it.each([
    [
      'de',
      'Deine Reaktion wurde nicht gespeichert: der Speicher ist voll. Gib Speicherplatz frei und versuche es dann erneut.',
    ],
    ['ar', 'لم يُحفظ تفاعلك: مساحة التخزين ممتلئة. حرّر بعض المساحة ثم أعد المحاولة.'],
  ] as const)('says in %s, in its own words, that the disk is full', async (locale, text) => {
    const { root, button, toolbar } = setUp(saveOnFullDisk, { locale });
    toolbar.show(null);
    trustedClick(button('wow'));
    await vi.waitFor(() => expect(root.querySelector('.status')?.textContent).not.toBe(''));
    const said = root.querySelector('.status')!.textContent!;
    expect(said).toBe(text);
    expect(said).not.toMatch(ENGLISH_WORDS);
    if (locale === 'ar') expect(said).not.toMatch(/[A-Za-z]/);
  });

  it('says in German that the stored reaction could not be read for a full disk', async () => {
    const { root, toolbar } = setUp(undefined, { locale: 'de' });
    toolbar.showLoadError(await saveOnFullDisk().catch((error: unknown) => error));
    expect(root.querySelector('.status')?.textContent).toBe(
      'Deine Reaktion konnte nicht geladen werden: der Speicher ist voll. Gib Speicherplatz frei und versuche es dann erneut.',
    );
  });
});

describe('Toolbar.insertAfter: the floating toolbar in the top layer', () => {
  const floating: Settings = { ...DEFAULT_SETTINGS, placement: 'floating' };
  /** The popovers shown, by jsdom's stand-in for the browser's popover API (it has none). */
  let shown: Set<Element>;
  let showPopover: ReturnType<typeof vi.fn>;
  let matchesOpen: { mockRestore(): void };

  beforeEach(() => {
    shown = new Set();
    // jsdom's :popover-open matches nothing; here it matches the popovers shown.
    const { matches } = Element.prototype;
    matchesOpen = vi.spyOn(Element.prototype, 'matches').mockImplementation(function (
      this: Element,
      selectors: string,
    ) {
      return selectors === ':popover-open' ? shown.has(this) : matches.call(this, selectors);
    });
    // As in the browsers: only a connected element with the popover attribute can be shown.
    showPopover = vi.fn(function (this: HTMLElement) {
      if (!this.isConnected || !this.hasAttribute('popover')) {
        throw new DOMException('not a showable popover', 'InvalidStateError');
      }
      shown.add(this);
    });
    Object.assign(HTMLElement.prototype, {
      showPopover,
      hidePopover(this: HTMLElement) {
        shown.delete(this);
      },
    });
  });

  afterEach(() => {
    matchesOpen.mockRestore();
    const prototype = HTMLElement.prototype as Partial<HTMLElement>;
    delete prototype.showPopover;
    delete prototype.hidePopover;
  });

  /** A toolbar with its article, the host not yet in the page. */
  function setUpArticle(
    settings: Settings = floating,
    store?: (reaction: Reaction | null) => Promise<Reaction | null>,
  ) {
    const parts = setUp(store, { settings });
    parts.toolbar.host.remove();
    const article = document.createElement('article');
    document.body.replaceChildren(article, document.createElement('footer'));
    const frame = parts.root.querySelector<HTMLElement>('.frame')!;
    /** Shown in the top layer: a manual popover (no light dismiss), and open. */
    const inTopLayer = () => frame.getAttribute('popover') === 'manual' && shown.has(frame);
    /** Puts the article, and the toolbar after it, in a `<div>` with `style` (an opacity, a filter). */
    const placeInStyledWrapper = (style: Partial<Record<'opacity' | 'filter', string>>) => {
      const wrapper = document.createElement('div');
      Object.assign(wrapper.style, style);
      article.replaceWith(wrapper);
      wrapper.append(article);
      parts.toolbar.insertAfter(article);
      parts.toolbar.show(null);
    };
    return { ...parts, article, frame, inTopLayer, placeInStyledWrapper };
  }

  it('stays after the article and shows the floating part in the top layer', () => {
    const { toolbar, article, inTopLayer } = setUpArticle();
    expect(inTopLayer()).toBe(false);
    toolbar.insertAfter(article);
    expect(article.nextElementSibling).toBe(toolbar.host);
    expect(inTopLayer()).toBe(true);
    // The popover is inside the closed root: the host shows the page nothing new.
    expect(toolbar.host.getAttributeNames().filter((name) => !name.startsWith('data-'))).toEqual(
      [],
    );
  });

  it('shows it again once put back: leaving the page closed it', () => {
    const { toolbar, article, frame, inTopLayer } = setUpArticle();
    toolbar.insertAfter(article);
    toolbar.host.remove();
    shown.delete(frame); // as the browser does on removal
    toolbar.insertAfter(article);
    expect(inTopLayer()).toBe(true);
  });

  it('shows it again where the page moved the host (a move closes it too)', () => {
    const { toolbar, article, frame, inTopLayer } = setUpArticle();
    toolbar.insertAfter(article);
    document.querySelector('footer')!.append(toolbar.host);
    shown.delete(frame); // as the browser does on removal, which a move is
    toolbar.keepShown();
    expect(inTopLayer()).toBe(true);
  });

  it('keeps an inline toolbar out of the top layer when asked to keep it shown', () => {
    const { toolbar, article, frame } = setUpArticle(DEFAULT_SETTINGS);
    toolbar.insertAfter(article);
    toolbar.keepShown();
    expect(frame.hasAttribute('popover')).toBe(false);
    expect(shown.size).toBe(0);
  });

  it('follows the placement: inline takes it out of the top layer, floating again puts it back', () => {
    const { toolbar, article, frame, inTopLayer } = setUpArticle(DEFAULT_SETTINGS);
    toolbar.insertAfter(article);
    expect(frame.hasAttribute('popover')).toBe(false);
    toolbar.applySettings(floating);
    expect(inTopLayer()).toBe(true);
    toolbar.applySettings(DEFAULT_SETTINGS);
    // A removed popover attribute closes the popover in the browsers.
    expect(frame.hasAttribute('popover')).toBe(false);
    expect(article.nextElementSibling).toBe(toolbar.host);
  });

  it('waits for the page: a floating toolbar out of it is not shown', () => {
    const { toolbar } = setUpArticle();
    toolbar.applySettings(floating);
    expect(showPopover).not.toHaveBeenCalled();
  });

  it('shows it when focused by the shortcut, wherever the host was put', () => {
    const { toolbar, article, root, inTopLayer } = setUpArticle();
    article.append(toolbar.host);
    toolbar.focus();
    expect(inTopLayer()).toBe(true);
    expect(root.querySelector('.launcher')?.getAttribute('aria-expanded')).toBe('true');
  });

  it.each([
    { placement: 'floating', counts: true },
    { placement: 'inline', counts: false },
  ] as const)(
    "counts a pointer's click under a see-through ancestor when $placement: $counts",
    async ({ placement, counts }) => {
      // The top layer is drawn without its ancestors' opacity: the floating toolbar shows whole.
      const { root, button, choose, placeInStyledWrapper } = setUpArticle({
        ...DEFAULT_SETTINGS,
        placement,
      });
      placeInStyledWrapper({ opacity: '0.9' });
      if (placement === 'floating') trustedClick(root.querySelector('.launcher')!);
      trustedClick(button('like'));
      await Promise.resolve();
      expect(choose.mock.calls).toEqual(counts ? [['like']] : []);
    },
  );

  it('says something covers a refused click when floating on a filtered page, drawn unfiltered', async () => {
    // The top layer is drawn without the page's filter: the visibility observer judged the
    // toolbar itself, and the keyboard would meet the same cover.
    const observers = stubVisibilityObserver();
    try {
      const { root, button, choose, placeInStyledWrapper } = setUpArticle();
      placeInStyledWrapper({ filter: 'grayscale(1)' });
      trustedClick(root.querySelector('.launcher')!);
      observers[0]!.report([{ target: button('like'), isVisible: false }]);
      trustedClick(button('like'));
      await Promise.resolve();
      expect(choose).not.toHaveBeenCalled();
      expect(root.querySelector('.status')?.textContent).toMatch(/covers this reaction/);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('keeps working where the browser refuses to show it', () => {
    const { toolbar, article, root } = setUpArticle();
    showPopover.mockImplementation(() => {
      throw new DOMException('already open', 'InvalidStateError');
    });
    expect(() => {
      toolbar.insertAfter(article);
      toolbar.applySettings(floating);
      toolbar.focus();
    }).not.toThrow();
    expect(article.nextElementSibling).toBe(toolbar.host);
    expect(root.querySelector('.launcher')?.getAttribute('aria-expanded')).toBe('true');
  });

  describe("the panel's limits, divided by the page's zoom", () => {
    /** Stands in ResizeObserver (jsdom has none): `report()` is the browser's next report. */
    function stubResizeObserver() {
      const observers: { observed: Element[]; boxes: unknown[]; report(): void; on: boolean }[] =
        [];
      vi.stubGlobal(
        'ResizeObserver',
        class {
          constructor(callback: () => void) {
            const state = { observed: [] as Element[], boxes: [] as unknown[], on: true };
            const watcher = { ...state, report: () => watcher.on && callback() };
            observers.push(watcher);
            Object.assign(this, {
              observe: (target: Element, options?: { box?: string }) => {
                watcher.observed.push(target);
                watcher.boxes.push(options?.box);
              },
              disconnect: () => (watcher.on = false),
            });
          }
        },
      );
      return observers;
    }

    afterEach(() => vi.unstubAllGlobals());

    it('are divided anew when the page zooms the article while the panel is open', () => {
      const observers = stubResizeObserver();
      const { toolbar, article, root } = setUpArticle();
      toolbar.insertAfter(article);
      let zoom = 1;
      Object.defineProperty(toolbar.host, 'currentCSSZoom', { get: () => zoom });
      toolbar.focus();
      const panel = root.querySelector<HTMLElement>('.toolbar')!;
      expect(panel.style.maxWidth).toBe('');
      // The site's text-size control, pressed with the panel open: the floating button, zoomed
      // with the article, changes size in the screen's pixels.
      zoom = 2;
      for (const observer of observers) observer.report();
      expect(panel.style.maxWidth).toBe('min(640px, calc(100vw / 2 - 32px))');
      // (jsdom rewrites the calc() of the height; a browser keeps it.)
      expect(panel.style.maxHeight).toMatch(/dvh/);
      zoom = 1;
      for (const observer of observers) observer.report();
      expect(panel.style.maxWidth).toBe('');
    });

    it('stop being watched once the toolbar is disposed', () => {
      const observers = stubResizeObserver();
      const { toolbar } = setUpArticle();
      expect(observers.some((observer) => observer.on)).toBe(true);
      toolbar.dispose();
      expect(observers.filter((observer) => observer.on)).toEqual([]);
    });
  });

  describe("moving off the page's focused control (WCAG 2.4.11)", () => {
    /** A box in the window's coordinates. */
    const box = (left: number, top: number, width: number, height: number) =>
      ({
        left,
        top,
        width,
        height,
        x: left,
        y: top,
        right: left + width,
        bottom: top + height,
      }) as DOMRect;

    /**
     * Lays the floating toolbar out as the browsers do in an 800 × 600 window (jsdom lays out
     * nothing): a 48px button 16px from the corner its frame takes, and a 300 × 200 panel 8px
     * above it (below it in a top corner); the page's `controls` where the map puts them.
     */
    function stubLayout(root: ShadowRoot, controls: Map<Element, DOMRect>) {
      const frame = root.querySelector<HTMLElement>('.frame')!;
      const launcher = root.querySelector('.launcher');
      const panel = root.querySelector('.toolbar');
      return vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (
        this: Element,
      ) {
        const corner = frame.dataset.corner ?? '';
        const left = corner.includes('start') ? 16 : 800 - 16 - 48;
        const top = corner.includes('top') ? 16 : 600 - 16 - 48;
        if (this === launcher) return box(left, top, 48, 48);
        const panelLeft = corner.includes('start') ? 16 : 800 - 16 - 300;
        const panelTop = corner.includes('top') ? top + 48 + 8 : top - 8 - 200;
        if (this === panel) return box(panelLeft, panelTop, 300, 200);
        return controls.get(this) ?? box(0, 0, 0, 0);
      });
    }

    /**
     * A control of the page's placed at `at` by stubLayout: a button, or a text field, which
     * browsers draw with a focus ring (:focus-visible) however it is focused, by script too.
     */
    function pageControl(
      controls: Map<Element, DOMRect>,
      at: DOMRect,
      tag: 'button' | 'input' = 'button',
    ): HTMLElement {
      const control = document.createElement(tag);
      document.body.append(control);
      controls.set(control, at);
      return control;
    }

    /** The reader's Tab moving focus to `target`, as in the browsers: in the key's own task. */
    function tabTo(target: HTMLElement): void {
      trusted(document.body, new KeyboardEvent('keydown', { key: 'Tab', bubbles: true }));
      target.focus();
    }

    /** Where the page keeps its "back to top" button: the toolbar's own corner. */
    const IN_THE_CORNER = box(740, 540, 44, 44);
    /** A button at the window's top, under none of the toolbar's corners. */
    const AT_THE_TOP = box(370, 200, 60, 30);

    function setUpPlaced(store?: (reaction: Reaction | null) => Promise<Reaction | null>) {
      const parts = setUpArticle(floating, store);
      parts.toolbar.insertAfter(parts.article);
      parts.toolbar.show(null);
      const controls = new Map<Element, DOMRect>();
      layout = stubLayout(parts.root, controls);
      const panel = parts.root.querySelector<HTMLElement>('.toolbar')!;
      return { ...parts, controls, panel };
    }

    let layout: { mockRestore(): void } | undefined;
    // jsdom guesses :focus-visible from the last event it saw, in whichever test: here it is the
    // browsers' rule for a text field, or a button Tab reached, focused now.
    beforeEach(() => {
      const { matches } = Element.prototype;
      Object.defineProperty(HTMLElement.prototype, 'matches', {
        configurable: true,
        value(this: HTMLElement, selectors: string) {
          if (selectors !== ':focus-visible') return matches.call(this, selectors);
          return this === this.ownerDocument.activeElement;
        },
      });
    });
    afterEach(() => {
      layout?.mockRestore();
      delete (HTMLElement.prototype as Partial<HTMLElement>).matches;
    });

    it("moves off a control the reader's Tab focuses in its corner, and back once Tab leaves it", () => {
      const { frame, controls } = setUpPlaced();
      const toTop = pageControl(controls, IN_THE_CORNER);
      const elsewhere = pageControl(controls, AT_THE_TOP);
      tabTo(toTop);
      expect(frame.dataset.corner).toBe('start');
      tabTo(elsewhere);
      expect(frame.dataset.corner).toBe('');
    });

    describe('the page under the button, in its scheme', () => {
      const { elementsFromPoint } = document;
      /** What the page shows at each point: `start` on the window's start half, else `end`. */
      function stubPageAt(at: { start: Element[]; end: Element[] }) {
        document.elementsFromPoint = (x: number) => (x < 400 ? at.start : at.end);
      }
      afterEach(() => {
        document.elementsFromPoint = elementsFromPoint;
        document.documentElement.removeAttribute('style');
        document.body.removeAttribute('style');
      });
      const scheme = (frame: HTMLElement) => frame.dataset.theme;
      /**
       * A floating toolbar shown over a page's light top, its article in a dark section below,
       * which nothing under the button shows yet.
       */
      function placeOverLightTop() {
        document.body.style.backgroundColor = 'rgb(255, 255, 255)';
        const root = document.documentElement;
        stubPageAt({ start: [document.body, root], end: [document.body, root] });
        const { frame, toolbar, article } = setUpPlaced();
        const section = document.createElement('section');
        section.style.backgroundColor = 'rgb(0, 0, 0)';
        document.body.append(section);
        section.append(article, toolbar.host);
        toolbar.keepShown();
        expect(scheme(frame)).toBe('light');
        return { frame, toolbar, section, root };
      }

      // A page dark in its margins (its root) around a light column (its body): the start corner
      // shows the dark margin. Moved there, the button stayed light on it.
      it("reads it again where the button moves off the reader's focused control", () => {
        document.documentElement.style.backgroundColor = 'rgb(0, 0, 0)';
        document.body.style.backgroundColor = 'rgb(255, 255, 255)';
        const root = document.documentElement;
        stubPageAt({ start: [root], end: [document.body, root] });
        const { frame, toolbar, controls } = setUpPlaced();
        // Read again once laid out (stubLayout), as where the page moves the host.
        document.body.append(toolbar.host);
        toolbar.keepShown();
        expect(scheme(frame)).toBe('light');
        const toTop = pageControl(controls, IN_THE_CORNER);
        const elsewhere = pageControl(controls, AT_THE_TOP);
        tabTo(toTop);
        expect(frame.dataset.corner).toBe('start');
        expect(scheme(frame)).toBe('dark');
        tabTo(elsewhere);
        expect(scheme(frame)).toBe('light');
      });

      // A light top and the story's dark section below it: scrolled to it, the button stayed
      // light over the dark section.
      // A resized window lays the page out anew (a phone turned round): its part under the
      // corner changes as well.
      it.each([
        ['the reader scrolled', () => document.dispatchEvent(new Event('scroll'))],
        ['the window was resized', () => window.dispatchEvent(new Event('resize'))],
      ])('reads it again once %s another part of the page under it', async (_, event) => {
        const { frame, toolbar, section, root } = placeOverLightTop();
        stubPageAt({ start: [section, document.body, root], end: [section, document.body, root] });
        event();
        await vi.waitFor(() => expect(scheme(frame)).toBe('dark'));
        toolbar.dispose();
      });

      // A page whose ticker scrolls every 50 ms never settles: scrolled to its dark section, the
      // button stayed light as long as the ticker ran. Read at most once a second meanwhile.
      it.each([
        ['scrolls', () => document.dispatchEvent(new Event('scroll'))],
        ['resizes', () => window.dispatchEvent(new Event('resize'))],
      ])('reads it again, boundedly often, on a page that never stops as it %s', (_, event) => {
        vi.useFakeTimers();
        try {
          const { frame, toolbar, section, root } = placeOverLightTop();
          let reads = 0;
          document.elementsFromPoint = () => {
            reads++;
            return [section, document.body, root];
          };
          for (let elapsed = 0; elapsed < 3_000; elapsed += 50) {
            event();
            vi.advanceTimersByTime(50);
          }
          expect(scheme(frame)).toBe('dark');
          expect(reads).toBeGreaterThan(0);
          expect(reads).toBeLessThanOrEqual(3);
          toolbar.dispose();
        } finally {
          vi.useRealTimers();
        }
      });
    });

    it("stays where it is when the page's script focuses a field under it, no key pressed", () => {
      // Otherwise a page could chase the toolbar from the reader's pointer, corner to corner.
      const { frame, controls } = setUpPlaced();
      const decoy = pageControl(controls, IN_THE_CORNER, 'input');
      decoy.focus();
      expect(decoy.matches(':focus-visible')).toBe(true);
      expect(frame.dataset.corner ?? '').toBe('');
    });

    it("keeps its panel open when the page's script focuses a field it would cover anywhere", () => {
      const { root, frame, controls, panel } = setUpPlaced();
      trustedClick(root.querySelector('.launcher')!);
      expect(panel.hidden).toBe(false);
      const wholeWindow = pageControl(controls, box(0, 0, 800, 600), 'input');
      wholeWindow.focus();
      expect(panel.hidden).toBe(false);
      expect(frame.dataset.corner ?? '').toBe('');
    });

    it('comes back to its own corner when switched to inline and floating again', () => {
      const { toolbar, frame, controls } = setUpPlaced();
      const toTop = pageControl(controls, IN_THE_CORNER);
      tabTo(toTop);
      expect(frame.dataset.corner).toBe('start');
      toTop.blur();
      toolbar.applySettings(DEFAULT_SETTINGS);
      toolbar.applySettings(floating);
      expect(frame.dataset.corner ?? '').toBe('');
      // Switched while the reader's focus is still on a control in its corner: moved off it again.
      tabTo(toTop);
      toolbar.applySettings(DEFAULT_SETTINGS);
      toolbar.applySettings(floating);
      expect(frame.dataset.corner).toBe('start');
    });

    // Where the panel would open; or across the whole window (a window as small as 400% zoom
    // makes it), where the panel stays open anyway, hiding least: it tells of the failure.
    it.each([
      { where: 'where the panel opens', at: box(500, 400, 100, 30), corner: 'start' },
      { where: 'across the window', at: box(0, 0, 800, 600), corner: '' },
    ])(
      "reopened to tell of a failed vote, leaves the reader's focused control in sight ($where)",
      async ({ at, corner }) => {
        let fail: (error: Error) => void = () => {};
        const { root, button, frame, controls, panel } = setUpPlaced(
          () => new Promise((_, reject) => (fail = reject)),
        );
        trustedClick(root.querySelector('.launcher')!);
        trustedClick(button('like'));
        // The reader closes the panel and Tabs on, into the page.
        trustedClick(root.querySelector('.close')!);
        tabTo(pageControl(controls, at));
        expect(frame.dataset.corner ?? '').toBe('');
        fail(new Error('the store is gone'));
        await vi.waitFor(() => expect(panel.hidden).toBe(false));
        expect(frame.dataset.corner ?? '').toBe(corner);
      },
    );
  });
});

describe('Toolbar.dispose', () => {
  /** A trusted Tab press that moves focus to `target`, as in the key's-click cases above. */
  function tabTo(target: HTMLElement): void {
    trusted(document.body, new KeyboardEvent('keydown', { key: 'Tab', bubbles: true }));
    target.focus();
  }

  it('stops hearing the window: a later Tab no longer lets a key press a reaction', async () => {
    const { toolbar, button, choose } = setUp();
    toolbar.show(null);
    toolbar.dispose();
    tabTo(button('like'));
    trustedClick(button('like'), 0);
    await Promise.resolve();
    expect(choose).not.toHaveBeenCalled();
  });

  it('takes off the window every listener the toolbar put there', () => {
    const win = document.defaultView!;
    const added = vi.spyOn(win, 'addEventListener');
    const removed = vi.spyOn(win, 'removeEventListener');
    try {
      const { toolbar } = setUp();
      expect(added).toHaveBeenCalled();
      expect(removed).not.toHaveBeenCalled();
      toolbar.dispose();
      expect(removed.mock.calls).toEqual(added.mock.calls);
    } finally {
      added.mockRestore();
      removed.mockRestore();
    }
  });

  it('disconnects its visibility observer (IntersectionObserver v2)', () => {
    const observers = stubVisibilityObserver();
    try {
      const { toolbar, button } = setUp();
      expect(observers).toHaveLength(1);
      expect(observers[0]!.observed).toContain(button('like'));
      toolbar.dispose();
      expect(observers[0]!.disconnected).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

interface FakeVisibilityObserver {
  observed: Element[];
  disconnected: boolean;
  /** Reports each target's visibility, as IntersectionObserver v2 does. */
  report(entries: { target: Element; isVisible: boolean }[]): void;
}

/** Stands in IntersectionObserver v2 (jsdom has none), whose reports a test makes. */
function stubVisibilityObserver(): FakeVisibilityObserver[] {
  const observers: FakeVisibilityObserver[] = [];
  class FakeObserver {
    constructor(callback: (entries: unknown[]) => void) {
      const state: FakeVisibilityObserver = {
        observed: [],
        disconnected: false,
        report: (entries) => callback(entries),
      };
      observers.push(state);
      Object.assign(this, {
        observe: (target: Element) => state.observed.push(target),
        disconnect: () => (state.disconnected = true),
      });
    }
  }
  class FakeEntry {
    get isVisible() {
      return false;
    }
  }
  vi.stubGlobal('IntersectionObserver', FakeObserver);
  vi.stubGlobal('IntersectionObserverEntry', FakeEntry);
  return observers;
}

describe('a click where the browser reports visibility (IntersectionObserver v2)', () => {
  it('counts on a button reported visible, while another is covered, and says why not', async () => {
    const observers = stubVisibilityObserver();
    try {
      const { toolbar, root, button, choose } = setUp();
      toolbar.show(null);
      observers[0]!.report([
        { target: button('like'), isVisible: true },
        { target: button('love'), isVisible: false },
      ]);
      trustedClick(button('love'));
      await Promise.resolve();
      expect(choose).not.toHaveBeenCalled();
      expect(root.querySelector('.status')?.textContent).toMatch(/covers this reaction/);
      trustedClick(button('like'));
      await Promise.resolve();
      expect(choose.mock.calls).toEqual([['like']]);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('a click on a page drawn through a filter or a transform (IntersectionObserver v2 reports it hidden)', () => {
  it.each([
    { filter: 'grayscale(1)', transform: 'none', says: /colour filter.*Press Tab/ },
    { filter: 'grayscale(0)', transform: 'none', says: /colour filter.*Press Tab/ },
    { filter: 'none', transform: 'none', says: /covers this reaction/ },
    // A page scaled down to fit (or turned, or in 3D) is taken for hidden as well.
    {
      filter: 'none',
      transform: 'matrix(0.9, 0, 0, 0.9, 0, 0)',
      says: /scaled down, turned or in 3D.*Press Tab/,
    },
    { filter: 'none', transform: 'matrix(1, 0, 0, 1, 0, 40)', says: /covers this reaction/ },
  ])(
    'with filter $filter and transform $transform: not counted, and says so ($says)',
    async ({ filter, transform, says }) => {
      // A page greyed for a day of mourning: the observer takes every button for hidden. The
      // click still does not count (a filter that changes nothing, plus a cover, would pass
      // otherwise); the reader is told the keyboard works rather than that something covers
      // the reaction, which scrolling and clicking again would not mend.
      const observers = stubVisibilityObserver();
      try {
        const { toolbar, root, button, choose } = setUp();
        const wrapper = document.createElement('div');
        wrapper.style.filter = filter;
        wrapper.style.transform = transform;
        document.body.append(wrapper);
        wrapper.append(toolbar.host);
        toolbar.show(null);
        observers[0]!.report([{ target: button('like'), isVisible: false }]);
        trustedClick(button('like'));
        await Promise.resolve();
        expect(choose).not.toHaveBeenCalled();
        expect(root.querySelector('.status')?.textContent).toMatch(says);
      } finally {
        vi.unstubAllGlobals();
      }
    },
  );
});

/** A stylesheet of the toolbar as the build bundles it (vitest imports CSS as an empty string). */
const readStyles = (name: string) =>
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../src/content', name), 'utf8');

describe('toolbar.css', () => {
  /** The declarations of a stylesheet, comments left out. */
  const declarations = (css: string) =>
    css
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .split(/[{};]/)
      .map((part) => part.trim())
      .filter((part) => /^[a-z-]+\s*:/.test(part));

  it.each(['toolbar.css', 'toolbar-floating.css'])(
    '%s scales, filters and fades nothing: IntersectionObserver v2 would take a button held down for a hidden one',
    (name) => {
      // Chrome's IntersectionObserver v2 (reader-intent.ts) reports a target that is scaled down,
      // filtered or see-through as not visible: a click held on such a button would not count.
      const effects = declarations(readStyles(name)).filter((declaration) =>
        /^(transform|scale|rotate|filter|backdrop-filter|opacity|zoom|mask[a-z-]*)\s*:/.test(
          declaration,
        ),
      );
      expect(effects).toEqual([]);
    },
  );

  it.each(['toolbar.css', 'toolbar-floating.css'])(
    "%s keeps no value in a custom property, which a page's @property would make transparent",
    (name) => {
      // A page's @property registers its name for the whole document, shadow trees included: as
      // `syntax: '<length>'` or `inherits: false`, Chromium drew the toolbar without text or box.
      const css = readStyles(name).replace(/\/\*[\s\S]*?\*\//g, '');
      expect(css.match(/--[\w-]+/g) ?? []).toEqual([]);
    },
  );

  it('leaves the toolbar out of a printed article, the floating one in the top layer too', () => {
    const css = readStyles('toolbar.css').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const selector of [':host', '\\.frame\\[popover\\]']) {
      const print = new RegExp(
        `@media\\s+print\\s*\\{\\s*${selector}\\s*\\{([^{}]*)\\}\\s*\\}`,
      ).exec(css);
      expect(print?.[1], selector).toMatch(/display\s*:\s*none\s*!important/);
    }
  });

  it("undoes the browser's popover box for the floating frame, in the page's end corner", () => {
    const css = readStyles('toolbar.css').replace(/\/\*[\s\S]*?\*\//g, '');
    const rule = /(?:^|\})\s*\.frame\[popover\]\s*\{([^{}]*)\}/.exec(css)?.[1] ?? '';
    const set = Object.fromEntries(
      declarations(`{${rule}}`).map((declaration) => {
        const [property, ...value] = declaration.split(':');
        return [property!.trim(), value.join(':').trim()];
      }),
    );
    expect(set).toMatchObject({
      position: 'fixed',
      inset: 'auto',
      'inset-block-end': '16px',
      'inset-inline-end': '16px',
      margin: '0',
      border: '0',
      padding: '0',
      background: 'none',
      overflow: 'visible',
      color: 'inherit',
    });
  });

  it('keeps the floating host in the page, taking no room (not display: none, which hides its frame)', () => {
    const host = declarations(readStyles('toolbar-floating.css'));
    // Absolute: an empty box in flow still takes a cell of the page's grid, a gap of its flex.
    expect(host).toEqual(
      expect.arrayContaining([
        'width: 0 !important',
        'height: 0 !important',
        'position: absolute !important',
      ]),
    );
    expect(host.filter((declaration) => /^display\s*:/.test(declaration))).toEqual([]);
  });

  it('lets the floating panel scroll when the window is shorter than it (zoomed in)', () => {
    const css = readStyles('toolbar.css').replace(/\/\*[\s\S]*?\*\//g, '');
    const rules = [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)];
    const panel = rules.filter(([, selector]) =>
      /\[data-placement='floating'\]\s+\.toolbar\s*$/.test(selector!),
    );
    const body = panel.map(([, , declarations]) => declarations).join(';');
    expect(body).toMatch(/max-height\s*:\s*calc\(100d?vh\s*-/);
    expect(body).toMatch(/overflow(-y)?\s*:\s*auto/);
  });

  it('keeps the status region drawn while it is empty, so that screen readers announce an error', () => {
    const rules = [
      ...readStyles('toolbar.css')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .matchAll(/([^{}]+)\{([^{}]*)\}/g),
    ];
    const hiding = rules
      .filter(([, selector]) => selector!.includes('.status'))
      .filter(([, , body]) => /\b(display\s*:\s*none|visibility\s*:\s*hidden)/.test(body!))
      .map(([, selector]) => selector!.trim());
    expect(hiding).toEqual([]);
  });

  it('draws the focus ring of the pressed reaction in a system colour in forced colours', () => {
    // The pressed reaction opts out of forced colours (forced-color-adjust: none); its ring in the
    // toolbar's accent kept the theme's blue, under 3:1 on a light contrast theme's page colour.
    const css = readStyles('toolbar.css').replace(/\/\*[\s\S]*?\*\//g, '');
    const forced = /@media\s*\(forced-colors:\s*active\)\s*\{((?:[^{}]*\{[^{}]*\})*)\s*\}/.exec(
      css,
    )?.[1];
    const rules = [...(forced ?? '').matchAll(/([^{}]+)\{([^{}]*)\}/g)];
    const ring = rules
      .filter(([, selector]) => /aria-pressed='true'\]:focus-visible/.test(selector!))
      .map(([, , body]) => body)
      .join(';');
    expect(ring).toMatch(/outline-color\s*:\s*(CanvasText|Highlight|SelectedItemText)\b/);
  });

  it("sizes the toolbar's text by the reader's default font size, not in pixels", () => {
    // The host's `all: initial` gives it the browser's `medium`, the reader's own font size, which
    // the page cannot change: ems of it follow a reader who set a larger one, as pixels did not.
    const css = readStyles('toolbar.css').replace(/\/\*[\s\S]*?\*\//g, '');
    const sizes = declarations(css).filter((declaration) => /^font(-size)?\s*:/.test(declaration));
    expect(sizes.length).toBeGreaterThan(0);
    expect(sizes.filter((declaration) => /\dpx\b/.test(declaration))).toEqual([]);
    // The floating button grows with its emoji, which would otherwise overflow its circle.
    const launcher = /(?:^|\})\s*button\.launcher\s*\{([^{}]*)\}/.exec(css)?.[1] ?? '';
    expect(declarations(`{${launcher}}`)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^width:\s*[\d.]+em$/)]),
    );
  });

  it.each(['toolbar.css', 'toolbar-floating.css'])(
    "%s sizes nothing by the page's root font size (rem), which a page may set to 1px",
    (name) => {
      const byRoot = declarations(readStyles(name)).filter((declaration) =>
        /\d(rem|rlh)\b/.test(declaration),
      );
      expect(byRoot).toEqual([]);
    },
  );
});

describe('createToolbar, searched by the page', () => {
  /** The root's text, which the page's `window.find` searches as it shows (styles aside). */
  function textOf(root: ShadowRoot): string {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const texts: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.localName !== 'style') texts.push(node.textContent ?? '');
    }
    return texts.join('|');
  }

  it.each(['inline', 'floating'] as const)(
    'holds no reaction’s emoji or name as text, whichever is shown (%s)',
    (placement) => {
      // Two on show: the others wait in the spare slot, where only the selected one is visible,
      // and visible text is what window.find finds.
      const { root, toolbar } = setUp(undefined, { locale: 'en' });
      toolbar.applySettings({ ...DEFAULT_SETTINGS, placement, reactions: ['like', 'love'] });
      for (const reaction of [null, ...REACTIONS]) {
        toolbar.show(reaction);
        const text = textOf(root);
        for (const word of REACTIONS.flatMap((r) => [REACTION_EMOJI[r], reactionName('en', r)])) {
          expect(text, `${word}, ${reaction ?? 'none'} shown`).not.toContain(word);
        }
      }
    },
  );

  it.each(['inline', 'floating'] as const)(
    'clears what it told a screen reader of a choice soon after (%s)',
    async (placement) => {
      const { root, toolbar, button } = setUp(undefined, { locale: 'en' });
      toolbar.applySettings({ ...DEFAULT_SETTINGS, placement });
      toolbar.show(null);
      if (placement === 'floating') trustedClick(root.querySelector('.launcher')!);
      const before = textOf(root);
      const live = root.querySelector('[aria-live]')!;
      for (const [reaction, said] of [
        ['love', 'Reacted love'],
        ['love', 'Reaction removed'],
      ] as const) {
        trustedClick(button(reaction));
        await vi.waitFor(() => expect(live.textContent).toBe(said));
        await vi.waitFor(() => expect(textOf(root)).toBe(before), { timeout: 3_000 });
      }
    },
  );

  it('still names each reaction and the floating button’s reaction to assistive technology', () => {
    const { root, toolbar, button } = setUp(undefined, { locale: 'en' });
    toolbar.applySettings({ ...DEFAULT_SETTINGS, placement: 'floating' });
    toolbar.show('love');
    expect(REACTIONS.map((r) => button(r).getAttribute('aria-label'))).toEqual(
      REACTIONS.map((r) => reactionName('en', r)),
    );
    expect(root.querySelector('.launcher')!.getAttribute('aria-label')).toBe(
      'React to this article (your reaction: love)',
    );
  });
});
