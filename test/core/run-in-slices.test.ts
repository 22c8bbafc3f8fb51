import { describe, expect, it } from 'vitest';
import {
  drain,
  MAX_COUNTED_SLICE_MS,
  runInSlices,
  type SliceHost,
} from '../../src/core/run-in-slices';

/** A fake clock each step advances by `stepMs`; records the time of each yield to the page. */
function fakeHost(stepMs: number) {
  let time = 0;
  const yields: number[] = [];
  const host: SliceHost = {
    now: () => time,
    async yieldToPage() {
      yields.push(time);
    },
  };
  function* steps(count: number): Generator<void, string> {
    for (let i = 0; i < count; i++) {
      time += stepMs;
      yield;
    }
    return 'done';
  }
  return { host, yields, steps, advance: (ms: number) => (time += ms) };
}

describe('runInSlices', () => {
  it.each([
    { stepMs: 1, count: 20, sliceMs: 4, expectedYields: [4, 8, 12, 16, 20] },
    { stepMs: 0.5, count: 20, sliceMs: 4, expectedYields: [4, 8] },
    { stepMs: 3, count: 3, sliceMs: 4, expectedYields: [6] },
    { stepMs: 1, count: 3, sliceMs: 4, expectedYields: [] },
  ])(
    'yields after each $sliceMs ms of $stepMs ms steps ($count steps)',
    async ({ stepMs, count, sliceMs, expectedYields }) => {
      const { host, yields, steps } = fakeHost(stepMs);
      const result = await runInSlices(steps(count), host, { sliceMs });
      expect(result).toEqual({ finished: true, value: 'done' });
      expect(yields).toEqual(expectedYields);
    },
  );

  it('does not count the time the page takes between slices against the budget', async () => {
    const { host, steps, advance } = fakeHost(1);
    const paused: SliceHost = {
      now: host.now,
      async yieldToPage() {
        advance(100);
      },
    };
    const result = await runInSlices(steps(40), paused, { sliceMs: 4, budgetMs: 50 });
    expect(result).toEqual({ finished: true, value: 'done' });
  });

  it('counts a slice stretched by a loaded machine as one frame of work, not as the time it lasted', async () => {
    // Each of 10 short slices loses the thread for 200 ms partway: 2 s on the clock, 10 frames at most of work.
    const { host, steps, advance } = fakeHost(1);
    function* preempted(): Generator<void, string> {
      for (let i = 0; i < 10; i++) {
        advance(200);
        yield* steps(4);
      }
      return 'done';
    }
    const counted: number[] = [];
    const result = await runInSlices(preempted(), host, {
      sliceMs: 4,
      budgetMs: 10 * MAX_COUNTED_SLICE_MS + 1,
      onSlice: (_start, _end, work) => counted.push(work),
    });
    expect(result).toEqual({ finished: true, value: 'done' });
    expect(Math.max(...counted)).toBe(MAX_COUNTED_SLICE_MS);
  });

  it('still gives up on a run of many slices, each counted in full below a frame', async () => {
    const { host, steps } = fakeHost(3);
    const result = await runInSlices(steps(1000), host, { sliceMs: 4, budgetMs: 60 });
    expect(result).toEqual({ finished: false, reason: 'budget' });
  });

  it('gives up past the budget and closes the steps', async () => {
    const { host, steps } = fakeHost(1);
    const generator = steps(1000);
    const result = await runInSlices(generator, host, { sliceMs: 4, budgetMs: 20 });
    expect(result).toEqual({ finished: false, reason: 'budget' });
    expect(generator.next()).toEqual({ done: true, value: undefined });
  });

  it('stops after a yield once the signal is aborted', async () => {
    const { host, yields, steps } = fakeHost(1);
    const signal = { aborted: false };
    const aborting: SliceHost = {
      now: host.now,
      async yieldToPage() {
        await host.yieldToPage();
        signal.aborted = true;
      },
    };
    const result = await runInSlices(steps(100), aborting, { sliceMs: 4, signal });
    expect(result).toEqual({ finished: false, reason: 'aborted' });
    expect(yields).toEqual([4]);
  });
});

describe('drain', () => {
  it('runs the steps to their result', () => {
    expect(drain(fakeHost(1).steps(5))).toBe('done');
  });
});
