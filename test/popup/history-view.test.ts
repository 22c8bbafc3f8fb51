import { describe, expect, it, vi } from 'vitest';
import {
  appendHistory,
  removeHistoryRow,
  renderHistory,
  showRowReaction,
} from '../../src/popup/history-view';
import type { Vote } from '../../src/protocol';

const now = new Date(2026, 10, 25, 12).getTime();
const HOUR = 3_600_000;
function vote(overrides: Partial<Vote>): Vote {
  return {
    key: 'https://news.example/a',
    url: 'https://news.example/a',
    title: 'A story',
    site: 'news.example',
    reaction: 'wow',
    createdAt: now - HOUR,
    updatedAt: now - HOUR,
    ...overrides,
  };
}

function setUp() {
  document.body.innerHTML = '<ol id="history"></ol>';
  return document.getElementById('history')!;
}
const rows = (list: HTMLElement) => [...list.querySelectorAll<HTMLElement>('li.history-entry')];
const headings = (list: HTMLElement) =>
  [...list.querySelectorAll('li.history-day')].map((h) => h.textContent);

describe('renderHistory', () => {
  it('shows one row per vote with reaction, linked title, site and time', () => {
    const list = setUp();
    renderHistory(list, [vote({}), vote({ key: 'b', title: 'B', reaction: 'sad' })], now);
    expect(rows(list).map((row) => row.dataset.reaction)).toEqual(['wow', 'sad']);
    const first = rows(list)[0]!;
    const link = first.querySelector('a.history-title')!;
    expect(link.getAttribute('href')).toBe('https://news.example/a');
    expect(link.textContent).toBe('A story');
    // Its own direction: an English title in the Arabic popup is cut at its end, and the reverse.
    expect(link.getAttribute('dir')).toBe('auto');
    expect(first.querySelector('.history-meta')?.textContent).toMatch(/^news\.example · 11:00/);
    expect(first.querySelector('.history-emoji')?.getAttribute('aria-label')).toBe(
      'wow: change reaction',
    );
  });

  it('groups rows under Today, Yesterday and dates, continuing across pages', () => {
    const list = setUp();
    renderHistory(list, [vote({ key: '1' }), vote({ key: '2', updatedAt: now - 24 * HOUR })], now);
    appendHistory(
      list,
      [
        vote({ key: '3', updatedAt: now - 25 * HOUR }),
        vote({ key: '4', updatedAt: new Date(2026, 10, 20).getTime() }),
      ],
      now,
      undefined,
      'en-US',
    );
    expect(headings(list)).toEqual(['Today', 'Yesterday', 'Fri, Nov 20']);
    expect(rows(list)).toHaveLength(4);
  });

  it('renders page-supplied titles as text, never as markup', () => {
    const list = setUp();
    const title = '<img src=x onerror="window.hacked=1"><script>alert(1)</script>';
    renderHistory(list, [vote({ title })], now);
    expect(list.querySelector('img, script')).toBeNull();
    expect(list.querySelector('a.history-title')?.textContent).toBe(title);
  });
});

describe('row actions', () => {
  it('changes a reaction through the picker and removes through the × button', () => {
    const list = setUp();
    const actions = { change: vi.fn(), remove: vi.fn() };
    const shown = vote({});
    renderHistory(list, [shown], now, actions);
    const row = rows(list)[0]!;
    const toggle = row.querySelector<HTMLButtonElement>('.history-emoji')!;
    expect(row.querySelector('.history-picker')).toBeNull();
    toggle.click();
    const picker = row.querySelector<HTMLElement>('.history-picker')!;
    expect(picker.hidden).toBe(false);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    row.querySelector<HTMLButtonElement>('[data-reaction="love"].history-choice')!.click();
    expect(actions.change).toHaveBeenCalledWith(shown, 'love');
    expect(picker.hidden).toBe(true);
    row.querySelector<HTMLButtonElement>('.history-remove')!.click();
    expect(actions.remove).toHaveBeenCalledWith(shown);
  });

  it.each(['.history-choice', '.history-emoji'])(
    'closes the picker on Escape from %s, and only it: the popup stays open',
    (from) => {
      const list = setUp();
      renderHistory(list, [vote({})], now);
      const row = rows(list)[0]!;
      const toggle = row.querySelector<HTMLButtonElement>('.history-emoji')!;
      toggle.click();
      const escape = new KeyboardEvent('keydown', {
        key: 'Escape',
        bubbles: true,
        cancelable: true,
      });
      row.querySelector(from)!.dispatchEvent(escape);
      // Browsers close an extension's popup on an Escape its page leaves unhandled.
      expect(escape.defaultPrevented).toBe(true);
      expect(row.querySelector<HTMLElement>('.history-picker')!.hidden).toBe(true);
      expect(toggle.getAttribute('aria-expanded')).toBe('false');
      expect(document.activeElement).toBe(toggle);
    },
  );

  it('showRowReaction updates the row in place', () => {
    const list = setUp();
    renderHistory(list, [vote({})], now);
    const row = rows(list)[0]!;
    row.querySelector<HTMLButtonElement>('.history-emoji')!.click();
    showRowReaction(row, 'sad');
    expect(row.dataset.reaction).toBe('sad');
    expect(row.querySelector('.history-emoji')?.textContent).toBe('😢');
    expect(row.querySelector('[aria-pressed="true"]')?.getAttribute('aria-label')).toBe('sad');
  });
});

describe('removeHistoryRow', () => {
  it('drops the day heading with the last row of its day', () => {
    const list = setUp();
    renderHistory(list, [vote({ key: '1' }), vote({ key: '2', updatedAt: now - 24 * HOUR })], now);
    removeHistoryRow(rows(list)[1]!);
    expect(headings(list)).toEqual(['Today']);
    removeHistoryRow(rows(list)[0]!);
    expect(list.children).toHaveLength(0);
  });
});
