import { describe, expect, it, vi } from 'vitest';
import { findHidingEffect, isSeeThrough, watchReaderIntent } from '../../src/content/reader-intent';

type JsdomImpl = { isTrusted: boolean; _dispatch(event: JsdomImpl): void };

/** jsdom's implementation object behind a DOM wrapper. */
function implOf(wrapper: object): JsdomImpl {
  const symbol = Object.getOwnPropertySymbols(wrapper).find((s) => s.description === 'impl');
  return (wrapper as Record<symbol, JsdomImpl>)[symbol!]!;
}

/** An event as the reader's input makes it (dispatchEvent would clear isTrusted). */
function trusted<E extends Event>(target: EventTarget, event: E): E {
  const impl = implOf(event);
  impl.isTrusted = true;
  implOf(target)._dispatch(impl);
  return event;
}

/** Two buttons in a shadow root, watched; `outside` is a button of the page. */
function setUp() {
  const host = document.createElement('div');
  const root = host.attachShadow({ mode: 'open' });
  const [first, second] = [document.createElement('button'), document.createElement('button')];
  root.append(first, second);
  const outside = document.createElement('button');
  document.body.replaceChildren(outside, host);
  const intent = watchReaderIntent(host, root, [first, second]);
  /** Whether Enter or Space (a click of detail 0) on `button` counts as the reader's. */
  const keyCounts = (button: HTMLElement) =>
    intent.isReaderClick(
      trusted(button, new MouseEvent('click', { bubbles: true, composed: true, detail: 0 })),
    );
  return { intent, first, second, outside, keyCounts };
}

