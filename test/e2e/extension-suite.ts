import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import {
  FIXTURES_DIR,
  launchWithExtension,
  serveDirectory,
  type BrowserName,
  type ExtensionBrowser,
  type StaticServer,
} from './launch.mjs';

/** The built extension running in one browser, and the pages it is tested on. */
export interface ExtensionSuite {
  server: StaticServer;
  session: ExtensionBrowser;
}

/**
 * For the describe block it is called in: serves `serve()`'s pages (the fixtures by default) and
 * launches `browserName` with the built extension before the tests, closes both after them, and
 * prints the launch and flow times. The block's own hooks run after this launch and before the close.
 * `beforeInstall` runs in the browser before the extension is installed (to open tabs it finds).
 */
export function useExtensionSuite(
  name: string,
  browserName: BrowserName,
  serve: () => Promise<StaticServer> = () => serveDirectory(FIXTURES_DIR),
  beforeInstall?: (browser: Browser, server: StaticServer) => Promise<void>,
): ExtensionSuite {
  const suite = {} as ExtensionSuite;
  let started = 0;
  let launched = 0;
  beforeAll(async () => {
    started = performance.now();
    suite.server = await serve();
    suite.session = await launchWithExtension({
      browserName,
      beforeInstall: beforeInstall && ((browser) => beforeInstall(browser, suite.server)),
    });
    launched = performance.now();
  });
  afterAll(async () => {
    const end = performance.now();
    try {
      await suite.session?.close();
    } finally {
      await suite.server?.close();
    }
    const seconds = (ms: number) => (ms / 1000).toFixed(1) + ' s';
    console.log(
      `[e2e] ${name} ${browserName}: launch ${seconds(launched - started)}, ` +
        `flow ${seconds(end - launched)}, total ${seconds(end - started)}`,
    );
  });
  return suite;
}
