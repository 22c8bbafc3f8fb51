import { describe, expect, it, vi } from 'vitest';
import { findBodyEnd } from '../../../src/core/detect/find-body-end';
import { countGetterReads } from '../../support/count-getter-reads';

function page(body: string): Document {
  return new DOMParser().parseFromString(
    `<!doctype html><title>t</title><body>${body}`,
    'text/html',
  );
}

/** A paragraph of prose about `chars` characters long, commas and all. */
function prose(chars: number): string {
  const sentence =
    'The ferry runs again from Monday, the harbour office said, and tickets go on sale. ';
  return `<p>${sentence.repeat(Math.ceil(chars / sentence.length))}</p>`;
}

/** Paragraphs that are each only a link to another story, after a bullet. */
function linkParagraphs(count: number): string {
  return Array.from(
    { length: count },
    (_, i) => `<p>&bull; <a href="/story-${i}">The ferry story number ${i}</a></p>`,
  ).join('');
}

describe('findBodyEnd', () => {
  it('ends the body after a closing sentence set as a heading', () => {
    const doc = page(
      `<article><div id="body">${prose(600)}${prose(600)}` +
        '<h3 id="last">Please consider supporting the newsletter. Thanks for reading!</h3></div></article>',
    );
    expect(findBodyEnd([doc.getElementById('body')!]).id).toBe('last');
  });

  it.each([
    ['a Chinese or Japanese full stop', '感谢您的阅读。'],
    ['a full-width exclamation mark', '谢谢阅读！'],
    ['an Arabic question mark', 'هل أعجبك المقال؟'],
    ['a Devanagari danda', 'पढ़ने के लिए धन्यवाद।'],
  ])('ends the body after a closing heading that ends with %s', (_name, line) => {
    const doc = page(
      `<article><div id="body">${prose(600)}${prose(600)}<h3 id="last">${line}</h3></div></article>`,
    );
    expect(findBodyEnd([doc.getElementById('body')!]).id).toBe('last');
  });

  it("ends the body in the story's last media object (a picture beside its paragraphs)", () => {
    const media = (id = '') =>
      `<div class="media"${id}><img src="a.jpg" alt=""><div class="media-body">${prose(400)}</div></div>`;
    const doc = page(
      `<article><div id="body">${prose(400)}${media()}${media(' id="last"')}</div></article>`,
    );
    expect(findBodyEnd([doc.getElementById('body')!])).toBe(
      doc.querySelector('#last .media-body > p'),
    );
  });

  it('ends the body after a credit set as a heading below prose written between <br>s', () => {
    const lines = 'The ferry runs again from Monday, the harbour office said.<br><br>'.repeat(12);
    const doc = page(
      `<article><div id="body">${lines}<h6 id="last">With reporting by AFP and Reuters</h6></div></article>`,
    );
    expect(findBodyEnd([doc.getElementById('body')!]).id).toBe('last');
  });

  it('ends the body before a heading that labels what follows, even with nothing after it', () => {
    const doc = page(
      `<article><div id="body">${prose(600)}<p id="last">Tickets go on sale at the pier.</p>` +
        '<h3>Comments</h3></div></article>',
    );
    expect(findBodyEnd([doc.getElementById('body')!]).id).toBe('last');
  });

  it('ends the body before a sentence heading over a block it drops (a plea over a form)', () => {
    const doc = page(
      `<article><div id="body">${prose(600)}<p id="last">Tickets go on sale at the pier.</p>` +
        '<h3>Want more news? Get it every morning.</h3>' +
        '<div class="share"><a href="/a">Share on one network</a> <a href="/b">Share on another</a></div></div></article>',
    );
    expect(findBodyEnd([doc.getElementById('body')!]).id).toBe('last');
  });

  it.each([
    [
      'a short note with a link after a plea to become a member',
      '<p><em>Available to members every week. To sign up, visit the</em> <a href="/membership">membership page</a>.</p>' +
        '<p><em>For more on this topic, read</em> <a href="/update">our daily update</a>.</p>',
    ],
    [
      'a box asking for donations, with its button',
      '<div class="options"><span>The magazine is published by a nonprofit. Are you interested in supporting it? ' +
        'Donations are tax-deductible.</span> <a class="button" href="/donate">DONATE</a></div>',
    ],
    [
      'a plea to donate in Spanish, with its link',
      '<p>Este medio se sostiene con sus lectores. <a href="/donar">Haz una donaci\u00f3n</a></p>',
    ],
    [
      'a plea to become a member, with its link',
      '<p>Our reporting is paid for by readers. <a href="/join">Become a member</a></p>',
    ],
    [
      "a long plea to fund the site's journalism, with its button",
      `<div class="box"><p>${prose(400)}</p><p>Independent journalism needs its readers. ` +
        'Support our newsroom with a monthly gift.</p><a class="button" href="/support">Support us</a></div>',
    ],
    [
      'a plea to fund the journalism, in German',
      '<p>Guter Journalismus kostet Geld. Deshalb unterst\u00fctze uns, monatlich oder einmalig: ' +
        '<a href="/abo">Jetzt unterst\u00fctzen</a></p>',
    ],
    [
      'a plea to fund the journalism, in Dutch',
      '<p>Onafhankelijke journalistiek kost geld. <a href="/steun">Steun onze redactie</a></p>',
    ],
    [
      'a plea to fund the journalism, in Polish',
      '<p>Niezale\u017cne dziennikarstwo kosztuje. <a href="/wesprzyj">Wesprzyj nasz portal</a></p>',
    ],
    [
      'an advertisement marked at its end',
      '<hr><p><em>Harbourquotes links you to boat yards near you. <a href="/q">Click here</a> to get your quotes. \u2014 *ad.</em></p>',
    ],
    [
      'an advertisement marked at its end by a word in brackets',
      '<p>Jetzt Bootsplatz sichern, <a href="/q">hier entlang</a> (Anzeige)</p>',
    ],
    [
      'an advertisement labelled at its start',
      '<p>Sponsored: Harbourquotes links you to boat yards near you. <a href="/q">Get your quotes</a>.</p>',
    ],
    [
      'an advertisement labelled in German',
      '<p>Anzeige: Jetzt Bootsplatz sichern, <a href="/q">hier entlang</a></p>',
    ],
    [
      "the site's comment rules",
      '<div class="guidelines">Comments are filtered for language. Here are the ' +
        '<a href="/terms">full legal terms</a> you agree to by using this comment form.</div>',
    ],
    [
      'a note that comments are closed',
      '<div>This article is closed for comments. <a href="/mail">Email the editor</a></div>',
    ],
    [
      "a pointer to the site's terms, in German",
      '<p>Es gelten unsere <a href="/agb">Nutzungsbedingungen</a>.</p>',
    ],
    [
      "the author's microdata item holding a bio",
      '<div itemscope itemtype="https://schema.org/Person" itemprop="author"><strong>Ann Lee</strong>' +
        '<p>Ann Lee trained as a sommelier, worked on vineyards in Europe and overseas, and has ' +
        'taught wine seminars for many years.</p></div>',
    ],
    [
      "readers' comments named in German, prose though they are",
      `<div class="kommentare"><div class="eintrag">${prose(300)}</div></div>`,
    ],
    [
      'a short note right after the comments',
      '<div id="comments" class="comments"><form><textarea></textarea></form></div>' +
        '<p>The editors may shorten comments. A name is not required, an email address is.</p>',
    ],
    [
      'cards that link to other stories, each a link wrapping blocks',
      '<a class="card" href="/story-1"><div>Ferry strike ends</div><div>2 hours ago</div></a>' +
        '<a class="card" href="/story-2"><div>New pier opens</div><div>5 hours ago</div></a>',
    ],
    ['three paragraphs or more that are each only links elsewhere', linkParagraphs(3)],
    [
      'such paragraphs under a paragraph that labels them',
      `<p>More from the harbour:</p>${linkParagraphs(4)}`,
    ],
  ])('ends the body before %s', (_name, closing) => {
    const doc = page(
      `<article><div id="body">${prose(600)}<p id="last">Tickets go on sale at the pier.</p>` +
        `${closing}</div></article>`,
    );
    expect(findBodyEnd([doc.getElementById('body')!]).id).toBe('last');
  });

  it.each([
    [
      'a short last paragraph with a link, before a plea',
      '<p id="last">Tickets go on sale at <a href="/pier">the pier</a>.</p>' +
        '<p>Get the harbour newsletter: <a href="/signup">sign up</a>.</p>',
    ],
    [
      'a short last paragraph with a link, with no plea before it',
      `<p>Get the newsletter every morning in your inbox, the harbour office said.</p>` +
        '<p id="last">Tickets go on sale at <a href="/pier">the pier</a>.</p>',
    ],
    [
      'a last paragraph that tells of donations, with no link',
      '<p id="last">The lifeboat crew thanked the town for its donations, which paid for the new engine.</p>',
    ],
    [
      'a long last paragraph that mentions subscribing, with a link',
      `<p id="last">${'Readers who subscribe to the ferry timetable, the harbour office said, hear of changes first. '.repeat(5)}<a href="/times">Timetable</a></p>`,
    ],
    [
      'a last paragraph that reports donations, with a link',
      '<p id="last">The appeal raised $3m in donations, <a href="/appeal">the lifeboat charity</a> said.</p>',
    ],
    [
      'a long last paragraph on a privacy policy, with a link',
      `<p id="last">${'The ferry company changed its privacy policy, the harbour office said, and riders were not told. '.repeat(5)}<a href="/policy">The policy</a></p>`,
    ],
    [
      'a last paragraph on the terms of use, with no link',
      '<p id="last">Riders must accept the new terms of use before they board.</p>',
    ],
    [
      'a last paragraph in Spanish whose verb holds a plea word, with a link',
      '<p id="last">Los jueces suspenden el juicio, <a href="/juicio">informa la agencia</a>.</p>',
    ],
    [
      'a last paragraph that reports support for journalism, with a link',
      '<p id="last">The harbour trust will support local journalism, <a href="/trust">its chair</a> said.</p>',
    ],
    [
      'the last paragraph of a short story whose text quotes a plea for support',
      '<p>\u201cSupport our journalism,\u201d the editor wrote to readers.</p>' +
        '<p id="last">The <a href="/appeal">appeal</a> runs until May.</p>',
    ],
    [
      'a last paragraph on support for journalism, with no link',
      '<p id="last">The harbour trust will support local journalism with a grant, its chair said.</p>',
    ],
    [
      'a long last paragraph on support for journalism, with a link',
      `<p id="last">${'The harbour trust, its chair said, will support local journalism with a yearly grant. '.repeat(12)}<a href="/trust">The trust</a></p>`,
    ],
    [
      "a sign-off in the author's microdata item",
      '<p id="last" itemscope itemtype="https://schema.org/Person" itemprop="author">By Ann Lee</p>',
    ],
    [
      "a last paragraph in a block named for a German opinion piece (a 'Kommentar')",
      `<div class="kommentar">${prose(200)}<p id="last">Tickets go on sale at the pier.</p></div>`,
    ],
    [
      'short linked last paragraphs after a plea set inside the story',
      '<p>Get the harbour newsletter: <a href="/signup">sign up</a>.</p>' +
        '<p>The ferry resumes on <a href="/monday">Monday</a>.</p>' +
        '<p id="last">Tickets go on sale at <a href="/pier">the pier</a>.</p>',
    ],
  ])('keeps %s', (_name, closing) => {
    const doc = page(`<article><div id="body">${prose(600)}${closing}</div></article>`);
    expect(findBodyEnd([doc.getElementById('body')!]).id).toBe('last');
  });

  it("keeps a sign-off linking to the author after the last paragraph as the story's text", () => {
    const doc = page(
      `<article><div id="body">${prose(600)}<p>Tickets go on sale at the pier.</p>` +
        '<a href="/authors/ann-lee">Ann Lee</a></div></article>',
    );
    expect(findBodyEnd([doc.getElementById('body')!]).id).toBe('body');
  });

  it.each([
    ["an author's label after the story's block", '<i id="credit">Autor: red</i>'],
    ['a news agency in brackets', '<div id="credit">(KNA, dpa)</div>'],
    ['a copyright line', '<div id="credit">\u00a9 dpa/Harbour News</div>'],
    ["a source's label without a colon", '<div id="credit">Quelle <a href="/x">stol.it</a></div>'],
  ])("ends the body after %s that follows it: the story's credits", (_name, credit) => {
    const doc = page(
      `<article><div><div id="body">${prose(600)}</div><script>x()</script></div>${credit}` +
        '<div>Comments: be the first to say what you think</div></article>',
    );
    expect(findBodyEnd([doc.getElementById('body')!]).id).toBe('credit');
  });

  it.each([
    ['a line that only starts like a label', '<div>Text without notes</div>'],
    [
      'a long paragraph under a label',
      `<div>Source: ${'the harbour office said, '.repeat(5)}</div>`,
    ],
    ['a credit past other text', '<div>Share this</div><div>Autor: red</div>'],
    ["a credit past the story's <article>", '</article><div>Autor: red</div><article>'],
  ])('ends the body before %s', (_name, after) => {
    const doc = page(`<article><div id="body">${prose(600)}</div>${after}</article>`);
    expect(findBodyEnd([doc.getElementById('body')!])).toBe(doc.querySelector('#body > p'));
  });

  /** Lines of one paragraph, each with a link to another story, set apart by `<br>`s. */
  const linkLines = (count: number) =>
    Array.from(
      { length: count },
      (_, i) => `— A story that goes on <a href="/story-${i}">at the harbour</a> this week`,
    ).join('<br>');

  it('ends the body before a label over a paragraph of lines that each link elsewhere', () => {
    const doc = page(
      `<article><div id="body">${prose(600)}<p id="last">Tickets go on sale at the pier.</p>` +
        `<div class="heading">More Great Stories From the Harbour</div><p>${linkLines(4)}</p></div></article>`,
    );
    expect(findBodyEnd([doc.getElementById('body')!]).id).toBe('last');
  });

  it.each([
    [
      'a sentence ending in a colon over the links it introduces',
      '<p>The harbour office named the new ferries:</p><ul id="last"><li><a href="/a">Tern</a></li>' +
        '<li><a href="/b">Gull</a></li><li><a href="/c">Puffin</a></li></ul>',
    ],
    [
      'two paragraphs that are each only a link',
      `${linkParagraphs(1)}<p id="last">&bull; <a href="/more">More ferry stories</a></p>`,
    ],
    [
      'three linked paragraphs with words outside their links',
      Array.from(
        { length: 3 },
        (_, i) => `<p${i === 2 ? ' id="last"' : ''}>Read <a href="/s${i}">the report</a> here</p>`,
      ).join(''),
    ],
  ])('keeps %s', (_name, closing) => {
    const doc = page(`<article><div id="body">${prose(600)}${closing}</div></article>`);
    expect(findBodyEnd([doc.getElementById('body')!]).id).toBe('last');
  });

  it.each([
    [
      'a section heading over a last paragraph with links inline',
      '<h3>What comes next</h3><p id="last">The ferry <a href="/a">runs</a> from Monday, the ' +
        '<a href="/b">harbour office</a> said, and <a href="/c">tickets</a> go on sale.</p>',
    ],
    [
      'a label over lines of which one links nowhere',
      `<div>Timetable</div><p id="last">${linkLines(3)}<br>— The last ferry leaves at ten</p>`,
    ],
    ['lines that link elsewhere under no label', `<p id="last">${linkLines(4)}</p>`],
  ])('keeps %s', (_name, closing) => {
    const doc = page(`<article><div id="body">${prose(600)}${closing}</div></article>`);
    expect(findBodyEnd([doc.getElementById('body')!]).id).toBe('last');
  });

  it.each([
    [
      'a last paragraph that tells of an advert, with a link',
      '<p id="last">The harbour office ran <a href="/ad">a full-page ad</a> to win the ferry back.</p>',
    ],
    [
      'a last paragraph that tells of a sponsor, with a link',
      '<p id="last">Sponsored by <a href="/trust">the harbour trust</a>, the ferry runs again from Monday.</p>',
    ],
    [
      'a last paragraph that ends on an abbreviation in capitals, with a link',
      '<p id="last">The trial enrolled people with <a href="/trial">Alzheimer\'s disease</a> (AD).</p>',
    ],
    [
      'a last paragraph that ends on a starred note in capitals, with a link',
      '<p id="last">Tickets go on sale at <a href="/pier">the pier</a>. *AD</p>',
    ],
  ])('keeps %s', (_name, closing) => {
    const doc = page(`<article><div id="body">${prose(600)}${closing}</div></article>`);
    expect(findBodyEnd([doc.getElementById('body')!]).id).toBe('last');
  });

  /** A plea for an address: a field and a box to tick, each in a wrapper of its own. */
  const signUpBox =
    '<div class="box"><h2>The harbour newsletter</h2><p>Every morning in your inbox</p>' +
    '<div><input type="email"><button>Sign up</button></div>' +
    '<div><input type="checkbox"><label>Yes, send me offers too</label></div></div>';

  it.each([
    [
      'beside the story',
      `<div id="text">${prose(300)}<p id="last">Tickets go on sale.</p></div>${signUpBox}`,
    ],
    ['after the story', `${prose(300)}<p id="last">Tickets go on sale.</p>${signUpBox}`],
  ])('keeps a story whose container holds a sign-up box %s', (_name, story) => {
    // Readability's cleanup drops the fields' wrappers before it weighs the story's container:
    // the fields are not the container's.
    const doc = page(`<main id="body"><div class="story">${story}</div></main>`);
    expect(findBodyEnd([doc.getElementById('body')!]).id).toBe('last');
  });

  it('ends the body before a block whose own fields outnumber its paragraphs', () => {
    const doc = page(
      `<main id="body"><div class="story">${prose(300)}<p id="last">Tickets go on sale.</p></div>` +
        '<div class="find"><p>Search the timetable</p><input type="search"><input type="submit"></div></main>',
    );
    expect(findBodyEnd([doc.getElementById('body')!]).id).toBe('last');
  });

  it("looks for the page's players once, not once per block it weighs", () => {
    // Each level of wrappers around the story is weighed: a lookup per level reads the story again.
    const wrappers = 12;
    const doc = page(
      `<article><div id="body">${'<div class="wrap">'.repeat(wrappers)}${prose(600)}` +
        `<p id="last">Tickets go on sale at the pier.</p>${'</div>'.repeat(wrappers)}</div></article>`,
    );
    const lookup = vi.spyOn(Element.prototype, 'getElementsByTagName');
    const documentLookup = vi.spyOn(Document.prototype, 'getElementsByTagName');
    expect(findBodyEnd([doc.getElementById('body')!]).id).toBe('last');
    const playerLookups = [...lookup.mock.calls, ...documentLookup.mock.calls].filter(([tag]) =>
      ['video', 'audio'].includes(tag),
    );
    lookup.mockRestore();
    documentLookup.mockRestore();
    expect(playerLookups.length).toBeLessThanOrEqual(2);
  });

  it("asks once per weighing whether a fields' box holds a paragraph, not once per field", () => {
    // Each field's walk up to the block weighed passes the box: without a note, each asks again.
    const paragraphLookupsOfBox = (fields: number) => {
      const doc = page(
        `<main id="body">${prose(300)}<p id="last">Tickets go on sale.</p><div>` +
          `<div id="fields"><p>Your details</p>${'<label>Name <input></label>'.repeat(fields)}</div></div></main>`,
      );
      const box = doc.getElementById('fields')!;
      const lookup = vi.spyOn(Element.prototype, 'getElementsByTagName');
      try {
        expect(findBodyEnd([doc.getElementById('body')!]).id).toBe('last');
        return lookup.mock.contexts.filter((holder) => holder === box).length;
      } finally {
        lookup.mockRestore();
      }
    };
    expect(paragraphLookupsOfBox(8)).toBe(paragraphLookupsOfBox(1));
  });

  it('builds the text of the story once, not once per wrapper around it', () => {
    const wrappers = 12;
    const doc = page(
      `<article><div id="body">${'<div class="wrap">\n'.repeat(wrappers)}${prose(600)}` +
        `<p id="last">Tickets go on sale at the pier.</p>${'</div>\n'.repeat(wrappers)}</div></article>`,
    );
    const { result: end, reads: wrapperReads } = countGetterReads(
      Node.prototype,
      'textContent',
      (node) => (node as Element).className === 'wrap',
      () => findBodyEnd([doc.getElementById('body')!]),
    );
    expect(end.id).toBe('last');
    expect(wrapperReads).toBe(0);
  });

  it('reads each of many paragraphs of links a few times, not the whole run for each', () => {
    const count = 300;
    const doc = page(
      `<article><div id="body">${prose(600)}<p id="last">Tickets go on sale at the pier.</p>` +
        `${linkParagraphs(count)}</div></article>`,
    );
    const bullets = new Set(
      Array.from(doc.querySelectorAll('p > a'), (link) => link.previousSibling),
    );
    const { result: end, reads: bulletReads } = countGetterReads(
      CharacterData.prototype,
      'data',
      (node) => bullets.has(node as ChildNode),
      () => findBodyEnd([doc.getElementById('body')!]),
    );
    expect(end.id).toBe('last');
    expect(bulletReads).toBeLessThan(10 * count);
  });

  it("reads the story's <article> once, not again to weigh it against the part around it", () => {
    const doc = page(
      '<div id="body"><nav><a href="/a">Home</a> <a href="/b">World</a></nav>' +
        `<article>${prose(600)}<p>Middle of the story, read to count it.</p>${prose(600)}` +
        '<p id="last">Tickets go on sale at the pier.</p></article></div>',
    );
    const middle = doc.evaluate('//p[starts-with(., "Middle")]/text()', doc, null, 9, null)
      .singleNodeValue as Text;
    const body = doc.getElementById('body')!;
    const { result: end, reads: middleReads } = countGetterReads(
      CharacterData.prototype,
      'data',
      (node) => node === middle,
      () => findBodyEnd([body], { totals: new Map(), articles: [doc.querySelector('article')!] }),
    );
    expect(end.id).toBe('last');
    expect(middleReads).toBe(1);
  });

  it("counts a block's weighed tags once, though both searches weigh it", () => {
    // Mostly links: the first search drops the part, and the second, which keeps its names'
    // prose, weighs it again.
    const links = '<p><a href="/a">Ferry times</a> and <a href="/b">harbour news</a></p>'.repeat(8);
    const doc = page(`<div id="body">${links}<img id="last-image" alt=""></div>`);
    const image = doc.getElementById('last-image')!;
    const body = doc.getElementById('body')!;
    const { result: end, reads: imageReads } = countGetterReads(
      Element.prototype,
      'tagName',
      (node) => node === image,
      () => findBodyEnd([body]),
    );
    expect(end).toBe(body);
    // Once to measure its text, once to count its tags.
    expect(imageReads).toBe(2);
  });
});
