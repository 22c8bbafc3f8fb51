import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyCounts } from '../../src/core/summarize-mood';
import type { Reaction } from '../../src/core/reactions';
import { renderFilterChips, renderMoodBar } from '../../src/popup/mood-chart';

describe('renderMoodBar', () => {
  it('draws a segment per reaction, widths adding up to 100%, with a text alternative', () => {
    const bar = document.createElement('div');
    renderMoodBar(bar, 'Last 7 days', { ...emptyCounts(), love: 3, wow: 1 });
    const segments = [...bar.querySelectorAll<HTMLElement>('.mood-segment')];
    expect(segments.map((s) => [s.dataset.reaction, s.style.width])).toEqual([
      ['love', '75%'],
      ['wow', '25%'],
    ]);
    expect(bar.getAttribute('role')).toBe('img');
    expect(bar.getAttribute('aria-label')).toBe(
      'Last 7 days: 4 reactions: 3 love (75%), 1 wow (25%)',
    );
  });

  it('titles a sliver of a segment as under one percent, not as none', () => {
    const bar = document.createElement('div');
    renderMoodBar(bar, 'Last 30 days', { ...emptyCounts(), love: 1_000, wow: 1 });
    expect([...bar.querySelectorAll<HTMLElement>('.mood-segment')].map((s) => s.title)).toEqual([
      '❤️ love: 1,000 (>99%)',
      '😮 wow: 1 (<1%)',
    ]);
  });

  it("shows an empty period as such, in the reader's language", () => {
    const bar = document.createElement('div');
    renderMoodBar(bar, 'Letzte 30 Tage', emptyCounts(), 'de');
    expect(bar.querySelectorAll('.mood-segment')).toHaveLength(0);
    expect(bar.textContent).toBe('Keine Reaktionen');
    expect(bar.getAttribute('aria-label')).toBe('Letzte 30 Tage: Keine Reaktionen');
  });
});

describe('renderFilterChips', () => {
  it('shows counts, marks the selected chip and toggles it off again', () => {
    const group = document.createElement('div');
    const onSelect = vi.fn();
    const counts = { ...emptyCounts(), like: 2, sad: 5 };
    renderFilterChips(group, counts, undefined, onSelect);
    const chips = [...group.querySelectorAll<HTMLButtonElement>('button.chip')];
    expect(chips.map((c) => c.textContent)).toEqual([
      'All 7',
      '👍 2',
      '👎 0',
      '❤️ 0',
      '😂 0',
      '😠 0',
      '😢 5',
      '😮 0',
    ]);
    chips[6]!.click();
    expect(onSelect).toHaveBeenLastCalledWith('sad');

    renderFilterChips(group, counts, 'sad', onSelect);
    expect(group.querySelectorAll('button.chip')[6]).toBe(chips[6]);
    expect(chips[6]!.getAttribute('aria-pressed')).toBe('true');
    chips[6]!.click();
    expect(onSelect).toHaveBeenLastCalledWith(undefined);
  });

  it('takes a double-click on a chip as one press, not a filter and its clearing', () => {
    const group = document.createElement('div');
    let selected: Reaction | undefined;
    const onSelect = vi.fn((reaction: Reaction | undefined) => {
      selected = reaction;
      renderFilterChips(group, emptyCounts(), selected, onSelect);
    });
    renderFilterChips(group, emptyCounts(), selected, onSelect);
    const sad = group.querySelector<HTMLButtonElement>('[data-reaction="sad"]')!;
    for (const detail of [1, 2]) sad.dispatchEvent(new MouseEvent('click', { detail }));
    expect(selected).toBe('sad');
    expect(onSelect).toHaveBeenCalledTimes(1);
  });

  describe('as one Tab stop, the arrows moving between chips', () => {
    /** The chips in a group placed in the page, as the popup has them, filtered by `selected`. */
    function placeChips(selected?: Reaction) {
      const group = document.createElement('div');
      document.body.append(group);
      renderFilterChips(group, { ...emptyCounts(), sad: 2 }, selected, vi.fn());
      const chips = [...group.querySelectorAll<HTMLButtonElement>('button.chip')];
      const tabStops = () => chips.filter((chip) => chip.tabIndex === 0);
      const press = (key: string) =>
        document.activeElement!.dispatchEvent(
          new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }),
        );
      return { group, chips, tabStops, press };
    }
    afterEach(() => document.body.replaceChildren());

    it('has one Tab stop, the pressed chip (All, unfiltered)', () => {
      expect(
        placeChips()
          .tabStops()
          .map((chip) => chip.textContent),
      ).toEqual(['All 2']);
      expect(
        placeChips('sad')
          .tabStops()
          .map((chip) => chip.dataset.reaction),
      ).toEqual(['sad']);
    });

    it('moves focus, and the Tab stop with it, with the arrows, Home and End', () => {
      const { chips, tabStops, press } = placeChips();
      chips[0]!.focus();
      const steps: [key: string, reaction: string][] = [
        ['ArrowRight', 'like'],
        ['ArrowRight', 'dislike'],
        ['End', 'wow'],
        ['ArrowRight', ''],
        ['ArrowLeft', 'wow'],
        ['Home', ''],
      ];
      for (const [key, reaction] of steps) {
        press(key);
        expect((document.activeElement as HTMLElement).dataset.reaction, key).toBe(reaction);
        expect(tabStops()).toEqual([document.activeElement]);
      }
    });

    it('keeps each chip a toggle button with its name and pressed state', () => {
      const { chips } = placeChips('sad');
      for (const chip of chips) {
        expect(chip.getAttribute('aria-pressed')).toBe(String(chip.dataset.reaction === 'sad'));
        expect(chip.getAttribute('aria-label')).toBeTruthy();
      }
    });

    it('leaves arrows with a modifier to the browser', () => {
      const { chips, press } = placeChips();
      chips[0]!.focus();
      document.activeElement!.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'ArrowRight', altKey: true, bubbles: true }),
      );
      expect(document.activeElement).toBe(chips[0]);
      press('ArrowRight');
      expect(document.activeElement).toBe(chips[1]);
    });
  });

  it("writes tens of thousands as the reader's language does", () => {
    const group = document.createElement('div');
    renderFilterChips(
      group,
      { ...emptyCounts(), like: 12_034, sad: 36_179 },
      undefined,
      vi.fn(),
      'de',
    );
    const chips = [...group.querySelectorAll<HTMLButtonElement>('button.chip')];
    expect(chips[0]!.textContent).toBe('Alle 48.213');
    expect(chips[1]!.textContent).toBe('👍 12.034');
    expect(chips[1]!.getAttribute('aria-label')).toContain('12.034');
  });
});
