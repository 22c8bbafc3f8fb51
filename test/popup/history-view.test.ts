import { describe, expect, it, vi } from 'vitest';
import {
  appendHistory,
  historyPlace,
  moveHistoryRow,
  placeHistoryRow,
  refreshDayLabels,
  removeHistoryRow,
  renderHistory,
  resetTabStop,
  rowCursor,
  showRowReaction,
  wireHistoryKeys,
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
  document.body.innerHTML = '<section id="history"></section>';
  return document.getElementById('history')!;
}
const rows = (list: HTMLElement) => [...list.querySelectorAll<HTMLElement>('li.history-entry')];
const headings = (list: HTMLElement) =>
  [...list.querySelectorAll('.history-day > h2')].map((h) => h.textContent);

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

  it('drawn again (an Undo far down), keeps the rows of votes unchanged and draws the others anew', () => {
    const list = setUp();
    const kept = vote({ key: 'k', title: 'Kept' });
    const changed = vote({ key: 'c', title: 'Changed', updatedAt: now - 2 * HOUR });
    renderHistory(list, [kept, changed, vote({ key: 'gone', updatedAt: now - 3 * HOUR })], now);
    const [keptRow, changedRow] = rows(list);
    // Left where it is, a row keeps focus on any of its controls.
    const focused = keptRow!.querySelector<HTMLElement>('.history-remove')!;
    focused.focus();

    const back = vote({ key: 'back', title: 'Back', updatedAt: now - 90 * 60_000 });
    const switched = { ...changed, reaction: 'sad' as const };
    renderHistory(list, [{ ...kept }, back, switched], now);
    expect(rows(list).map((row) => row.dataset.key)).toEqual(['k', 'back', 'c']);
    expect(rows(list)[0], 'the same element, not one built again').toBe(keptRow);
    expect(document.activeElement).toBe(focused);
    expect(rows(list)[2]).not.toBe(changedRow);
    expect(rows(list)[2]!.dataset.reaction).toBe('sad');
    expect(headings(list)).toEqual(['Today']);
  });

  it("tags each title with its article's language, where known, for screen readers' voices", () => {
    const list = setUp();
    renderHistory(list, [vote({ lang: 'de' }), vote({ key: 'b', title: 'B' })], now);
    const [german, unknown] = rows(list).map((row) => row.querySelector('a.history-title')!);
    expect(german!.getAttribute('lang')).toBe('de');
    // Unknown: the popup's own language, as before.
    expect(unknown!.hasAttribute('lang')).toBe(false);
  });

  it("describes each row's title with its reaction, site, day and time, heard as the arrows reach it", () => {
    const list = setUp();
    renderHistory(
      list,
      [vote({}), vote({ key: 'b', site: 'xn--bcher-kva.de', updatedAt: now - 24 * HOUR })],
      now,
      undefined,
      'en-US',
    );
    const described = () =>
      rows(list).map((row) =>
        row.querySelector('a.history-title')!.getAttribute('aria-description'),
      );
    /** The time as the row shows it (its space is the one Intl writes, narrow or not). */
    const timeOf = (index: number) => rows(list)[index]!.querySelector('time')!.textContent;
    expect(described()).toEqual([
      `wow, \u2068news.example\u2069, Today, ${timeOf(0)}`,
      `wow, \u2068bücher.de\u2069, Yesterday, ${timeOf(1)}`,
    ]);
    expect(timeOf(0)).toMatch(/^11:00\sAM$/);
    // A reaction changed in its row is the one described.
    showRowReaction(rows(list)[0]!, 'love', 'en-US');
    expect(described()[0]).toBe(`love, \u2068news.example\u2069, Today, ${timeOf(0)}`);
    renderHistory(list, [vote({})], now, undefined, 'de-DE');
    expect(described()).toEqual(['wow, \u2068news.example\u2069, Heute, 11:00']);
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

  it("puts each day's rows in a list of their own, named by its heading: a list's items are rows", () => {
    const list = setUp();
    const yesterday = now - 24 * HOUR;
    renderHistory(
      list,
      [vote({ key: '1' }), vote({ key: '2' }), vote({ key: '3', updatedAt: yesterday })],
      now,
    );
    appendHistory(list, [vote({ key: '4', updatedAt: yesterday - HOUR })], now);
    // Screen readers count a list's items: 4 reactions are 2 and 2, not 6 with the headings.
    const lists = [...list.querySelectorAll('ol, ul')].map((rowList) => [
      document.getElementById(rowList.getAttribute('aria-labelledby') ?? '')?.textContent,
      [...rowList.children].map((item) => item.matches('li.history-entry')),
    ]);
    expect(lists).toEqual([
      ['Today', [true, true]],
      ['Yesterday', [true, true]],
    ]);
    expect([...list.querySelectorAll('h2')].map((heading) => heading.closest('li'))).toEqual([
      null,
      null,
    ]);
  });

  it('names a site with an internationalized name in its own script, keyed as stored', () => {
    const list = setUp();
    const key = 'https://xn--bcher-kva.de/a';
    renderHistory(list, [vote({ key, url: key, site: 'xn--bcher-kva.de' })], now);
    expect(rows(list)[0]!.dataset.key).toBe(key);
    expect(list.querySelector('.history-meta bdi')?.textContent).toBe('bücher.de');
  });

  // A title in the other direction than the label's would reorder the words around it.
  it.each([
    [
      'مجلس المدينة يقر الميزانية',
      undefined,
      'Remove reaction to \u2068مجلس المدينة يقر الميزانية\u2069',
    ],
    ['Council approves budget', 'ar', 'إزالة التفاعل مع «\u2068Council approves budget\u2069»'],
  ])("isolates the title %j in the remove button's name", (title, locale, expected) => {
    const list = setUp();
    renderHistory(list, [vote({ title })], now, undefined, locale);
    expect(list.querySelector('.history-remove')?.getAttribute('title')).toBe(expected);
  });

  // A page's og:title (or an import's title) may be zero-width characters alone: its row would be
  // a link of no width, nothing to see, click or hear.
  it.each([
    ['zero-width characters', '\u200b\u200d\u2060\ufeff'],
    ['bidi controls', '\u202e\u2066\u200f'],
    ['fillers', '\u3164\u115f \u2800'],
  ])('names an article whose title is %s by its link', (_, title) => {
    const list = setUp();
    renderHistory(list, [vote({ title })], now);
    const link = list.querySelector('a.history-title')!;
    expect(link.textContent).toBe('https://news.example/a');
    expect(link.getAttribute('title')).toBe('https://news.example/a');
    expect(list.querySelector('.history-remove')?.getAttribute('title')).toBe(
      'Remove reaction to \u2068https://news.example/a\u2069',
    );
  });

  it('keeps a title with something to see beside its zero-width characters', () => {
    const list = setUp();
    renderHistory(list, [vote({ title: '\u200bA story' })], now);
    expect(list.querySelector('a.history-title')?.textContent).toBe('\u200bA story');
  });

  it('renders page-supplied titles as text, never as markup', () => {
    const list = setUp();
    const title = '<img src=x onerror="window.hacked=1"><script>alert(1)</script>';
    renderHistory(list, [vote({ title })], now);
    expect(list.querySelector('img, script')).toBeNull();
    expect(list.querySelector('a.history-title')?.textContent).toBe(title);
  });
});

