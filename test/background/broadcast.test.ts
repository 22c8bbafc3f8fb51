import { describe, expect, it, vi } from 'vitest';
import { createBroadcast, type WindowTabs } from '../../src/background/broadcast';
import type { ContentMessage } from '../../src/protocol';

/** Tabs 1 and 2 in normal windows, 3 in a private one. */
const tabsOf: WindowTabs = (windows) =>
  Promise.resolve(windows === 'all' ? [1, 2, 3] : windows === 'normal' ? [1, 2] : [3]);

const voteChanged: ContentMessage = {
  notice: 'voteChanged',
  input: { key: 'example.com/story', reaction: 'love' },
};

/** As both browsers reject a message no page listens to. */
const noReceiver = () =>
  Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));

function setUp() {
  const sendToTab = vi.fn((_tabId: number, _message: ContentMessage) => noReceiver());
  const sendToExtensionPages = vi.fn((_message: ContentMessage) => noReceiver());
  const broadcast = createBroadcast(tabsOf, sendToTab, sendToExtensionPages);
  return { sendToTab, sendToExtensionPages, broadcast };
}

describe('createBroadcast', () => {
  // The action popup is no tab: only runtime.sendMessage reaches it.
  [
    { windows: 'normal', tabIds: [1, 2], toExtensionPages: 1 },
    { windows: 'all', tabIds: [1, 2, 3], toExtensionPages: 1 },
    // Every extension page hears runtime.sendMessage, a normal window's popup too.
    { windows: 'private', tabIds: [3], toExtensionPages: 0 },
  ].forEach(({ windows, tabIds, toExtensionPages }) => {
    it(`tells ${windows} windows' tabs, and extension pages ${toExtensionPages} time(s)`, async () => {
      const { sendToTab, sendToExtensionPages, broadcast } = setUp();
      broadcast(voteChanged, windows as 'normal' | 'all' | 'private');
      await vi.waitFor(() => expect(sendToTab).toHaveBeenCalledTimes(tabIds.length));
      expect(sendToTab.mock.calls).toEqual(tabIds.map((tabId) => [tabId, voteChanged]));
      expect(sendToExtensionPages).toHaveBeenCalledTimes(toExtensionPages);
      if (toExtensionPages) expect(sendToExtensionPages).toHaveBeenCalledWith(voteChanged);
    });
  });

  it('tells all windows by default', async () => {
    const { sendToTab, sendToExtensionPages, broadcast } = setUp();
    broadcast({ notice: 'historyChanged', input: {} });
    await vi.waitFor(() => expect(sendToTab).toHaveBeenCalledTimes(3));
    expect(sendToExtensionPages).toHaveBeenCalledOnce();
  });

  it('ignores that no page or tab listens (no unhandled rejection)', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      // Plain functions: a mock's record of its result would handle the rejection itself.
      let told = 0;
      const refuse = () => {
        told += 1;
        return noReceiver();
      };
      createBroadcast(tabsOf, refuse, refuse)(voteChanged);
      await vi.waitFor(() => expect(told).toBe(4));
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
