// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the benches, without types
import { buildBundle, runInWorkers } from './corpus-pages.mjs';

const ARTICLE = `<!DOCTYPE html><html><head><title>A story</title></head><body><article><h1>A story</h1>${'<p>The council voted on Tuesday to rebuild the school, after months of debate between the majority and the opposition.</p>'.repeat(8)}<p>Work starts in September.</p></article></body></html>`;

let dir = '';
let bundle = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'moodmark-detect-worker-'));
  bundle = await buildBundle('detect-worker-test', [
    "export { detectArticle } from './src/core/detect-article.ts';",
    "export { explainBySignals as explainArticle } from './src/core/detect/detect-by-signals.ts';",
    "export * from './test/support/placement.ts';",
    "export * from './test/support/corpus.ts';",
    "export { readParagraphFirst } from './test/bench/paragraph-first-read.ts';",
  ]);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function savePage(id: string, html: string, label: object) {
  mkdirSync(join(dir, id));
  writeFileSync(join(dir, id, 'page.html'), html);
  return { dir, label: { id, isArticle: true, ...label } };
}

describe('detect-worker', () => {
  it('answers for odd labels and pages rather than stopping the run', async () => {
    const pages = [
      savePage('body-end-number', ARTICLE, { bodyEnd: 12345 }),
      savePage('no-optional-fields', ARTICLE, {}),
      savePage('empty', '', { isArticle: false, bodyEnd: null }),
      savePage('body-end-elsewhere', ARTICLE, { bodyEnd: 'Nowhere in this page.' }),
      savePage('body-end-no-letters', ARTICLE, { bodyEnd: '… — !!' }),
    ];
    const results = await runInWorkers('./detect-worker.mjs', pages, { bundle });
    expect(
      results.map(({ id, hasBody, placeable, placementTail }: Record<string, unknown>) => ({
        id,
        hasBody,
        placeable,
        placementTail,
      })),
    ).toEqual([
      { id: 'body-end-number', hasBody: false, placeable: false, placementTail: null },
      { id: 'no-optional-fields', hasBody: false, placeable: false, placementTail: null },
      { id: 'empty', hasBody: false, placeable: false, placementTail: null },
      { id: 'body-end-elsewhere', hasBody: true, placeable: false, placementTail: -1 },
      // Placement compares letters and digits: with none, any place would score.
      { id: 'body-end-no-letters', hasBody: false, placeable: false, placementTail: null },
    ]);
  }, 60_000);
});
