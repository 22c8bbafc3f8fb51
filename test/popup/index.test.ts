import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { STORAGE_FULL_ERROR } from '../../src/background/calls';
import type { CallMessage, Vote } from '../../src/protocol';

/**
 * The popup's entry over popup.html, with the background faked at its one seam
 * (runtime.sendMessage): a call that fails reaches the reader as a message.
 */

const vote: Vote = {
  key: 'https://news.example/story',
  url: 'https://news.example/story',
  title: 'Story',
  site: 'news.example',
  reaction: 'love',
  createdAt: 1,
  updatedAt: 2,
};

/** Replies per call; a call not listed fails as the background answers a failure. */
const replies: Record<string, unknown> = {
  listHistory: [vote],
  getHistoryStats: {
    counts: { like: 0, dislike: 0, love: 1, funny: 0, angry: 0, sad: 0, wow: 0 },
    last7Days: { like: 0, dislike: 0, love: 1, funny: 0, angry: 0, sad: 0, wow: 0 },
    last30Days: { like: 0, dislike: 0, love: 1, funny: 0, angry: 0, sad: 0, wow: 0 },
  },
};
const sendMessage = vi.fn(async ({ call }: CallMessage) =>
  call in replies ? { ok: true, value: replies[call] } : { ok: false, error: STORAGE_FULL_ERROR },
);

vi.mock('webextension-polyfill', () => ({
  default: { runtime: { sendMessage }, tabs: { query: async () => [] } },
}));

beforeAll(async () => {
  const html = await readFile(
    join(dirname(fileURLToPath(import.meta.url)), '../../src/popup/popup.html'),
    'utf8',
  );
  document.body.innerHTML = new DOMParser().parseFromString(html, 'text/html').body.innerHTML;
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
  await import('../../src/popup/index');
  await vi.waitFor(() => expect(document.body.hasAttribute('data-ready')).toBe(true));
});

describe('popup entry', () => {
  it('shows why a removal failed and keeps the row', async () => {
    const error = document.getElementById('history-error')!;
    expect(error.hidden).toBe(true);
    document.querySelector<HTMLButtonElement>('li.history-entry .history-remove')!.click();
    await vi.waitFor(() => expect(error.hidden).toBe(false));
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toBe(`Something went wrong: ${STORAGE_FULL_ERROR}`);
    expect(document.querySelectorAll('li.history-entry')).toHaveLength(1);
    expect(sendMessage).toHaveBeenCalledWith({
      call: 'editVote',
      input: { key: vote.key, reaction: null },
    });
  });
});
