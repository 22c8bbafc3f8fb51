import { REACTION_EMOJI } from '../core/reactions';
import { formatRelativeTime } from '../core/relative-time';
import type { Vote } from '../protocol';

/** One history row. Every page-supplied string is set as text, never parsed as HTML. */
export function renderHistoryEntry(doc: Document, vote: Vote, now: number): HTMLLIElement {
  const item = doc.createElement('li');
  item.className = 'history-entry';
  item.dataset.reaction = vote.reaction;

  const emoji = doc.createElement('span');
  emoji.className = 'history-emoji';
  emoji.textContent = REACTION_EMOJI[vote.reaction];
  emoji.setAttribute('role', 'img');
  emoji.setAttribute('aria-label', vote.reaction);

  const title = doc.createElement('a');
  title.className = 'history-title';
  title.href = vote.url;
  title.target = '_blank';
  title.rel = 'noopener noreferrer';
  title.textContent = vote.title;
  title.title = vote.title;

  const meta = doc.createElement('span');
  meta.className = 'history-meta';
  const time = doc.createElement('time');
  time.dateTime = new Date(vote.updatedAt).toISOString();
  time.textContent = formatRelativeTime(vote.updatedAt, now);
  meta.append(`${vote.site} · `, time);

  item.append(emoji, title, meta);
  return item;
}

/** Shows `votes` in `list`, or the empty state when there are none. */
export function renderHistory(
  list: HTMLElement,
  empty: HTMLElement,
  votes: readonly Vote[],
  now: number,
): void {
  const doc = list.ownerDocument;
  list.replaceChildren(...votes.map((vote) => renderHistoryEntry(doc, vote, now)));
  empty.hidden = votes.length > 0;
}
