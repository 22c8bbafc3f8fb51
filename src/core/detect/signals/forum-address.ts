import { firstAddressUrl } from '../page-addresses';
import type { PageFacts } from '../read-page-facts';

/**
 * Host labels of a site's forum (`forum.example.com`, `foren.example.de`, `bbs.example.cn`):
 * threads of posts by many hands, not articles.
 */
const FORUM_HOST_LABELS = new Set([
  'forum',
  'forums',
  'foren',
  'board',
  'boards',
  'bbs',
  'discuss',
  'discussions',
]);

/** Path segments of a forum's thread: the scripts forum software shows one with, and `/threads/`. */
const THREAD_PATH_SEGMENTS = new Set([
  'viewtopic.php',
  'viewthread.php',
  'showthread.php',
  'showtopic.php',
  'thread',
  'threads',
]);

/** A Discourse topic's path, `/t/<slug>/<id>`: the forum software of many communities. */
const TOPIC_PATH = /^\/t\/[^/]+\/\d+(?:\/|$)/;
/** A question's or a discussion's path by number (`/questions/231767/…`): Q&A sites and forums. */
const QUESTION_PATH = /\/(?:questions?|discussions?)\/\d+(?:\/|$)/i;

/** A forum's index, the root of a site's board (`/forum`, `/forums/index.php`, `/community/foren/`). */
const FORUM_INDEX_PATH = /\/(?:forums?|foren|boards?|bbs)(?:\/(?:index\.\w+)?)?$/i;

/**
 * The page's address is a forum's: its host is named as a forum is, or its path shows a thread or
 * the board's index.
 * Forum threads rarely declare themselves, and their posts read as long prose.
 */
export function forumAddress({ addresses }: Pick<PageFacts, 'addresses'>): number {
  const url = firstAddressUrl(addresses);
  if (!url) return 0;
  const { hostname, pathname } = url;
  const isForumHost = hostname.split('.').some((label) => FORUM_HOST_LABELS.has(label));
  const isThreadPath = pathname
    .toLowerCase()
    .split('/')
    .some((segment) => THREAD_PATH_SEGMENTS.has(segment));
  const isTopicPath =
    TOPIC_PATH.test(pathname) || QUESTION_PATH.test(pathname) || FORUM_INDEX_PATH.test(pathname);
  return isForumHost || isThreadPath || isTopicPath ? 1 : 0;
}
