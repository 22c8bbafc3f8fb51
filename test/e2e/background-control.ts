import type { Browser, CDPSession, Page, Target, WebWorker } from 'puppeteer-core';
import { GECKO_ID, type ExtensionBrowser } from './launch.mjs';

/**
 * Stops the extension's background as the browser does when it is idle, and proves each stop
 * happened: a durability test whose stop silently did nothing would pass on a background that
 * keeps votes only in memory. Chromium stops the service worker over the DevTools protocol;
 * Firefox terminates the event page as about:debugging's "Terminate background script" does.
 */

/** A stop the browser has not confirmed by then failed (both browsers confirm in under 100 ms). */
export const STOP_CONFIRM_MS = 10_000;

export interface BackgroundControl {
  /**
   * Stops the running background and resolves once the browser reports it stopped (Chromium:
   * the worker's target is gone and its version is `stopped`; Firefox: the event page's state is
   * `stopped`). Throws if none was running or it still runs after `STOP_CONFIRM_MS`.
   */
  stop(): Promise<void>;
  /** Whether the background runs now (or is starting, in Firefox). */
  isRunning(): Promise<boolean>;
  /** Asks for a stop without waiting for it, ignoring errors: for a storm of stops. */
  requestStop(): Promise<void>;
  /** How many times the background has stopped since this control was made. */
  stopsSeen(): number;
  close(): Promise<void>;
}

/** A control over `session`'s background; `page` is any open tab (Chromium's CDP goes through one). */
export async function backgroundControl(
  session: ExtensionBrowser,
  page: Page,
): Promise<BackgroundControl> {
  return session.browserName === 'chromium'
    ? serviceWorkerControl(session, page)
    : eventPageControl(session);
}

/** The extension's running service worker (Chromium), if any. */
export function runningServiceWorker(
  browser: Browser,
  extensionOrigin: string,
): Target | undefined {
  return browser.targets().find((t) => isServiceWorkerOf(t, extensionOrigin));
}

/**
 * The extension's service worker (Chromium) once its global scope is set up: Puppeteer can reach
 * the worker before it has timers or the extension's API, and a wrap put on it then is lost.
 */
