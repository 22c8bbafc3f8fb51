/**
 * How often `keepAliveWhile` calls an extension API: Chrome stops a service worker after 30 s
 * without extension events or API calls, and Firefox an event page alike (its
 * `extensions.background.idle.timeout`, which an API call answered by the browser resets).
 */
export const KEEP_ALIVE_INTERVAL_MS = 20_000;

/**
 * Settles as `work` does, calling `ping` (an extension API call) every `intervalMs` until then,
 * so the browser does not stop the worker in the middle of it. Chrome's documented way
 * (https://developer.chrome.com/docs/extensions/develop/concepts/service-workers/lifecycle,
 * "Keep a service worker alive until a long-running operation is finished"). A failing ping is
 * ignored: it only keeps the worker alive.
 */
export async function keepAliveWhile<T>(
  work: Promise<T>,
  ping: () => unknown,
  intervalMs = KEEP_ALIVE_INTERVAL_MS,
): Promise<T> {
  const timer = setInterval(() => {
    try {
      Promise.resolve(ping()).catch(() => {});
    } catch {
      // As a rejection: the next ping may succeed.
    }
  }, intervalMs);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}
