import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Node's Intl takes its default language from the environment a worker starts in (LC_ALL, else
// LANG): the tests, like CI (.ci/run), read dates and numbers given no locale in English.
process.env.LC_ALL = 'C.UTF-8';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  plugins: [
    {
      // The build bundles stylesheets as text (esbuild's text loader); do the same here.
      name: 'css-as-text',
      enforce: 'pre',
      async load(id) {
        if (!id.endsWith('.css')) return null;
        return `export default ${JSON.stringify(await readFile(id, 'utf8'))};`;
      },
    },
  ],
  // Unit tests read the toolbar's state from its host, as the e2e build does (src/env.d.ts).
  define: { __TEST_HOOKS__: 'true', __BENCH_MARKS__: 'false' },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'jsdom',
    // Documents made in tests stand for articles: at a site's root they would be its home page.
    environmentOptions: { jsdom: { url: 'http://localhost:3000/news/a-story' } },
  },
});
