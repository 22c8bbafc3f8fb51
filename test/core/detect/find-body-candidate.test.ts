import { afterEach, describe, expect, it, vi } from 'vitest';
import { findBodyCandidate } from '../../../src/core/detect/find-body-candidate';
import * as commentThread from '../../../src/core/detect/find-comment-thread';
import { MAX_COMMENT_LABELS_NOTED } from '../../../src/core/detect/scan-page';
import { prose } from '../../support/prose';

function parse(body: string): Document {
  return new DOMParser().parseFromString(`<html><body>${body}</body></html>`, 'text/html');
}

/** Five long paragraphs of a story, in a block of class `storyClass`. */
function story(storyClass: string): string {
  const paragraphs = Array.from({ length: 5 }, () => `<p>${prose(600)}</p>`).join('');
  return `<div id="story" class="${storyClass}"><h1>Title</h1>${paragraphs}</div>`;
}

/** Two readers' comments of a few hundred characters, in a block no unlikely word names. */
const OPINIONS = `<div id="opiniones"><div class="comentario"><p>${prose(450)}</p></div>
  <div class="comentario"><p>${prose(370)}</p></div></div>`;

describe('findBodyCandidate: a story in a block whose class reads as unlikely', () => {
  it('takes the story, not the comments after it, when its class names a banner', () => {
    const doc = parse(`<div id="site">${story('articulo container-banners')}${OPINIONS}</div>`);
    const { body, likelyOnly } = findBodyCandidate(doc)!;
    expect(body.id).toBe('story');
    expect(likelyOnly).toBe(false);
  });

  it('keeps a short story when the unlikely block after it is a long comment thread', () => {
    const comments = Array.from(
      { length: 12 },
      () => `<div class="comment"><p>${prose(400)}</p></div>`,
    ).join('');
    const doc = parse(
      `<div id="site"><div id="story"><p>${prose(700)}</p></div><div id="comments">${comments}</div></div>`,
    );
    expect(findBodyCandidate(doc)!.body.id).toBe('story');
  });

  it('keeps a short story inside its article when a long unlikely sidebar sits beside it', () => {
    const sidebar = Array.from({ length: 8 }, () => `<p>${prose(400)}</p>`).join('');
    const doc = parse(
      `<div id="site"><article id="story"><p>${prose(700)}</p></article><div class="sidebar">${sidebar}</div></div>`,
    );
    expect(findBodyCandidate(doc)!.body.id).toBe('story');
  });
});

/** A story of five long paragraphs in `<div id="story">`, with nothing naming its role. */
const PLAIN_STORY = `<div id="story"><h3><a href="/2010/02/post.html">A post</a></h3>${Array.from(
  { length: 5 },
  () => `<p>${prose(600)}</p>`,
).join('')}</div>`;

/** `count` blocks made by `block`. */
function repeat(count: number, block: (index: number) => string): string {
  return Array.from({ length: count }, (_, index) => block(index)).join('');
}

/** A comment signed after its text, by name and time (an old blog template), classed as the story's parts are. */
const signedAfter = (index: number): string =>
  `<div class="entry"><p>${prose(700)}</p><p>${prose(300)}</p><span><a href="https://profiles.example/u${index}">Reader ${index}</a> on February 1${index % 9}, 2010 11:3${index % 9} PM</span></div>`;

/** A comment headed by its author, "says", and a permalink on its date (a classic WordPress list). */
const signedBefore = (index: number): string =>
  `<li><cite><a href="https://reader${index}.example/">Reader ${index}</a></cite> Says:<br><small><a href="#comment-37${index}">August 31st, 2010 at 4:4${index % 9} am</a></small><p>${prose(600)}</p><p>${prose(400)}</p></li>`;

