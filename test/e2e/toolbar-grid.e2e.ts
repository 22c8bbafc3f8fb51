import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useToolbarHarness } from './build-toolbar-harness';
import { BROWSER_NAMES } from './launch.mjs';
import { TOOLBAR } from './toolbar-driver';

/**
 * Articles whose body is a grid that puts each child in its text column, as Ghost's themes
 * (`.gh-canvas`, named lines) and full-bleed layouts (a numbered line) do; the toolbar is placed
 * after the last paragraph by the harness, as the content script places it.
 */
const GRID_BODIES = {
  'named lines':
    'main { display: grid; grid-template-columns: [full-start] minmax(16px, 1fr) [wide-start] ' +
    'minmax(0, 120px) [main-start] minmax(0, 480px) [main-end] minmax(0, 120px) [wide-end] ' +
    'minmax(16px, 1fr) [full-end]; } main > * { grid-column: main; }',
  'a numbered line':
    'main { display: grid; grid-template-columns: 1fr min(480px, 100%) 1fr; } ' +
    'main > * { grid-column: 2; }',
};

function gridPage(rules: string): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Grid article</title>' +
    `<style>body { margin: 0; } ${rules}</style></head>` +
    '<body><main><h1>Ferry service resumes</h1><p>The harbour reopened on Monday.</p>' +
    '<p id="last">Passengers queued from dawn.</p></main>' +
    '<script src="toolbar-harness.js"></script></body></html>'
  );
}

describe.each(BROWSER_NAMES)('%s', (browserName) => {
  const harness = useToolbarHarness('toolbar-grid', { browserName }, async (dir) => {
    for (const [name, rules] of Object.entries(GRID_BODIES)) {
      await writeFile(join(dir, `${name.replace(/ /g, '-')}.html`), gridPage(rules));
    }
  });

  it.each(Object.keys(GRID_BODIES))(
    'puts the toolbar under the last paragraph, in its column, in a grid body of %s',
    async (name) => {
      const page = await harness.session.browser.newPage();
      try {
        await page.setViewport({ width: 1000, height: 800 });
        await page.goto(harness.server.url(`${name.replace(/ /g, '-')}.html`));
        await page.waitForSelector('body[data-ready]');
        const { host, last } = await page.evaluate((tag) => {
          const box = (element: Element) => {
            const { left, right, top, bottom } = element.getBoundingClientRect();
            return { left, right, top, bottom };
          };
          return {
            host: box(document.getElementsByTagName(tag)[0]!),
            last: box(document.getElementById('last')!),
          };
        }, TOOLBAR);
        expect(host.top, 'the toolbar’s top against the paragraph’s bottom').toBeGreaterThanOrEqual(
          last.bottom,
        );
        expect(Math.abs(host.left - last.left), 'left edges apart').toBeLessThanOrEqual(1);
        expect(Math.abs(host.right - last.right), 'right edges apart').toBeLessThanOrEqual(1);
      } finally {
        await page.close();
      }
    },
  );
});
