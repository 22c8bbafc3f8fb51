/** The parts of `storage.session` a once-per-session flag uses (browser.storage.session). */
export interface SessionFlags {
  get(name: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/**
 * Runs `run` at the first worker start of an extension session, marked by the flag `name` in
 * `storage.session`. Chrome empties that storage when the extension is disabled, reloaded or
 * updated and when the browser restarts, Firefox when the browser stops (and a new extension
 * starts with none). A worker that wakes again in the same session finds the flag and skips. A
 * session that cannot be read counts as new: `run` must be safe to repeat.
 * https://developer.chrome.com/docs/extensions/reference/api/storage#property-session
 * Resolves to whether it ran.
 */
export async function runOncePerSession(
  session: SessionFlags,
  name: string,
  run: () => Promise<void>,
): Promise<boolean> {
  const isNewSession = await session.get(name).then(
    (items) => items[name] !== true,
    () => true,
  );
  if (!isNewSession) return false;
  // Marked first: a worker stopped while `run` works is not worth a second run.
  await session.set({ [name]: true }).catch(() => {});
  await run();
  return true;
}
