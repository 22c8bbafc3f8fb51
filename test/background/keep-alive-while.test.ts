import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KEEP_ALIVE_INTERVAL_MS, keepAliveWhile } from '../../src/background/keep-alive-while';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A promise settled from outside, as an open of the database is by IndexedDB. */
function pending<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('keepAliveWhile', () => {
  it('keeps the default interval under the 30 s after which Chrome stops an idle worker', () => {
    expect(KEEP_ALIVE_INTERVAL_MS).toBeLessThan(30_000);
  });

  [
    { elapsedMs: 0, pings: 0 },
    { elapsedMs: KEEP_ALIVE_INTERVAL_MS - 1, pings: 0 },
    { elapsedMs: KEEP_ALIVE_INTERVAL_MS, pings: 1 },
    { elapsedMs: 3 * KEEP_ALIVE_INTERVAL_MS + 1, pings: 3 },
  ].forEach(({ elapsedMs, pings }) => {
    it(`calls ping ${pings} times in ${elapsedMs} ms of work still pending`, async () => {
      const ping = vi.fn();
      void keepAliveWhile(pending<void>().promise, ping);
      await vi.advanceTimersByTimeAsync(elapsedMs);
      expect(ping).toHaveBeenCalledTimes(pings);
    });
  });

  it('resolves with the work and pings no more once it has', async () => {
    const ping = vi.fn();
    const work = pending<string>();
    const kept = keepAliveWhile(work.promise, ping, 1_000);
    await vi.advanceTimersByTimeAsync(2_500);
    work.resolve('opened');
    await expect(kept).resolves.toBe('opened');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(ping).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects with the work and pings no more once it has', async () => {
    const ping = vi.fn();
    const work = pending<string>();
    const kept = keepAliveWhile(work.promise, ping, 1_000);
    const failure = new Error('upgrade failed');
    work.reject(failure);
    await expect(kept).rejects.toBe(failure);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(ping).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  [
    {
      name: 'rejects',
      ping: () => Promise.reject(new Error('context invalidated')),
    },
    {
      name: 'throws',
      ping: () => {
        throw new Error('no runtime');
      },
    },
  ].forEach(({ name, ping }) => {
    it(`keeps pinging, and the work's result stands, when ping ${name}`, async () => {
      const counted = vi.fn(ping);
      const work = pending<number>();
      const kept = keepAliveWhile(work.promise, counted, 1_000);
      await vi.advanceTimersByTimeAsync(3_000);
      work.resolve(7);
      await expect(kept).resolves.toBe(7);
      expect(counted).toHaveBeenCalledTimes(3);
    });
  });
});