export async function readyServiceWorker({
  browser,
  extensionOrigin,
}: ExtensionBrowser): Promise<WebWorker> {
  const target = await browser.waitForTarget((t) => isServiceWorkerOf(t, extensionOrigin));
  const worker = await target.worker();
  if (!worker) throw new Error('the service worker target has no worker');
  const isSetUp = () =>
    typeof setTimeout === 'function' &&
    typeof (globalThis as { chrome?: { scripting?: object } }).chrome?.scripting === 'object';
  for (const deadline = Date.now() + 10_000; !(await worker.evaluate(isSetUp));) {
    if (Date.now() > deadline) throw new Error('the service worker never set up its scope');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return worker;
}

function isServiceWorkerOf(target: Target, extensionOrigin: string): boolean {
  return target.type() === 'service_worker' && target.url().startsWith(extensionOrigin + '/');
}

interface WorkerVersion {
  scriptURL: string;
  runningStatus: string;
}

async function serviceWorkerControl(
  { browser, extensionOrigin }: ExtensionBrowser,
  page: Page,
): Promise<BackgroundControl> {
  const cdp: CDPSession = await page.createCDPSession();
  await cdp.send('ServiceWorker.enable');
  // Never attach to the worker itself (target.worker()): an attached DevTools session keeps its
  // target alive across a stop, and the next start of the worker then hangs.
  let stops = 0;
  const countStop = (target: Target) => {
    if (isServiceWorkerOf(target, extensionOrigin)) stops++;
  };
  browser.on('targetdestroyed', countStop);

  return {
    async stop() {
      const worker = runningServiceWorker(browser, extensionOrigin);
      if (!worker) throw new Error('no running service worker of the extension to stop');
      let onDestroyed = (_target: Target) => {};
      const targetGone = new Promise<void>((done) => {
        onDestroyed = (target) => target === worker && done();
        browser.on('targetdestroyed', onDestroyed);
      });
      let onVersions = (_event: { versions: WorkerVersion[] }) => {};
      const versionStopped = new Promise<void>((done) => {
        onVersions = ({ versions }) => {
          const ours = versions.filter((v) => v.scriptURL.startsWith(extensionOrigin + '/'));
          if (ours.length > 0 && ours.every((v) => v.runningStatus === 'stopped')) done();
        };
        cdp.on('ServiceWorker.workerVersionUpdated', onVersions);
      });
      try {
        await cdp.send('ServiceWorker.stopAllWorkers');
        const confirmed = await settlesWithin(
          Promise.all([targetGone, versionStopped]),
          STOP_CONFIRM_MS,
        );
        if (!confirmed) {
          throw new Error(
            `the extension's service worker still runs ${STOP_CONFIRM_MS} ms after ` +
              'ServiceWorker.stopAllWorkers (its target was not destroyed or its version never ' +
              'reported stopped)',
          );
        }
      } finally {
        browser.off('targetdestroyed', onDestroyed);
        cdp.off('ServiceWorker.workerVersionUpdated', onVersions);
      }
    },
    isRunning: async () => runningServiceWorker(browser, extensionOrigin) !== undefined,
    async requestStop() {
      await cdp.send('ServiceWorker.stopAllWorkers').catch(() => {});
    },
    stopsSeen: () => stops,
    async close() {
      browser.off('targetdestroyed', countStop);
      await cdp.detach().catch(() => {});
    },
  };
}

/**
 * Firefox runs the background as an event page, which it suspends when idle
 * (`extensions.background.idle.timeout`, 30 s). No web-facing protocol stops it, so this runs
 * Firefox's own `terminateBackground()` in the browser window's privileged scope, through WebDriver
 * BiDi (the launch's `--remote-allow-system-access` allows that scope).
 */
async function eventPageControl({ browser }: ExtensionBrowser): Promise<BackgroundControl> {
  // Puppeteer's WebDriver BiDi browser exposes its connection for commands it does not wrap.
  const { connection } = browser as unknown as {
    connection: { send(method: string, params: object): Promise<{ result: any }> };
  };
  const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const chromeWindow: string | undefined = tree.result.contexts[0]?.context;
  if (!chromeWindow) throw new Error("no browser window to run Firefox's terminateBackground in");

  /** Runs `body` in the privileged scope, with `extension` (Firefox's own), and returns its JSON. */
  const evaluate = async <T>(body: string): Promise<T> => {
    const expression = `(async () => {
      const { ExtensionParent } = ChromeUtils.importESModule(
        'resource://gre/modules/ExtensionParent.sys.mjs');
      const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)});
      ${body}
    })()`;
    const { result } = await connection.send('script.evaluate', {
      expression,
      target: { context: chromeWindow },
      awaitPromise: true,
      resultOwnership: 'none',
    });
    if (result.type !== 'success') {
      throw new Error(`privileged evaluate failed: ${JSON.stringify(result.exceptionDetails)}`);
    }
    return JSON.parse(result.result.value) as T;
  };
  /**
   * Terminates the event page; returns its state before and after, as Firefox reports them.
   * `disableResetIdleForTest` stops it even while a listener (the vote's message) still runs, as
   * Chromium's stop does; without it Firefox keeps the page alive and the stop would not happen.
   */
  const terminate = () =>
    evaluate<{ before: string; after: string }>(`
      const before = extension.backgroundState;
      await extension.terminateBackground({ disableResetIdleForTest: true });
      return JSON.stringify({ before, after: extension.backgroundState });`);

  let stops = 0;
  const terminateCounted = async () => {
    const states = await terminate();
    if (states.before !== 'stopped' && states.after === 'stopped') stops++;
    return states;
  };

  return {
    async stop() {
      const deadline = Date.now() + STOP_CONFIRM_MS;
      for (let attempt = 1; ; attempt++) {
        const states = await settlesWithin(terminateCounted(), deadline - Date.now());
        if (!states) {
          throw new Error(`Firefox's terminateBackground did not return in ${STOP_CONFIRM_MS} ms`);
        }
        if (states.before === 'stopped') {
          if (attempt > 1) return; // it went down between two attempts
          throw new Error(
            `no running event page of the extension to stop (it was ${states.before})`,
          );
        }
        if (states.after === 'stopped') return;
        // An event arriving while it suspends (the vote's storage write, say) cancels the stop.
        if (Date.now() >= deadline) {
          throw new Error(`the extension's event page still runs (${states.after}) after a stop`);
        }
        await new Promise((done) => setTimeout(done, 50));
      }
    },
    isRunning: async () =>
      (await evaluate<string>('return JSON.stringify(extension.backgroundState);')) !== 'stopped',
    async requestStop() {
      await terminateCounted().catch(() => {});
    },
    stopsSeen: () => stops,
    async close() {},
  };
}

/** What `promise` resolves to if it does so within `ms`, else undefined. */
async function settlesWithin<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((done) => {
    timer = setTimeout(() => done(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