describe('appendHistory', () => {
  it('returns the first row it appended, and none for no votes', () => {
    const list = setUp();
    renderHistory(list, [vote({ key: '1' })], now);
    const yesterday = now - 24 * HOUR;
    const first = appendHistory(
      list,
      [vote({ key: '2' }), vote({ key: '3', updatedAt: yesterday })],
      now,
    );
    expect(first).toBe(rows(list)[1]);
    // The first of a new day's group.
    expect(appendHistory(list, [vote({ key: '4', updatedAt: yesterday - 24 * HOUR })], now)).toBe(
      rows(list)[3],
    );
    expect(appendHistory(list, [], now)).toBeUndefined();
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

  it("removes one row on a double-click of ×, not the next row's that moves under the pointer", () => {
    const list = setUp();
    const actions = { change: vi.fn(), remove: vi.fn() };
    const [first, second] = [vote({}), vote({ key: 'https://news.example/b' })];
    renderHistory(list, [first, second], now, actions);
    const click = (row: HTMLElement, detail: number) =>
      row
        .querySelector('.history-remove')!
        .dispatchEvent(new MouseEvent('click', { bubbles: true, detail }));
    const [firstRow, secondRow] = rows(list);
    click(firstRow!, 1);
    // The first removal came back before the second click: the next row took the first's place.
    removeHistoryRow(firstRow!);
    click(secondRow!, 2);
    expect(actions.remove.mock.calls).toEqual([[first]]);
    // A key's click (detail 0) and a click after a pause (detail 1) still remove.
    click(secondRow!, 0);
    click(secondRow!, 1);
    expect(actions.remove).toHaveBeenCalledTimes(3);
  });

  it('opens the picker on a double-click of the reaction, rather than opening and closing it', () => {
    const list = setUp();
    renderHistory(list, [vote({})], now);
    const toggle = rows(list)[0]!.querySelector<HTMLButtonElement>('.history-emoji')!;
    for (const detail of [1, 2]) toggle.dispatchEvent(new MouseEvent('click', { detail }));
    expect(rows(list)[0]!.querySelector<HTMLElement>('.history-picker')!.hidden).toBe(false);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
  });

  it("opens no article on a double-click's second click, which a choice's row moved under", () => {
    const list = setUp();
    renderHistory(list, [vote({}), vote({ key: 'https://news.example/b' })], now);
    const [first, second] = rows(list);
    first!.querySelector<HTMLButtonElement>('.history-emoji')!.click();
    first!
      .querySelector('.history-choice')!
      .dispatchEvent(new MouseEvent('click', { bubbles: true, detail: 1 }));
    // The picker closed, and the next row's title rose under the pointer.
    const open = (detail: number) => {
      const click = new MouseEvent('click', { bubbles: true, cancelable: true, detail });
      second!.querySelector('.history-title')!.dispatchEvent(click);
      return !click.defaultPrevented;
    };
    expect(open(2)).toBe(false);
    expect(open(1)).toBe(true);
    expect(open(0)).toBe(true);
  });

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

describe('refreshDayLabels', () => {
  it("writes the headings and rows' descriptions again for a later day", () => {
    const list = setUp();
    const yesterday = now - 24 * HOUR;
    renderHistory(list, [vote({ key: '1' }), vote({ key: '2', updatedAt: yesterday })], now);
    expect(headings(list)).toEqual(['Today', 'Yesterday']);
    const dayAfter = now + 24 * HOUR;
    refreshDayLabels(list, dayAfter);
    const twoDaysAgo = new Date(yesterday).toLocaleDateString('en-US', {
      weekday: 'short',
      month: 'short',
      day: 'numeric',
    });
    expect(headings(list)).toEqual(['Yesterday', twoDaysAgo]);
    expect(rows(list).map((row) => row.dataset.dayLabel)).toEqual(['Yesterday', twoDaysAgo]);
    const description = rows(list)[0]!.querySelector('a.history-title')!;
    expect(description.getAttribute('aria-description')).toContain('Yesterday');
    // The same row, drawn for that day, reads the same.
    const fresh = setUp();
    renderHistory(fresh, [vote({ key: '1' })], dayAfter);
    expect(fresh.querySelector('a.history-title')!.getAttribute('aria-description')).toBe(
      description.getAttribute('aria-description'),
    );
  });
});

describe('moveHistoryRow', () => {
  const DAY = 24 * HOUR;
  /** Today's row a, yesterday's b and c, three days ago d. */
  const shown = () => [
    vote({ key: 'a', updatedAt: now - HOUR }),
    vote({ key: 'c', updatedAt: now - DAY }),
    vote({ key: 'b', updatedAt: now - DAY - HOUR }),
    vote({ key: 'd', updatedAt: now - 3 * DAY }),
  ];
  /** The list's items in order: a day heading by its words, a row by its key. */
  const items = (list: HTMLElement) =>
    [...list.querySelectorAll<HTMLElement>('.history-day > h2, li.history-entry')].map((item) =>
      item.matches('h2') ? item.textContent : item.dataset.key,
    );
  const daysAgo = (days: number) =>
    new Date(now - days * DAY).toLocaleDateString('en-US', {
      weekday: 'short',
      month: 'short',
      day: 'numeric',
    });

  it.each([
    { moved: 'd', to: now, expected: ['Today', 'd', 'a', 'Yesterday', 'c', 'b'] },
    // Yesterday, between c and b.
    {
      moved: 'a',
      to: now - DAY - 30 * 60_000,
      expected: ['Yesterday', 'c', 'a', 'b', daysAgo(3), 'd'],
    },
    // Yesterday's first minute: after b, the last of its day.
    {
      moved: 'c',
      to: now - 1.5 * DAY,
      expected: ['Today', 'a', 'Yesterday', 'b', 'c', daysAgo(3), 'd'],
    },
    // A day no row shows: under a heading of its own, above the next day's.
    {
      moved: 'c',
      to: now - 2 * DAY,
      expected: ['Today', 'a', 'Yesterday', 'b', daysAgo(2), 'c', daysAgo(3), 'd'],
    },
    // Three days ago, before d.
    {
      moved: 'a',
      to: now - 2.9 * DAY,
      expected: ['Yesterday', 'c', 'b', daysAgo(3), 'a', 'd'],
    },
    // The same time as c: then by key, descending.
    {
      moved: 'b',
      to: now - DAY,
      expected: ['Today', 'a', 'Yesterday', 'c', 'b', daysAgo(3), 'd'],
    },
  ])(
    'puts row $moved where its time places it, with the day headings it needs',
    ({ moved, to, expected }) => {
      const list = setUp();
      renderHistory(list, shown(), now);
      const row = rows(list).find((item) => item.dataset.key === moved)!;
      const entry = moveHistoryRow(
        list,
        row,
        vote({ key: moved, updatedAt: to, reaction: 'sad' }),
        now,
      );
      expect(items(list)).toEqual(expected);
      expect(entry?.dataset.reaction).toBe('sad');
      expect(entry?.querySelector('time')?.dateTime).toBe(new Date(to).toISOString());
    },
  );

  it('leaves a row whose place is past the rows shown to the page that holds it', () => {
    const list = setUp();
    renderHistory(list, shown(), now);
    const older = vote({ key: 'a', updatedAt: now - 4 * DAY });
    expect(moveHistoryRow(list, rows(list)[0]!, older, now, undefined, undefined, false)).toBe(
      undefined,
    );
    expect(rows(list).map((row) => row.dataset.key)).toEqual(['c', 'b', 'd']);
    const last = moveHistoryRow(
      list,
      rows(list)[0]!,
      vote({ key: 'c', updatedAt: now - 4 * DAY }),
      now,
    );
    // Every row shown (complete, the default): at the end, under its day's heading.
    expect(last).toBe(rows(list).at(-1));
    expect(items(list)).toEqual(['Yesterday', 'b', daysAgo(3), 'd', daysAgo(4), 'c']);
  });
});

describe('historyPlace', () => {
  /** Rows a to e, an hour apart but c and b at the same time. */
  const shown = () =>
    ['a', 'c', 'b', 'd'].map((key, i) =>
      vote({ key, updatedAt: now - (key === 'b' ? 2 : i + 1) * HOUR }),
    );

  it.each([
    { updatedAt: now, key: 'z', previous: undefined, next: 'a' },
    { updatedAt: now - 1.5 * HOUR, key: 'z', previous: 'a', next: 'c' },
    // The same time as c and b: by key, descending.
    { updatedAt: now - 2 * HOUR, key: 'bb', previous: 'c', next: 'b' },
    { updatedAt: now - 2 * HOUR, key: 'a', previous: 'b', next: 'd' },
    { updatedAt: now - 9 * HOUR, key: 'z', previous: 'd', next: undefined },
  ])('finds the rows around $key at $updatedAt', ({ updatedAt, key, previous, next }) => {
    const list = setUp();
    renderHistory(list, shown(), now);
    const place = historyPlace(list, { updatedAt, key });
    expect([place.previous?.dataset.key, place.next?.dataset.key]).toEqual([previous, next]);
  });

  it('reads a row back as the cursor of its vote', () => {
    const list = setUp();
    renderHistory(list, shown(), now);
    expect(rowCursor(rows(list)[2]!)).toEqual({ key: 'b', updatedAt: now - 2 * HOUR });
  });
});

describe('placeHistoryRow', () => {
  it('puts a row removed back where it was, under its day', () => {
    const list = setUp();
    const votes = ['a', 'b', 'c'].map((key, i) => vote({ key, updatedAt: now - i * 24 * HOUR }));
    renderHistory(list, votes, now);
    removeHistoryRow(rows(list)[1]!);
    expect(headings(list)).toEqual(['Today', expect.any(String)]);
    const entry = placeHistoryRow(list, votes[1]!, now);
    expect(rows(list).map((row) => row.dataset.key)).toEqual(['a', 'b', 'c']);
    expect(entry).toBe(rows(list)[1]);
    expect(headings(list)).toEqual(['Today', 'Yesterday', expect.any(String)]);
  });
});

describe('wireHistoryKeys', () => {
  /** Three rows over two days, with the arrow keys wired. */
  function setUpRows() {
    const list = setUp();
    wireHistoryKeys(list);
    renderHistory(
      list,
      [
        vote({ key: '1', title: 'One' }),
        vote({ key: '2', title: 'Two' }),
        vote({ key: '3', title: 'Three', updatedAt: now - 24 * HOUR }),
      ],
      now,
    );
    return list;
  }
  const tabStops = (list: HTMLElement) =>
    [...list.querySelectorAll<HTMLElement>('a, button')].filter((control) => control.tabIndex >= 0);
  const control = (list: HTMLElement, row: number, selector: string) =>
    rows(list)[row]!.querySelector<HTMLElement>(selector)!;
  const press = (key: string) => {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    document.activeElement!.dispatchEvent(event);
    return event;
  };

  it('makes a list of any length one Tab stop, where focus was last in it', () => {
    const list = setUpRows();
    appendHistory(list, [vote({ key: '4', updatedAt: now - 25 * HOUR })], now);
    expect(tabStops(list)).toEqual([control(list, 0, '.history-title')]);
    control(list, 2, '.history-remove').focus();
    expect(tabStops(list)).toEqual([control(list, 2, '.history-remove')]);
    removeHistoryRow(rows(list)[2]!);
    expect(tabStops(list)).toEqual([control(list, 0, '.history-title')]);
  });

  it('resetTabStop makes the first title the Tab stop again, for a new search', () => {
    const list = setUpRows();
    control(list, 2, '.history-remove').focus();
    resetTabStop(list);
    expect(tabStops(list)).toEqual([control(list, 0, '.history-title')]);
  });

  it("closes a row's open picker when the arrows leave the row, so the list stays one Tab stop", () => {
    const list = setUpRows();
    const emoji = control(list, 0, '.history-emoji');
    emoji.click();
    const picker = rows(list)[0]!.querySelector<HTMLElement>('.history-picker')!;
    expect(picker.hidden).toBe(false);
    emoji.focus();
    press('ArrowDown');
    expect(document.activeElement).toBe(control(list, 1, '.history-emoji'));
    expect(picker.hidden).toBe(true);
    expect(emoji.getAttribute('aria-expanded')).toBe('false');
    const shown = tabStops(list).filter((stop) => !stop.closest('[hidden]'));
    expect(shown).toEqual([control(list, 1, '.history-emoji')]);
  });

  it('closes an open picker when focus leaves its row for outside the list', () => {
    const list = setUpRows();
    const outside = document.createElement('input');
    document.body.append(outside);
    control(list, 0, '.history-emoji').click();
    const picker = rows(list)[0]!.querySelector<HTMLElement>('.history-picker')!;
    outside.focus();
    expect(picker.hidden).toBe(true);
    expect(control(list, 0, '.history-emoji').getAttribute('aria-expanded')).toBe('false');
    // The toggle's own press does not close it on its way: focus goes back to it from the picker.
    control(list, 0, '.history-emoji').click();
    control(list, 0, '.history-emoji').focus();
    expect(picker.hidden).toBe(false);
  });

  // A popup open in a tab loses focus with the window (another tab, another window): closed, the
  // picker would hide the focused button, and focus come back to the page's start, not here.
  it('keeps an open picker, and focus in it, when focus leaves with the window', () => {
    const list = setUpRows();
    control(list, 0, '.history-emoji').click();
    const picker = rows(list)[0]!.querySelector<HTMLElement>('.history-picker')!;
    const choice = document.activeElement as HTMLElement;
    expect(picker.contains(choice)).toBe(true);
    const hasFocus = vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    choice.blur();
    hasFocus.mockRestore();
    expect(picker.hidden).toBe(false);
    expect(control(list, 0, '.history-emoji').getAttribute('aria-expanded')).toBe('true');
    // Focus gone to nothing within the window (a click on no control) still closes it.
    choice.focus();
    const inWindow = vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    choice.blur();
    inWindow.mockRestore();
    expect(picker.hidden).toBe(true);
  });

  it('makes an open picker one Tab stop, moved along with the arrows, Home and End', () => {
    const list = setUpRows();
    // The current reaction (wow) is the picker's last button.
    control(list, 0, '.history-emoji').click();
    const choices = [...rows(list)[0]!.querySelectorAll<HTMLElement>('.history-choice')];
    const reactionOf = () => (document.activeElement as HTMLElement).dataset.reaction;
    expect(reactionOf()).toBe('wow');
    const stops = () => choices.filter((choice) => choice.tabIndex >= 0);
    expect(stops()).toEqual([document.activeElement]);
    const steps: [string, string][] = [
      ['ArrowRight', 'like'],
      ['ArrowRight', 'dislike'],
      ['ArrowLeft', 'like'],
      ['End', 'wow'],
      ['Home', 'like'],
      ['ArrowLeft', 'wow'],
    ];
    for (const [key, reaction] of steps) {
      expect(press(key).defaultPrevented, key).toBe(true);
      expect(reactionOf(), key).toBe(reaction);
      expect(stops()).toEqual([document.activeElement]);
    }
  });

  it('moves between rows and their controls with the arrows, Home and End', () => {
    const list = setUpRows();
    control(list, 0, '.history-title').focus();
    const steps: [string, number, string][] = [
      ['ArrowDown', 1, '.history-title'],
      ['ArrowDown', 2, '.history-title'],
      ['ArrowRight', 2, '.history-remove'],
      ['ArrowRight', 2, '.history-remove'],
      ['ArrowUp', 1, '.history-remove'],
      ['Home', 0, '.history-remove'],
      ['ArrowLeft', 0, '.history-title'],
      ['ArrowLeft', 0, '.history-emoji'],
      ['ArrowUp', 0, '.history-emoji'],
      ['End', 2, '.history-emoji'],
    ];
    for (const [key, row, selector] of steps) {
      expect(press(key).defaultPrevented, key).toBe(true);
      expect(document.activeElement, `${key} to ${row} ${selector}`).toBe(
        control(list, row, selector),
      );
      expect(tabStops(list)).toEqual([document.activeElement]);
    }
  });

  // Page Down scrolled the popup and left focus behind, far above the rows in view: the next
  // arrow jumped back to it.
  it('moves a page of rows with Page Down and Page Up, in the same column, stopping at the ends', () => {
    const list = setUp();
    wireHistoryKeys(list);
    const votes = Array.from({ length: 25 }, (_, i) =>
      vote({ key: String(100 - i), title: `Story ${i}`, updatedAt: now - i * 2 * HOUR }),
    );
    renderHistory(list, votes, now);
    control(list, 0, '.history-remove').focus();
    for (const [key, row] of [
      ['PageDown', 10],
      ['PageDown', 20],
      ['PageDown', 24],
      ['PageDown', 24],
      ['PageUp', 14],
      ['PageUp', 4],
      ['PageUp', 0],
    ] as const) {
      expect(press(key).defaultPrevented, key).toBe(true);
      expect(document.activeElement, `${key} to ${row}`).toBe(
        control(list, row, '.history-remove'),
      );
      expect(tabStops(list)).toEqual([document.activeElement]);
    }
  });

  // Reading every row loaded for each press took about 20 ms a press with 20,000 rows.
  it('moves to the neighbouring row, across days, without reading the whole list', () => {
    const list = setUpRows();
    control(list, 1, '.history-emoji').click();
    control(list, 0, '.history-title').focus();
    const titles = [0, 1, 2].map((row) => control(list, row, '.history-title'));
    const readAll = vi.spyOn(list, 'querySelectorAll');
    const readFirst = vi.spyOn(list, 'querySelector');
    try {
      for (const [key, row] of [
        ['ArrowDown', 1],
        ['ArrowDown', 2],
        ['ArrowUp', 1],
        ['ArrowUp', 0],
      ] as const) {
        press(key);
        expect(document.activeElement, key).toBe(titles[row]);
      }
      expect(readAll).not.toHaveBeenCalled();
      expect(readFirst).not.toHaveBeenCalled();
    } finally {
      readAll.mockRestore();
      readFirst.mockRestore();
    }
    // The picker left open in the row passed through closed all the same.
    expect(rows(list)[1]!.querySelector<HTMLElement>('.history-picker')!.hidden).toBe(true);
    const shown = tabStops(list).filter((stop) => !stop.closest('[hidden]'));
    expect(shown).toEqual([control(list, 0, '.history-title')]);
  });

  it('runs Left and Right the other way in right-to-left text', () => {
    const list = setUpRows();
    list.style.direction = 'rtl';
    control(list, 0, '.history-title').focus();
    press('ArrowLeft');
    expect(document.activeElement).toBe(control(list, 0, '.history-remove'));
    press('ArrowRight');
    press('ArrowRight');
    expect(document.activeElement).toBe(control(list, 0, '.history-emoji'));
  });

  it("leaves the open picker's keys to the picker, and modified arrows alone", () => {
    const list = setUpRows();
    control(list, 0, '.history-emoji').click();
    expect(press('ArrowDown').defaultPrevented).toBe(true);
    // Along the picker (round from its last button, wow), not down to the next row.
    const choice = document.activeElement as HTMLElement;
    expect(choice.classList.contains('history-choice')).toBe(true);
    expect(choice.dataset.reaction).toBe('like');
    expect(choice.closest('li')).toBe(rows(list)[0]);
    control(list, 0, '.history-title').focus();
    // Bubbling, as a real key press does: the list's listener must see it and let it be.
    for (const modifier of ['shiftKey', 'altKey', 'ctrlKey', 'metaKey']) {
      const modified = new KeyboardEvent('keydown', {
        key: 'ArrowDown',
        [modifier]: true,
        bubbles: true,
        cancelable: true,
      });
      document.activeElement!.dispatchEvent(modified);
      expect(modified.defaultPrevented, modifier).toBe(false);
      expect(document.activeElement, modifier).toBe(control(list, 0, '.history-title'));
    }
  });
});