async function tabIn(target: HTMLElement): Promise<void> {
  trusted(document.body, new KeyboardEvent('keydown', { key: 'Tab', bubbles: true }));
  target.focus();
  // The Tab's task ends: only what follows can arm the keys again.
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('ReaderIntent.carryArming', () => {
  it.each([
    { how: 'armed by a Tab, moved to the other button', tab: true, move: 'second', counts: true },
    {
      how: 'focused by script, moved to the other button',
      tab: false,
      move: 'second',
      counts: false,
    },
    // A page script then puts focus back in: its focus is not the reader's.
    { how: 'armed by a Tab, moved out of the toolbar', tab: true, move: 'outside', counts: false },
  ] as const)('$how: keys count, $counts', async ({ tab, move, counts }) => {
    const { intent, first, second, outside, keyCounts } = setUp();
    if (tab) await tabIn(first);
    else first.focus();
    intent.carryArming(() => (move === 'second' ? second : outside).focus());
    second.focus();
    expect(keyCounts(second)).toBe(counts);
  });

  it.each([
    { back: 'where the toolbar moved focus', counts: true },
    { back: 'after a script moved it out and in again', counts: false },
  ])('with the reader away, on return $back: $counts', async ({ counts }) => {
    const { intent, first, second, outside, keyCounts } = setUp();
    await tabIn(first);
    const hasFocus = vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    // Gone with the window: the button keeps focus in the document, unfocused.
    trusted(first, new FocusEvent('focusout', { bubbles: true, composed: true }));
    intent.carryArming(() => second.focus());
    if (!counts) {
      outside.focus();
      second.focus();
    }
    hasFocus.mockRestore();
    trusted(second, new FocusEvent('focusin', { bubbles: true, composed: true }));
    expect(keyCounts(second)).toBe(counts);
  });
});

describe('isSeeThrough', () => {
  it.each([
    { opacity: '0.2', seeThrough: true },
    { opacity: '1', seeThrough: false },
  ])(
    'in a frame of the page whose opacity is $opacity, moved there by its script: $seeThrough',
    ({ opacity, seeThrough }) => {
      const frame = document.createElement('iframe');
      frame.style.opacity = opacity;
      document.body.replaceChildren(frame);
      const host = document.createElement('div');
      frame.contentDocument!.body.append(host);
      expect(isSeeThrough(host)).toBe(seeThrough);
    },
  );
});

describe('isSeeThrough, by the filters of an ancestor', () => {
  it.each([
    { filter: 'opacity(0)', seeThrough: true },
    { filter: 'opacity(1) opacity(0)', seeThrough: true },
    { filter: 'opacity(100%) opacity(40%)', seeThrough: true },
    { filter: 'grayscale(1) opacity(1) blur(0px) opacity(0.5)', seeThrough: true },
    { filter: 'opacity(1) grayscale(1) opacity(100%)', seeThrough: false },
    { filter: 'grayscale(1)', seeThrough: false },
  ])('$filter: $seeThrough', ({ filter, seeThrough }) => {
    const ancestor = document.createElement('div');
    ancestor.style.filter = filter;
    const host = document.createElement('div');
    ancestor.append(host);
    document.body.replaceChildren(ancestor);
    expect(isSeeThrough(host)).toBe(seeThrough);
  });
});

describe('findHidingEffect', () => {
  it('sees the filter of the frame a page script moved the toolbar into', () => {
    const frame = document.createElement('iframe');
    frame.style.filter = 'grayscale(1)';
    document.body.replaceChildren(frame);
    const host = document.createElement('div');
    frame.contentDocument!.body.append(host);
    expect(findHidingEffect(host)).toBe('filter');
  });

  // Transforms as a browser computes them (a matrix() for 2D, a matrix3d() else): Chrome's
  // IntersectionObserver v2 takes all but a move and an even enlargement for hidden.
  it.each([
    { property: 'transform', value: 'matrix(1, 0, 0, 1, 0, 12)', effect: undefined },
    { property: 'transform', value: 'matrix(1.02, 0, 0, 1.02, 0, 0)', effect: undefined },
    { property: 'transform', value: 'matrix(0.999, 0, 0, 0.999, 0, 0)', effect: 'transform' },
    { property: 'transform', value: 'matrix(2, 0, 0, 1, 0, 0)', effect: 'transform' },
    {
      property: 'transform',
      value: 'matrix(0.999848, 0.0174524, -0.0174524, 0.999848, 0, 0)',
      effect: 'transform',
    },
    {
      property: 'transform',
      value: 'matrix3d(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1)',
      effect: 'transform',
    },
    { property: 'scale', value: '1.5', effect: undefined },
    { property: 'scale', value: '0.9', effect: 'transform' },
    { property: 'scale', value: '1 2', effect: 'transform' },
    { property: 'rotate', value: '0deg', effect: undefined },
    { property: 'rotate', value: '1deg', effect: 'transform' },
    { property: 'translate', value: '10px 20px', effect: undefined },
    { property: 'translate', value: '0px 0px 1px', effect: 'transform' },
    // Chrome takes a toolbar under these for hidden too (measured in Chromium 156): colour
    // effects of the page's drawing, as a filter is.
    { property: 'backdrop-filter', value: 'blur(1px)', effect: 'filter' },
    { property: 'mix-blend-mode', value: 'multiply', effect: 'filter' },
    { property: 'mix-blend-mode', value: 'normal', effect: undefined },
  ] as const)('$property: $value on an ancestor: $effect', ({ property, value, effect }) => {
    const ancestor = document.createElement('div');
    ancestor.style.setProperty(property, value);
    const host = document.createElement('div');
    ancestor.append(host);
    document.body.replaceChildren(ancestor);
    expect(findHidingEffect(host)).toBe(effect);
  });

  it('names the filter where an ancestor has a filter and another a transform', () => {
    const [outer, inner] = [document.createElement('div'), document.createElement('div')];
    outer.style.filter = 'grayscale(1)';
    inner.style.transform = 'matrix(0.5, 0, 0, 0.5, 0, 0)';
    const host = document.createElement('div');
    outer.append(inner);
    inner.append(host);
    document.body.replaceChildren(outer);
    expect(findHidingEffect(host)).toBe('filter');
  });
});
