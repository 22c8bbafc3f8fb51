import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAnnouncer, REPEAT_DELAY_MS } from '../../src/core/announcer';

describe('createAnnouncer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** Calls [after ms, message, delayMs?], then what the region holds at each [ms, text]. */
  const cases: {
    name: string;
    calls: [at: number, message: string, delayMs?: number][];
    holds: [at: number, text: string][];
    clearAfterMs?: number;
  }[] = [
    {
      name: 'puts a first message in at once',
      calls: [[0, 'Saved.']],
      holds: [[0, 'Saved.']],
    },
    {
      name: 'empties the region before a repeat, for REPEAT_DELAY_MS',
      calls: [
        [0, 'Removed'],
        [500, 'Removed'],
      ],
      holds: [
        [500, ''],
        [500 + REPEAT_DELAY_MS - 1, ''],
        [500 + REPEAT_DELAY_MS, 'Removed'],
      ],
    },
    {
      name: 'waits out the rest of the silence for a call that finds the region emptied',
      calls: [
        [0, 'Removed'],
        [500, 'Removed'],
        [510, 'Removed'],
      ],
      holds: [
        [510, ''],
        [500 + REPEAT_DELAY_MS - 1, ''],
        [500 + REPEAT_DELAY_MS, 'Removed'],
      ],
    },
    {
      name: 'waits for a message after the region was quieted, as for a repeat',
      calls: [
        [0, 'Keep one.'],
        [500, ''],
        [520, 'Keep one.'],
      ],
      holds: [
        [520, ''],
        [500 + REPEAT_DELAY_MS, 'Keep one.'],
      ],
    },
    {
      name: 'puts other words in at once',
      calls: [
        [0, 'Saved.'],
        [10, 'Moved.'],
      ],
      holds: [[10, 'Moved.']],
    },
    {
      name: 'lets an empty message take a repeat on its way away for good',
      calls: [
        [0, 'Saved.'],
        [10, 'Saved.'],
        [20, ''],
      ],
      holds: [[1_000, '']],
    },
    {
      name: 'empties the region at once for a message waited on, the last call winning',
      calls: [
        [0, '1 match'],
        [10, '2 matches', 300],
        [20, 'No matches', 300],
      ],
      holds: [
        [20, ''],
        [319, ''],
        [320, 'No matches'],
        [1_000, 'No matches'],
      ],
    },
    {
      name: 'empties the region clearAfterMs after its words went in',
      clearAfterMs: 1_000,
      calls: [[0, 'Reacted love']],
      holds: [
        [999, 'Reacted love'],
        [1_000, ''],
        [5_000, ''],
      ],
    },
    {
      name: 'keeps words that replace others for clearAfterMs of their own',
      clearAfterMs: 1_000,
      calls: [
        [0, 'Reacted love'],
        [500, 'Reaction removed'],
      ],
      holds: [
        [1_000, 'Reaction removed'],
        [1_499, 'Reaction removed'],
        [1_500, ''],
      ],
    },
    {
      name: 'counts clearAfterMs from when a repeat goes in',
      clearAfterMs: 1_000,
      calls: [
        [0, 'Reacted love'],
        [500, 'Reacted love'],
      ],
      holds: [
        [500 + REPEAT_DELAY_MS + 999, 'Reacted love'],
        [500 + REPEAT_DELAY_MS + 1_000, ''],
      ],
    },
    {
      name: 'waits REPEAT_DELAY_MS after emptying it before the same words go in again',
      clearAfterMs: 1_000,
      calls: [
        [0, 'Reacted love'],
        [1_050, 'Reacted love'],
      ],
      holds: [
        [1_050, ''],
        [1_000 + REPEAT_DELAY_MS, 'Reacted love'],
        [2_000 + REPEAT_DELAY_MS, ''],
      ],
    },
  ];

  it.each(cases)('$name', ({ calls, holds, clearAfterMs }) => {
    const region = document.createElement('div');
    const start = Date.now();
    const announce = createAnnouncer(() => Date.now(), { clearAfterMs });
    const at = (ms: number) => vi.advanceTimersByTime(start + ms - Date.now());
    const steps = [
      ...calls.map(([ms, message, delayMs]) => ({
        ms,
        act: () => announce(region, message, delayMs),
      })),
      ...holds.map(([ms, text]) => ({
        ms,
        act: () => expect(region.textContent, `at ${ms}`).toBe(text),
      })),
    ];
    // In time order; at one time, the calls before the checks.
    for (const { ms, act } of steps.sort((a, b) => a.ms - b.ms)) {
      at(ms);
      act();
    }
  });

  it('keeps each region to itself', () => {
    const [saved, refusal] = [document.createElement('p'), document.createElement('p')];
    const announce = createAnnouncer(() => Date.now());
    announce(saved, 'Saved.');
    announce(saved, 'Saved.');
    announce(refusal, 'Keep one.');
    expect([saved.textContent, refusal.textContent]).toEqual(['', 'Keep one.']);
    vi.advanceTimersByTime(REPEAT_DELAY_MS);
    expect(saved.textContent).toBe('Saved.');
  });
});
