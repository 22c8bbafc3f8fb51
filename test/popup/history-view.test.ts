import { describe, expect, it } from 'vitest';
import { renderHistory } from '../../src/popup/history-view';
import type { Vote } from '../../src/protocol';

const now = Date.UTC(2026, 10, 25, 12);
function vote(overrides: Partial<Vote>): Vote {
  return {
    key: 'https://news.example/a',
    url: 'https://news.example/a',
    title: 'A story',
    site: 'news.example',
    reaction: 'wow',
    createdAt: now - 60_000 * 5,
    updatedAt: now - 60_000 * 5,
    ...overrides,
  };
}

function setUp() {
  document.body.innerHTML = '<ol id="history"></ol><div id="history-empty" hidden></div>';
  return {
    list: document.getElementById('history')!,
    empty: document.getElementById('history-empty')!,
  };
}

describe('renderHistory', () => {
  it('shows one row per vote with reaction, linked title, site and time', () => {
    const { list, empty } = setUp();
    renderHistory(list, empty, [vote({}), vote({ key: 'b', title: 'B', reaction: 'sad' })], now);
    const rows = [...list.querySelectorAll('li.history-entry')];
    expect(rows.map((row) => (row as HTMLElement).dataset.reaction)).toEqual(['wow', 'sad']);
    const first = rows[0]!;
    expect(first.querySelector('a.history-title')?.getAttribute('href')).toBe(
      'https://news.example/a',
    );
    expect(first.querySelector('a.history-title')?.textContent).toBe('A story');
    expect(first.textContent).toContain('news.example · 5 minutes ago');
    expect(first.querySelector('[role="img"]')?.getAttribute('aria-label')).toBe('wow');
    expect(empty.hidden).toBe(true);
  });

  it('shows the empty state when there are no votes', () => {
    const { list, empty } = setUp();
    renderHistory(list, empty, [vote({})], now);
    renderHistory(list, empty, [], now);
    expect(list.children).toHaveLength(0);
    expect(empty.hidden).toBe(false);
  });

  it('renders page-supplied titles as text, never as markup', () => {
    const { list, empty } = setUp();
    const title = '<img src=x onerror="window.hacked=1"><script>alert(1)</script>';
    renderHistory(list, empty, [vote({ title })], now);
    expect(list.querySelector('img, script')).toBeNull();
    expect(list.querySelector('a.history-title')?.textContent).toBe(title);
  });
});
