import { beforeEach, describe, expect, it, vi } from 'vitest';
import { REACTION_EMOJI } from '../../src/core/reactions';
import { BADGE_BACKGROUND, showReactionBadge } from '../../src/background/toolbar-button';

/** The toolbar button's per-tab badge, with the browser's action API faked. */

const action = vi.hoisted(() => ({
  setBadgeText: vi.fn(async (_details: { tabId: number; text: string }) => {}),
  setBadgeBackgroundColor: vi.fn(async (_details: { tabId: number; color: string }) => {}),
  setTitle: vi.fn(async (_details: { tabId: number; title: string }) => {}),
}));

/** The address the faked browser gives for every tab (undefined: one beyond the host permissions). */
const tabs = vi.hoisted(() => ({
  url: undefined as string | undefined,
  get: vi.fn(async (tabId: number) => ({ id: tabId, url: tabs.url })),
}));

vi.mock('webextension-polyfill', () => ({
  default: { action, tabs: { get: tabs.get }, i18n: { getUILanguage: () => 'en-US' } },
}));

/** Red, as both browsers draw a badge whose colour is not set (Firefox's [217, 0, 0]). */
const DEFAULT_BADGE_RED = { r: 217, g: 0, b: 0 };

function rgbOf(hex: string): { r: number; g: number; b: number } {
  const value = Number.parseInt(hex.slice(1), 16);
  return { r: value >> 16, g: (value >> 8) & 0xff, b: value & 0xff };
}

beforeEach(() => {
  for (const fn of Object.values(action)) fn.mockClear();
});

describe('showReactionBadge', () => {
  it('draws the emoji on a neutral badge, not the default red a red heart or angry face vanishes in', async () => {
    await showReactionBadge(3, 'love');
    expect(action.setBadgeText).toHaveBeenCalledWith({ tabId: 3, text: REACTION_EMOJI.love });
    expect(action.setBadgeBackgroundColor).toHaveBeenCalledWith({
      tabId: 3,
      color: BADGE_BACKGROUND,
    });
    const { r, g, b } = rgbOf(BADGE_BACKGROUND);
    // Grey: no channel far from the others, so no reaction's colour matches it.
    expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeLessThan(24);
    expect(Math.abs(r - DEFAULT_BADGE_RED.r)).toBeGreaterThan(64);
  });

  it('clears the badge for no reaction', async () => {
    await showReactionBadge(3, null);
    expect(action.setBadgeText).toHaveBeenCalledWith({ tabId: 3, text: '' });
  });

  const page = 'https://news.example/world/story?id=4';
  it.each([
    ['the page itself', page],
    ['the page at another anchor', `${page}#comments`],
    ['the page without its tracking parameters', `${page}&utm_source=feed`],
  ])('shows the reaction for a page where the tab still shows %s', async (_, tabUrl) => {
    tabs.url = tabUrl;
    await showReactionBadge(3, 'love', page);
    expect(action.setBadgeText).toHaveBeenCalledWith({ tabId: 3, text: REACTION_EMOJI.love });
  });

  // The browser cleared the badge as the tab left: an answer that comes after is the old page's.
  it.each([
    ['another page', 'https://news.example/'],
    ['another story of an app (its route)', 'https://news.example/app#!/story/2'],
    ['a page beyond the host permissions (no address given)', undefined],
  ])('leaves the badge alone where the tab has gone on to %s', async (_, tabUrl) => {
    tabs.url = tabUrl;
    const app = 'https://news.example/app#!/story/1';
    await showReactionBadge(3, 'love', tabUrl?.includes('#!') ? app : page);
    await showReactionBadge(3, null, page);
    expect(action.setBadgeText).not.toHaveBeenCalled();
    expect(action.setTitle).not.toHaveBeenCalled();
  });
});
