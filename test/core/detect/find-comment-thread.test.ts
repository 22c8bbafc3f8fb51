import { describe, expect, it, vi } from 'vitest';
import { findCommentThread } from '../../../src/core/detect/find-comment-thread';
import { prose } from '../../support/prose';

function parse(body: string): Document {
  return new DOMParser().parseFromString(`<html><body>${body}</body></html>`, 'text/html');
}

const STORY = `<div id="story"><p>${prose(600)}</p><p>${prose(600)}</p></div>`;
/** A comment signed after its text, by name and time (an old blog template). */
const SIGNED_AFTER = `<div class="c"><p>${prose(300)}</p><span><a href="https://profiles.example/ann">Ann</a> on February 12, 2010 11:32 PM</span></div>`;
/** A comment headed by its author and a permalink on its date (a classic WordPress list). */
const SIGNED_BEFORE = `<li><cite><a href="https://ann.example/">Ann</a></cite> Says: <small><a href="#comment-37398">August 31st, 2010</a></small><p>${prose(300)}</p></li>`;

describe('findCommentThread', () => {
  [
    { label: 'Comments', comments: SIGNED_AFTER.repeat(2) },
    { label: '22 Comments', comments: `<ol>${SIGNED_BEFORE.repeat(2)}</ol>` },
    { label: '<b>3</b> Responses', comments: `<ol>${SIGNED_BEFORE.repeat(2)}</ol>` },
    { label: 'Kommentare (2):', comments: SIGNED_AFTER.repeat(2) },
    { label: 'Komentarze', comments: SIGNED_AFTER + SIGNED_AFTER },
  ].forEach(({ label, comments }) => {
    it(`finds the signed blocks after the label "${label}"`, () => {
      const doc = parse(`<div id="post">${STORY}<h3>${label}</h3>${comments}</div>`);
      const thread = findCommentThread([doc.getElementById('post')!]);
      expect(thread.map((el) => el.localName)).toEqual(
        comments.startsWith('<ol>') ? ['ol'] : ['div', 'div'],
      );
    });
  });

  [
    {
      case: 'a section so named that signs nothing',
      html: `<h3>Comments</h3><div><p>${prose(400)}</p></div><div><p>${prose(400)}</p></div>`,
    },
    {
      case: 'a label over one signature only',
      html: `<h3>Comments</h3><div><p>${prose(400)}</p><span>Ann, 11:32 PM</span></div>`,
    },
    {
      case: 'times under a later heading (dated updates)',
      html: `<h3>Replies</h3><blockquote><p>${prose(400)}</p></blockquote><h3>Updates</h3><p>10:30 GMT</p><p>11:30 GMT</p>`,
    },
    {
      case: 'signed blocks under no label',
      html: SIGNED_AFTER.repeat(3),
    },
    {
      case: 'a label word inside a sentence',
      html: `<p>Comments were closed at 10:30 and reopened at 11:45.</p>${SIGNED_AFTER.repeat(2)}`,
    },
  ].forEach(({ case: name, html }) => {
    it(`finds none for ${name}`, () => {
      const doc = parse(`<div id="post">${STORY}${html}</div>`);
      expect(findCommentThread([doc.getElementById('post')!])).toEqual([]);
    });
  });

  /** Two short lines with a time each: a dateline and a sentence, or two comments' signatures. */
  const TIMES = `<p>07.12.2026, 11:32 Uhr</p><p>Die Sitzung begann um 10:30 <a href="/protokoll">Protokoll</a></p>`;
  [
    {
      case: 'an opinion piece labelled "Kommentar", singular and uncounted',
      html: `${STORY}<p>Kommentar</p>${TIMES}<p>${prose(600)}</p>`,
    },
    {
      case: 'a singular label in English, French and Spanish',
      html: `${STORY}<h3>Comment</h3>${TIMES}<h3>Commentaire</h3>${TIMES}<h3>Comentario</h3>${TIMES}`,
    },
    {
      case: 'a counted label inside a link (a jump to the comments)',
      html: `${STORY}<p><a href="#comments">12 Comments</a></p>${TIMES}`,
    },
    {
      case: 'a label before the story (the top of a post that holds its comments)',
      html: `<div>12 Comments</div>${STORY}${TIMES}`,
    },
  ].forEach(({ case: name, html }) => {
    it(`finds none for ${name}`, () => {
      const doc = parse(`<div id="post">${html}</div>`);
      expect(findCommentThread([doc.getElementById('post')!])).toEqual([]);
    });
  });

  it('finds a singular label after a count ("1 Comment")', () => {
    const doc = parse(`<div id="post">${STORY}<h3>1 Comment</h3>${SIGNED_AFTER.repeat(2)}</div>`);
    expect(findCommentThread([doc.getElementById('post')!])).toHaveLength(2);
  });

  it('reads no block text for short lines that name no comments (one <div> of 4,000 lines)', () => {
    const lines = Array.from({ length: 4000 }, (_, index) => `Line ${index} of the log`);
    const doc = parse(`<div id="post">${STORY}<div>${lines.join('<br>')}</div></div>`);
    const textContent = vi.spyOn(Node.prototype, 'textContent', 'get');
    try {
      expect(findCommentThread([doc.getElementById('post')!])).toEqual([]);
      expect(textContent).not.toHaveBeenCalled();
    } finally {
      textContent.mockRestore();
    }
  });
});
