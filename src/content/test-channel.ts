/** Prefix of a page's request to the test channel: `moodmark-test-call:<JSON message>`. */
export const TEST_CALL_PREFIX = 'moodmark-test-call:';
/** Prefix of the channel's answer: `moodmark-test-reply:<JSON reply>`. */
export const TEST_REPLY_PREFIX = 'moodmark-test-reply:';

/**
 * End-to-end build only (never in the release; see src/env.d.ts): the page may hand this content
 * script any message to send to the background, as a compromised content script could, so the
 * tests can show what the background refuses it. Strings only, so nothing crosses between the
 * page's and the content script's JavaScript worlds but text.
 */
export function openTestChannel(win: Window, send: (message: unknown) => Promise<unknown>): void {
  win.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== win || typeof event.data !== 'string') return;
    if (!event.data.startsWith(TEST_CALL_PREFIX)) return;
    const message: unknown = JSON.parse(event.data.slice(TEST_CALL_PREFIX.length));
    void send(message).then(
      (reply) => win.postMessage(TEST_REPLY_PREFIX + JSON.stringify(reply ?? null), '*'),
      (error: unknown) =>
        win.postMessage(TEST_REPLY_PREFIX + JSON.stringify({ thrown: String(error) }), '*'),
    );
  });
}
