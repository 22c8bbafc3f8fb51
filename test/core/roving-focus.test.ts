import { describe, expect, it } from 'vitest';
import { nextFocusIndex, rovingFocusTarget } from '../../src/core/roving-focus';

describe('nextFocusIndex', () => {
  [
    { key: 'ArrowRight', index: 0, rtl: false, expected: 1 },
    { key: 'ArrowDown', index: 0, rtl: false, expected: 1 },
    { key: 'ArrowLeft', index: 0, rtl: false, expected: 6 },
    { key: 'ArrowUp', index: 3, rtl: false, expected: 2 },
    { key: 'ArrowRight', index: 6, rtl: false, expected: 0 },
    { key: 'Home', index: 4, rtl: false, expected: 0 },
    { key: 'End', index: 1, rtl: false, expected: 6 },
    { key: 'ArrowRight', index: 2, rtl: true, expected: 1 },
    { key: 'ArrowLeft', index: 2, rtl: true, expected: 3 },
    { key: 'ArrowDown', index: 2, rtl: true, expected: 3 },
    { key: 'Enter', index: 2, rtl: false, expected: undefined },
    { key: 'a', index: 2, rtl: false, expected: undefined },
  ].forEach(({ key, index, rtl, expected }) => {
    it(`${key} from ${index} of 7${rtl ? ' (right to left)' : ''} → ${expected}`, () => {
      expect(nextFocusIndex(key, index, 7, rtl)).toBe(expected);
    });
  });
});

describe('rovingFocusTarget', () => {
  function row(dir: 'ltr' | 'rtl' = 'ltr') {
    document.body.innerHTML = `<div dir="${dir}"><button>a</button><button>b</button><button>c</button></div>`;
    const container = document.querySelector('div')!;
    return { container, items: [...container.querySelectorAll('button')] };
  }
  const press = (target: Element, key: string, init: KeyboardEventInit = {}) => {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
    Object.defineProperty(event, 'target', { value: target });
    return event;
  };

  it('moves along the row in its direction, the key taken', () => {
    const { container, items } = row();
    const event = press(items[0]!, 'ArrowRight');
    expect(rovingFocusTarget(event, items, container)).toBe(items[1]);
    expect(event.defaultPrevented).toBe(true);
    const rtl = row('rtl');
    expect(rovingFocusTarget(press(rtl.items[0]!, 'ArrowRight'), rtl.items, rtl.container)).toBe(
      rtl.items[2],
    );
  });

  it('leaves a modified key, another key and a press elsewhere to the browser', () => {
    const { container, items } = row();
    for (const event of [
      press(items[0]!, 'ArrowRight', { altKey: true }),
      press(items[0]!, 'ArrowRight', { shiftKey: true }),
      press(items[0]!, 'Enter'),
      press(container, 'ArrowRight'),
    ]) {
      expect(rovingFocusTarget(event, items, container)).toBeUndefined();
      expect(event.defaultPrevented).toBe(false);
    }
  });

  it('moves with Shift where asked to', () => {
    const { container, items } = row();
    const event = press(items[2]!, 'Home', { shiftKey: true });
    expect(rovingFocusTarget(event, items, container, { shiftMoves: true })).toBe(items[0]);
  });
});
