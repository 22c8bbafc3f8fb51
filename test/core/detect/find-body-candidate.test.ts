import { describe, expect, it } from 'vitest';
import { findBodyCandidate } from '../../../src/core/detect/find-body-candidate';
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
