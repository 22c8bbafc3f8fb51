import { describe, expect, it, vi } from 'vitest';
import { createToolbar, TOOLBAR_TAG } from '../../src/content/toolbar';
import type { Reaction } from '../../src/core/reactions';

type JsdomImpl = { isTrusted: boolean; _dispatch(event: JsdomImpl): void };

/** jsdom's implementation object behind a DOM wrapper. */
function implOf(wrapper: object): JsdomImpl {
  const symbol = Object.getOwnPropertySymbols(wrapper).find((s) => s.description === 'impl');
  return (wrapper as Record<symbol, JsdomImpl>)[symbol!]!;
}

/**
 * A click as the reader makes it. Script cannot forge isTrusted (dispatchEvent clears it), so
 * dispatch through jsdom's implementation, the way the browser dispatches real input.
 */
function trustedClick(target: Element): void {
  const event = implOf(new MouseEvent('click', { bubbles: true, composed: true }));
  event.isTrusted = true;
  implOf(target)._dispatch(event);
}

function setUp(store: (reaction: Reaction | null) => Promise<Reaction | null> = async (r) => r) {
  // The real root is closed; open it here to look inside.
  const { attachShadow } = Element.prototype;
  const spy = vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (
    this: Element,
    init: ShadowRootInit,
  ) {
    return attachShadow.call(this, { ...init, mode: 'open' });
  });
  const choose = vi.fn(store);
  const toolbar = createToolbar(document, { choose });
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

describe('createToolbar', () => {
  it('offers the seven reactions as named toggle buttons, in order', () => {
    const { root, toolbar } = setUp();
    expect(toolbar.host.localName).toBe(TOOLBAR_TAG);
    const buttons = [...root.querySelectorAll('button')];
    expect(
      buttons.map((b) => b.textContent?.replace(/\p{Extended_Pictographic}|\uFE0F/gu, '')),
    ).toEqual(['like', 'dislike', 'love', 'funny', 'angry', 'sad', 'wow']);
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
    expect(choose).not.toHaveBeenCalled();
    expect(pressed()).toEqual([]);
  });

  it('restores the previous reaction and says so when saving fails', async () => {
    const { button, pressed, toolbar, root } = setUp(async () => {
      throw new Error('disk full');
    });
    toolbar.show('like');
    trustedClick(button('angry'));
    await vi.waitFor(() => expect(root.querySelector('.status')?.textContent).toMatch(/disk full/));
    expect(pressed()).toEqual(['like']);
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

  it('keeps a single tab stop on the selected reaction', () => {
    const { toolbar, root } = setUp();
    toolbar.show('love');
    const stops = [...root.querySelectorAll('button')].filter((b) => b.tabIndex === 0);
    expect(stops.map((b) => b.dataset.reaction)).toEqual(['love']);
  });

  it('uses a closed shadow root with its own styles', () => {
    const toolbar = createToolbar(document, { choose: async (r) => r });
    expect(toolbar.host.shadowRoot).toBeNull();
  });
});
