// @vitest-environment node
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the benches, without types
import { batchPages, runInWorkers } from './corpus-pages.mjs';

const pagesOf = (ids: string[]) => ids.map((id) => ({ dir: '', label: { id } }));
const WORKER = './fixtures/page-worker.mjs';

describe('runInWorkers', () => {
  it('returns what the workers post, in order', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `page-${i}`);
    expect(await runInWorkers(WORKER, pagesOf(ids), {})).toEqual(ids);
  });

  it('rejects on a failed worker when no one takes failed pages', async () => {
    await expect(runInWorkers(WORKER, pagesOf(['a', 'throws', 'b']), {})).rejects.toThrow(
      'throws threw',
    );
  });

  it('leaves out a page that crashes or hangs its worker, and runs the rest', async () => {
    const failed: [string, string][] = [];
    const results = await runInWorkers(
      WORKER,
      pagesOf(['a', 'throws', 'b', 'hangs', 'c']),
      {},
      {
        onPageFailed: ({ label }: { label: { id: string } }, reason: string) =>
          failed.push([label.id, reason]),
        pageTimeLimitMs: 500,
      },
    );
    expect(results).toEqual(['a', 'b', 'c']);
    expect(failed).toEqual([
      ['hangs', 'took over 0.5 s'],
      ['throws', 'throws threw'],
    ]);
  });
});

describe('batchPages', () => {
  const cases = [
    { sizes: Array(60).fill(1000), expected: [25, 25, 10] },
    { sizes: [5_000_000, 5_000_000, 1000, 1000], expected: [1, 3] },
    { sizes: [20_000_000, 1000], expected: [1, 1] },
  ];
  cases.forEach(({ sizes, expected }) => {
    it(`batches pages of ${sizes.length} sizes into ${expected.join(', ')}`, () => {
      const pages = sizes.map((size, i) => ({ dir: '', label: { id: `p${i}` }, size }));
      const batches: unknown[][] = batchPages(pages, (page: { size: number }) => page.size);
      expect(batches.map((batch) => batch.length)).toEqual(expected);
    });
  });
});
