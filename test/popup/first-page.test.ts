import { describe, expect, it } from 'vitest';
import { PAGE_SIZE, requestFirstPage, takeFirstPage } from '../../src/popup/first-page';
import type { Vote } from '../../src/protocol';

const vote = { key: 'https://news.example/a' } as Vote;

describe('requestFirstPage', () => {
  it('asks for one unfiltered page of PAGE_SIZE rows, and the row past it', () => {
    const asked: unknown[] = [];
    requestFirstPage(window, async (query) => (asked.push(query), [vote]));
    expect(asked).toEqual([{ limit: PAGE_SIZE + 1 }]);
    takeFirstPage(window);
  });

  it('leaves a failure to whoever takes the page', async () => {
    requestFirstPage(window, () => Promise.reject(new Error('no worker')));
    await new Promise((done) => setTimeout(done, 0));
    await expect(takeFirstPage(window)).rejects.toThrow('no worker');
  });
});

describe('takeFirstPage', () => {
  it('gives the asked-for page once, then undefined', async () => {
    requestFirstPage(window, async () => [vote]);
    expect(await takeFirstPage(window)).toEqual([vote]);
    expect(takeFirstPage(window)).toBeUndefined();
  });

  it('is undefined when nothing asked', () => {
    expect(takeFirstPage(window)).toBeUndefined();
  });
});