describe('findBodyCandidate: readers comments marked up as plainly as the story', () => {
  it('stops before comments signed by name and time after a "Comments" label', () => {
    const doc = parse(
      `<div id="blog">${PLAIN_STORY}<div>Comments</div>${repeat(12, signedAfter)}<form><textarea></textarea></form></div>`,
    );
    const { body, parts } = findBodyCandidate(doc)!;
    expect(body.id).toBe('story');
    expect(parts.map((part) => part.id)).toEqual(['story']);
  });

  it('stops before a counted list of comments with permalinks, in any language', () => {
    for (const label of ['22 Comments', '3 Responses', 'Kommentare', 'Comentarios (4)']) {
      const doc = parse(
        `<div id="blog">${PLAIN_STORY}<h4>${label}</h4><ol>${repeat(10, signedBefore)}</ol></div>`,
      );
      expect(findBodyCandidate(doc)!.body.id, label).toBe('story');
    }
  });

  describe('seeks a thread only where one may be labelled', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });
    const comments = repeat(10, signedBefore);

    it('not in a body whose only label lies outside it', () => {
      const search = vi.spyOn(commentThread, 'findCommentThreadSteps');
      const doc = parse(`<div id="blog">${PLAIN_STORY}</div><div><h4>Comments</h4></div>`);
      expect(findBodyCandidate(doc)).not.toBeNull();
      expect(search).not.toHaveBeenCalled();
    });

    it('in a body that holds one, and on a page with too many labels to look at', () => {
      const search = vi.spyOn(commentThread, 'findCommentThreadSteps');
      findBodyCandidate(parse(`<div id="blog">${PLAIN_STORY}<h4>Comments</h4>${comments}</div>`));
      expect(search).toHaveBeenCalledTimes(1);
      const labels = '<b>Replies</b>'.repeat(MAX_COMMENT_LABELS_NOTED);
      findBodyCandidate(parse(`<div id="blog">${PLAIN_STORY}</div><div>${labels}</div>`));
      expect(search).toHaveBeenCalledTimes(2);
    });
  });

  it('stops before comments labelled by a paragraph or a split heading', () => {
    for (const label of ['<p>Comments</p>', '<h3><b>22</b> Comments</h3>']) {
      const doc = parse(
        `<div id="blog">${PLAIN_STORY}${label}<ol>${repeat(10, signedBefore)}</ol></div>`,
      );
      expect(findBodyCandidate(doc)!.body.id, label).toBe('story');
    }
  });

  it('keeps a story whose section is named "Comments" when nothing in it is signed', () => {
    const section = repeat(8, () => `<div class="entry"><p>${prose(600)}</p></div>`);
    const doc = parse(`<div id="blog">${PLAIN_STORY}<h3>Comments</h3>${section}</div>`);
    expect(findBodyCandidate(doc)!.body.id).toBe('blog');
  });

  it('keeps readers letters quoted in the story, and its dated updates', () => {
    const letters = repeat(
      6,
      (index) => `<blockquote><p>${prose(600)}</p><p>Reader ${index}, Leeds</p></blockquote>`,
    );
    const updates = repeat(
      6,
      (index) =>
        `<div class="update"><p><b>Update, 1${index}:30 GMT</b></p><p>${prose(600)}</p></div>`,
    );
    const doc = parse(
      `<div id="blog">${PLAIN_STORY}<h3>Replies</h3>${letters}<h3>Updates</h3>${updates}</div>`,
    );
    expect(findBodyCandidate(doc)!.body.id).toBe('blog');
  });

  it('keeps an opinion piece labelled "Kommentar" over its dateline', () => {
    const paragraphs = repeat(5, () => `<p>${prose(600)}</p>`);
    const doc = parse(
      `<div id="site"><div id="post"><h1>Titel</h1><p>Kommentar</p><p>07.12.2026, 11:32 Uhr</p>${paragraphs}<p>Die Sitzung begann um 10:30 <a href="/protokoll">Protokoll</a></p>${paragraphs}</div><nav><a href="/">Start</a></nav></div>`,
    );
    expect(findBodyCandidate(doc)!.body.id).toBe('post');
  });
});

describe('findBodyCandidate: a story in a layout table', () => {
  it('takes the story cell, not its row, when other rows hold more (comments, pages)', () => {
    const story = repeat(5, () => `<p>${prose(600)}</p>`);
    const doc = parse(
      `<table><tbody><tr><td>Page 1 of 5</td></tr><tr><td id="story">${story}</td></tr><tr><td><div>Comments</div><p>${prose(300)}</p></td></tr></tbody></table>`,
    );
    expect(findBodyCandidate(doc)!.body.id).toBe('story');
  });
});

describe('findBodyCandidate: a story set in sections of one class', () => {
  /** A section of the story: its subheading, and its text in a block of its own. */
  const section = (sectionClass: string, chars: number): string =>
    `<div class="${sectionClass}"><h2>Subheading</h2><div class="text">${repeat(2, () => `<p>${prose(chars)}</p>`)}</div></div>`;

  it('takes both sections, not the text of the longer', () => {
    const doc = parse(
      `<div id="site"><div id="story"><h1>Title</h1>${section('part', 420)}${section('part', 400)}</div><footer>Imprint</footer></div>`,
    );
    expect(findBodyCandidate(doc)!.body.id).toBe('story');
  });

  it('leaves out the next story loaded below, a block of the same class with its own headline', () => {
    const story = (title: string) =>
      `<div class="story"><h1>${title}</h1><p>${prose(1500)}</p><p>${prose(900)}</p></div>`;
    const doc = parse(`<main>${story('This story')}${story('The next story')}</main>`);
    const { body } = findBodyCandidate(doc)!;
    expect(body.closest('.story')!.querySelector('h1')!.textContent).toBe('This story');
  });

  it('leaves out a block of similar text beside the story that is classed otherwise', () => {
    const doc = parse(
      `<div id="site"><div id="story">${section('part', 420)}${section('promo', 400)}</div></div>`,
    );
    const { body } = findBodyCandidate(doc)!;
    expect(body.className).toBe('text');
    expect(body.parentElement!.className).toBe('part');
  });
});
