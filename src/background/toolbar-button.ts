import browser from 'webextension-polyfill';
import { isSamePage } from '../core/article-url';
import { reactionName, resolveLocale, translate } from '../core/i18n';
import { REACTION_EMOJI, type Reaction } from '../core/reactions';
import type { ContentMessage } from '../protocol';

/**
 * The badge's background behind the emoji: a mid grey that stands out on light and dark toolbars
 * alike. Left unset, both browsers draw it red (Firefox's [217, 0, 0]), where the red heart and
 * the angry face all but vanish.
 */
export const BADGE_BACKGROUND = '#5f6368';

/**
 * Shows the reader's reaction to the article in tab `tabId` on the toolbar button: the emoji
 * as the badge and the reaction's name in the tooltip; none clears both. Per tab, so the
 * browser drops it when the tab navigates or closes. Given the page the reaction is for,
 * `pageUrl`, only while the tab still shows it: an answer that comes after the reader left
 * (a vote that woke the background, then a click on a link) would stay on the next page.
 */
export async function showReactionBadge(
  tabId: number,
  reaction: Reaction | null,
  pageUrl?: string,
): Promise<void> {
  if (pageUrl !== undefined) {
    // The host permissions show the address of a page Moodmark runs in, and none beyond them.
    const { url } = await browser.tabs.get(tabId);
    if (url === undefined || !isSamePage(url, pageUrl)) return;
  }
  const locale = resolveLocale([browser.i18n.getUILanguage()]);
  await Promise.all([
    browser.action.setBadgeText({ tabId, text: reaction ? REACTION_EMOJI[reaction] : '' }),
    browser.action.setBadgeBackgroundColor({ tabId, color: BADGE_BACKGROUND }),
    browser.action.setTitle({
      tabId,
      title: reaction
        ? translate(locale, 'actionTitleReacted', [reactionName(locale, reaction)])
        : translate(locale, 'actionTitle'),
    }),
  ]);
}

/**
 * Asks the content script in the active tab to focus its toolbar. tabs.sendMessage needs no
 * "tabs" permission; a tab without a toolbar (or without the content script) ignores it.
 */
export async function focusToolbarInActiveTab(): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return;
  const message: ContentMessage = { notice: 'focusToolbar', input: {} };
  await browser.tabs.sendMessage(tab.id, message).catch(() => {});
}
