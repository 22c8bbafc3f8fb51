import { describe, expect, it } from 'vitest';
import {
  encodeTerm,
  hostTermBounds,
  isIndexedQueryWord,
  matchesQuery,
  parseQuery,
  queryTermPrefix,
  searchTerms,
  searchWords,
  termBounds,
  termStartBounds,
  termTime,
} from '../../src/core/search-terms';
import { MAX_TITLE_LENGTH } from '../../src/core/vote';

describe('searchWords', () => {
  it.each([
    ['Night ferry: returns!', ['night', 'ferry', 'returns']],
    ['ÉTÉ à Zürich', ['ete', 'a', 'zurich']],
    ['news.example', ['news', 'example']],
    ['İstanbul’da seçim', ['istanbul', 'da', 'secim', 'istanbulda']],
    ["O'Brien's 'plan'", ['o', 'brien', 's', 'plan', 'obriens']],
    ['हिन्दी समाचार', ['हिन्दी', 'समाचार']],
    ['ข่าววันนี้', ['ข่าววันนี้']],
    ['日本の首相が辞任', ['日本の首相が辞任']],
    ['Apple発表、iPhone新型コーヒー', ['apple', '発表', 'iphone', '新型コーヒー']],
    ['대통령이 방문', ['대통령이', '방문']],
    ['', []],
  ])('%s → %j', (text, words) => expect(searchWords(text)).toEqual(words));
});

describe('searchWords folding', () => {
  // Each title is found by the query typed without its accents, marks or compatibility forms.
  it.each([
    ['Zürich', 'zurich'],
    ['Café', 'cafe'],
    ['Hà Nội', 'ha noi'],
    ['Ёлка', 'елка'],
    ['Αθήνα', 'αθηνα'],
    ['ΑΘΗΝΑΣ', 'αθηνας'],
    ['Straße', 'strasse'],
    ['STRAẞE', 'strasse'],
    ['ＡＢＣ', 'abc'],
    ['ﬁnal', 'final'],
    ['مَدْرَسَةٌ', 'مدرسة'],
    ['كـتـاب', 'كتاب'],
    ['שָׁלוֹם', 'שלום'],
    ['ızgara', 'izgara'],
    ['İzmir', 'izmir'],
    ['Łódź', 'lodz'],
    ['København', 'kobenhavn'],
    ['Œuvre', 'oeuvre'],
    ['ｶﾞｲﾄﾞ', 'ガイド'],
    // Arabic and Persian letters typed as others (hamza left out, a Persian keyboard's yeh and kaf).
    ['أمل', 'امل'],
    ['إسلام', 'اسلام'],
    ['القرآن', 'القران'],
    ['ٱلله', 'الله'],
    ['مستشفى', 'مستشفي'],
    ['مدرسة', 'مدرسه'],
    ['ایران', 'ايران'],
    ['کتاب', 'كتاب'],
    ['أزمة ٢٠٢٤', 'ازمه 2024'],
    ['بودجه ۱۴۰۳', 'بودجه 1403'],
    // Invisible characters inside a word: a soft hyphen (a page's hyphenation hint), a zero-width
    // space or joiner, a word joiner, a byte order mark, and the direction marks around a word.
    ['Bundes\u00adverfassungs\u00adgericht', 'bundesverfassungsgericht'],
    ['news\u200bpaper', 'newspaper'],
    ['news\u200dpaper', 'newspaper'],
    ['news\u2060paper', 'newspaper'],
    ['\ufeffHeadline', 'headline'],
    ['\u202bأمل\u202c', 'امل'],
    ['\u2067שלום\u2069 today', 'שלום today'],
    ['ab\u200ecd', 'abcd'],
    // An emoji's presentation selector (U+FE0F, U+FE0E) is a mark: it started the word after the
    // emoji (⚡️Breaking as \ufe0fbreaking, never found by breaking) or was a word of its own.
    ['⚡️Breaking: storm', 'breaking storm'],
    ['⚽️ Final', 'final'],
    ['☺\ufe0eSmile', 'smile'],
    ['#️⃣ Trending', 'trending'],
    // An ideographic variation selector (a name's own glyph: 葛󠄀飾) parted a Chinese or Japanese
    // run, so that a word across it was not found.
    ['葛\u{E0100}飾区の祭り', '葛飾区の祭り'],
    // A mark on a Chinese or Japanese run's edge (an enclosing circle, `済⃝`), parted from it with
    // the run, was a word of its own: a term of every title with one.
    ['済\u20dd ニュース', '済 ニュース'],
  ])('%s is found by %s', (title, query) => {
    expect(searchWords(title)).toEqual(searchWords(query));
    expect(matchesQuery({ title, site: 'a.example' }, parseQuery(query))).toBe(true);
  });

  // Vowel signs of Indic scripts and Thai, and Cyrillic й, are part of the word: words differing
  // by them stay distinct, as do Arabic words differing by a letter.
  it.each([
    ['काम', 'कम'],
    ['कम', 'काम'],
    ['दिल', 'दल'],
    ['কাল', 'কল'],
    ['கால்', 'கல்'],
    ['กิน', 'กน'],
    ['мой', 'мои'],
    ['كتاب', 'كتب'],
    ['2024', '٢٠٢٥'],
    ['Zürich', 'zurichs'],
    // The Persian zero-width non-joiner parts a word as a space does (Lucene's Persian analyzer).
    ['می\u200cخواهم', 'میخواهم'],
  ])('%s is not found by %s', (title, query) => {
    expect(matchesQuery({ title, site: 'a.example' }, parseQuery(query))).toBe(false);
  });

  it('keeps Chinese, Japanese, Korean and Thai words as they were', () => {
    for (const text of ['日本の首相が辞任', '新型コーヒー', '대통령이 방문', 'ข่าววันนี้', 'हिन्दी']) {
      expect(searchWords(text).join(' ')).toBe(text.normalize('NFC'));
    }
  });

  it('stores folded terms, which a folded query names', () => {
    const terms = searchTerms('Zürich: Straße café', 'a.example', 7);
    for (const query of ['zurich', 'ZÜRICH', 'strasse', 'Straße', 'cafe']) {
      expect(terms, query).toContain(encodeTerm(queryTermPrefix(parseQuery(query)[0]!), 7));
    }
  });
});

describe('searchTerms', () => {
  it('stores each distinct word start of three characters, and of five, once, with the time', () => {
    expect(searchTerms('Ferry ferries to Åland', 'fe.example', 7)).toEqual(
      ['fer', 'ferry', 'ferri', 'to', 'ala', 'aland', 'fe', 'exa', 'examp', '.fe.example'].map(
        (prefix) => encodeTerm(prefix, 7),
      ),
    );
  });

  it('stores the words of an internationalized site as the reader sees it too', () => {
    const terms = searchTerms('Neue Romane', 'xn--bcher-kva.de', 7);
    expect(terms).toContain(encodeTerm('buc', 7));
    expect(terms).toContain(encodeTerm('bcher', 7));
  });

  it('stores a term for every character of an unspaced run, each starting a word', () => {
    expect(searchTerms('東京の雨', 'a.jp', 7)).toEqual(
      ['東京の', '京の雨', 'の雨', '雨', 'a', 'jp', '.a.jp'].map((prefix) => encodeTerm(prefix, 7)),
    );
  });

  it('stores the host ends of no more of a title than a vote keeps, however long a damaged one', () => {
    // Each end of a run of n labels is a term: n² characters for a title of n labels.
    const damaged = 'a.'.repeat(4 * MAX_TITLE_LENGTH);
    const terms = searchTerms(damaged, 'news.example', 7);
    expect(terms).toEqual(searchTerms(damaged.slice(0, MAX_TITLE_LENGTH), 'news.example', 7));
    expect(terms.join('').length).toBeLessThan(MAX_TITLE_LENGTH ** 2);
    expect(matchesQuery({ title: damaged, site: 'news.example' }, ['a.a.a'])).toBe(true);
  });
});

describe('isIndexedQueryWord', () => {
  it.each([
    ['fer', true],
    ['ferry', true],
    ['fe', false],
    ['f', false],
    ['😀😀', false],
    ['😀😀😀', true],
  ])('%s → %s', (word, expected) => expect(isIndexedQueryWord(word)).toBe(expected));
});

describe('encodeTerm and termBounds', () => {
  const times = [0, 9, 10, 35, 36, 1_700_000_000_000, Number.MAX_SAFE_INTEGER];
  it('sorts terms of one prefix by time, as text', () => {
    const terms = times.map((time) => encodeTerm('fer', time));
    expect([...terms].sort()).toEqual(terms);
  });
  it('bounds exactly one prefix, optionally up to a time', () => {
    const [lower, upper] = termBounds('fe');
    const inside = (term: string) => term >= lower && term < upper;
    expect(inside(encodeTerm('fe', 5))).toBe(true);
    expect(inside(encodeTerm('fer', 5))).toBe(false);
    expect(inside(encodeTerm('f', 5))).toBe(false);
    const [, upTo] = termBounds('fe', 5);
    expect(encodeTerm('fe', 5) <= upTo && encodeTerm('fe', 6) > upTo).toBe(true);
  });
  it('bounds every prefix that starts with a word start, and reads the time back', () => {
    const [lower, upper] = termStartBounds('fe');
    const inside = (term: string) => term >= lower && term <= upper;
    for (const prefix of ['fe', 'fer', 'few', 'feé', 'fe😀']) {
      expect(inside(encodeTerm(prefix, 5)), prefix).toBe(true);
    }
    for (const prefix of ['f', 'fa', 'fé', 'ff', 'gfe'])
      expect(inside(encodeTerm(prefix, 5))).toBe(false);
    for (const time of times) expect(termTime(encodeTerm('fer', time))).toBe(time);
  });
});

describe('queryTermPrefix', () => {
  it.each([
    ['har', 'har'],
    ['harp', 'har'],
    ['harpoon', 'harpo'],
    ['😀😀😀😀', '😀😀😀'],
    ['東京の雨が降る', '東京の'],
  ])('%s → %s', (word, prefix) => expect(queryTermPrefix(word)).toBe(prefix));

  it('names a term every title with a word starting so has', () => {
    for (const query of ['harpo', 'harpoon', 'hardw', 'の雨が']) {
      const term = encodeTerm(queryTermPrefix(query), 7);
      expect(searchTerms('Harpoon and hardware, 東京の雨が降る', 'a.example', 7)).toContain(term);
    }
  });
});

describe('words with an apostrophe inside', () => {
  // Readers type a name or an elision with its apostrophe, another one, or none.
  it.each([
    ["O'Brien wins", 'obrien'],
    ["O'Brien wins", "o'brien"],
    ["O'Brien wins", 'O’Brien'],
    ["O'Brien wins", 'brien'],
    ['O’Brien wins', "o'brien"],
    ['OBrien wins', "O'Brien"],
    ["McDonald's menu", 'mcdonalds'],
    ["McDonald's menu", "mcdonald's"],
    ['Aujourd’hui à Paris', "aujourd'hui"],
    ['Aujourd’hui à Paris', 'aujourdhui'],
    ['İstanbul’da seçim', 'istanbulda'],
    // Ukrainian writes its apostrophe as U+02BC too, a letter in Unicode's categories.
    ['Ціни на мʼясо', "м'ясо"],
    ['Ціни на мʼясо', 'мясо'],
    // Marks titles write for an apostrophe, as keyboards type "'" for each: found as before.
    ['צ׳יפס בזול', "צ'יפס"],
    ['צ׳יפס בזול', 'ציפס'],
    ['Don´t look up', "don't"],
    ['Don´t look up', 'dont'],
    ['It`s over', "it's"],
    ['O′Brien wins', "o'brien"],
  ])('%s is found by %s', (title, query) => {
    expect(matchesQuery({ title, site: 'a.example' }, parseQuery(query))).toBe(true);
  });

  it.each([
    ['Don Tapscott', "don't"],
    ['Rock and roll', "rock 'n' roll"],
  ])('%s is not found by %s', (title, query) => {
    expect(matchesQuery({ title, site: 'a.example' }, parseQuery(query))).toBe(false);
  });

  it('looks a word up by its letters without the apostrophe, as stored', () => {
    expect(parseQuery("O'Brien’s")).toEqual(['obriens']);
    const terms = searchTerms("O'Brien wins", 'a.example', 7);
    expect(terms).toContain(encodeTerm(queryTermPrefix('obrien'), 7));
  });
});

describe('parseQuery', () => {
  it('lowercases, dedupes and puts the longest word first', () => {
    expect(parseQuery('Bay  ferry, bay')).toEqual(['ferry', 'bay']);
  });
  it('caps the number of words', () => {
    expect(parseQuery('a b c d e f g h i j k')).toHaveLength(8);
  });
  // An emoji's variation selector (U+FE0F) is a mark: alone, it read as a word, which every
  // title with such an emoji starts, whatever the emoji.
  it('reads no word in an emoji, with or without its variation selector', () => {
    expect(parseQuery('⚽️ 🎉 ☺\ufe0e')).toEqual([]);
    expect(parseQuery('I ❤️ NY')).toEqual(['ny', 'i']);
  });

  // Votes keep the site without www (siteOf), and no words of the address's path.
  const vote = { title: 'Night ferry returns', site: 'news.harbour.example' };
  it.each([
    ['an address pasted whole', 'https://www.news.harbour.example/2026/ferry?utm_source=x#top'],
    ['an address with a mobile host', ' http://m.news.harbour.example/ferry '],
    ['a host typed with www', 'www.news.harbour.example'],
    ['a host typed with www, and a title word', 'ferry www.news.harbour.example'],
    ['a title word, then an address pasted', 'ferry https://www.news.harbour.example/2026/x'],
    ['a host typed with www as far as its name', 'www.harbour'],
    // Keys unwrap the AMP caches' and viewers' addresses, a vote's site is the publisher's.
    ['an AMP viewer address', 'https://www.google.com/amp/s/news.harbour.example/ferry'],
    [
      'an AMP cache address',
      'https://news-harbour-example.cdn.ampproject.org/c/s/news.harbour.example/f',
    ],
  ])('finds the votes of the site named by %s', (_, query) => {
    expect(matchesQuery(vote, parseQuery(query))).toBe(true);
  });

  it('reads an address on an IP address as its host, not its path', () => {
    const onIp = { title: 'Router notes', site: '[2001:db8::1]' };
    expect(matchesQuery(onIp, parseQuery('https://[2001:db8::1]/admin/setup'))).toBe(true);
    expect(parseQuery('https://[2001:db8::1]/admin/setup')).not.toContain('admin');
  });

  it("reads an AMP viewer's address as the publisher's site, not the viewer's", () => {
    expect(parseQuery('https://www.google.com/amp/s/news.harbour.example/f')).not.toContain(
      'google',
    );
  });

  it('keeps the words typed after an address: every word must match', () => {
    expect(parseQuery('https://news.harbour.example/ferry zebra')).toContain('zebra');
    expect(matchesQuery(vote, parseQuery('https://news.harbour.example/ferry zebra'))).toBe(false);
  });

  // A host typed or pasted names that host and its subdomains, not the site siteOf would leave of
  // it: `m.github.io` and `alice.github.io` are two users' sites, as the history keeps them.
  const githubPages = [
    { title: 'Notes on Mondays', site: 'm.github.io' },
    { title: 'Notes on Mondays', site: 'alice.github.io' },
    { title: 'Notes on Mondays', site: 'blog.m.github.io' },
  ];
  it.each([
    ['m.github.io', [true, false, true]],
    ['https://m.github.io/notes', [true, false, true]],
    ['github.io', [true, true, true]],
    ['alice.github.io', [false, true, false]],
    ['www.alice.github.io', [false, true, false]],
    // Typed as far as a name, a host finds the sites whose name starts so.
    ['alice.git', [false, true, false]],
    ['m.gith', [true, false, true]],
  ])('%s finds the sites it names, not others of their suffix', (query, expected) => {
    expect(githubPages.map((page) => matchesQuery(page, parseQuery(query)))).toEqual(expected);
  });

  it.each([
    ['m.news.harbour.example', 'news.harbour.example', true],
    ['amp.news.harbour.example', 'news.harbour.example', true],
    ['m.news.harbour.example', 'sport.news.harbour.example', false],
    ['news.harbour.example', 'sport.news.harbour.example', true],
    ['harbour.example', 'sport.news.harbour.example', true],
    ['bücher.de', 'xn--bcher-kva.de', true],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de', true],
    ['bücher.de', 'shop.xn--bcher-kva.de', true],
    ['news.harbour.example', 'harbour.example', false],
    ['arbour.example', 'harbour.example', false],
    // A mobile edition's label inside a host is left off its votes' keys (en.m.wiki.example's
    // articles are en.wiki.example's), as a variant label before it is.
    ['en.m.wiki.example', 'en.wiki.example', true],
    ['https://en.m.wiki.example/wiki/Ferry', 'en.wiki.example', true],
    ['de.mobile.news.harbour.example', 'de.news.harbour.example', true],
    ['en.m.wiki.example', 'fr.wiki.example', false],
  ])('host %s → site %s: %s', (query, site, expected) => {
    expect(matchesQuery({ title: 'Night ferry returns', site }, parseQuery(query))).toBe(expected);
  });

  // Read by `com`, a search for a rare site's votes read every .com vote of the history.
  it.each([
    ['news.harbour.example', 'harbo'],
    ['news7.example', 'news7'],
    ['bbc.co.uk', 'bbc'],
    ['ft.com', 'ft'],
    ['www.ft.com', 'ft'],
    ['www.harbour', 'harbo'],
  ])('looks host %s up by its name, not its top-level domain: %s', (query, prefix) => {
    expect(queryTermPrefix(parseQuery(query)[0]!)).toBe(prefix);
    expect(isIndexedQueryWord(parseQuery(query)[0]!)).toBe(prefix.length >= 3);
  });

  it('finds a title that writes the words of a host-like query (a version, a library)', () => {
    const title = 'Node.js 22 and Python 3.13 released';
    for (const query of ['node.js', 'Node.js', '3.13'])
      expect(matchesQuery({ title, site: 'news.example' }, parseQuery(query)), query).toBe(true);
  });

  it('looks a host up by a term every vote it finds has', () => {
    for (const [query, site] of [
      ['m.github.io', 'm.github.io'],
      ['m.news.harbour.example', 'news.harbour.example'],
      ['bücher.de', 'xn--bcher-kva.de'],
      ['alice.git', 'alice.github.io'],
      ['en.mobile.wiki.example', 'en.wiki.example'],
    ] as const) {
      const [word] = parseQuery(query);
      expect(isIndexedQueryWord(word!), query).toBe(true);
      expect(searchTerms('Night ferry', site, 7), query).toContain(
        encodeTerm(queryTermPrefix(word!), 7),
      );
    }
    const [short] = parseQuery('t.co');
    expect(isIndexedQueryWord(short!)).toBe(false);
    const [lower, upper] = termStartBounds(short!);
    const starts = searchTerms('Night ferry', 't.co', 7).filter((t) => t >= lower && t <= upper);
    expect(starts).not.toEqual([]);
  });

  // Each host query is read from the terms of the ends of the sites it finds: a vote it finds
  // outside them would be found by no search that reads them.
  it.each([
    ['m.github.io', 'blog.m.github.io'],
    ['github.io', 'alice.github.io'],
    ['alice.git', 'alice.github.io'],
    ['www.alice.github.io', 'alice.github.io'],
    ['m.news.harbour.example', 'news.harbour.example'],
    ['amp.news.harbour.example', 'news.harbour.example'],
    ['harbour.example', 'sport.news.harbour.example'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['bücher.de', 'shop.xn--bcher-kva.de'],
    ['en.m.wiki.example', 'en.wiki.example'],
    ['de.mobile.news.harbour.example', 'de.news.harbour.example'],
    ['news.example', 'news.example.org'],
    ['https://www.news.harbour.example/2026/ferry', 'news.harbour.example'],
    ['192.168.1', '192.168.1.20'],
  ])('reads host %s from a term of site %s', (query, site) => {
    const [host] = parseQuery(query);
    expect(matchesQuery({ title: 'Night ferry', site }, [host!])).toBe(true);
    const terms = searchTerms('Night ferry', site, 7);
    const bounds = hostTermBounds(host!);
    expect(bounds).not.toBeNull();
    expect(terms.some((t) => bounds!.some(([lower, upper]) => t >= lower && t <= upper))).toBe(
      true,
    );
  });

  /** Host query `query` finds `title`, and is read from a term of it that the index holds. */
  function expectFoundByTitleTerm(title: string, query: string): void {
    const [host] = parseQuery(query);
    expect(matchesQuery({ title, site: 'news.example' }, [host!]), query).toBe(true);
    const bounds = hostTermBounds(host!)!;
    const terms = searchTerms(title, 'news.example', 7);
    expect(
      terms.some((t) => bounds.some(([lower, upper]) => t >= lower && t <= upper)),
      query,
    ).toBe(true);
  }

  it('reads a host written in a title from a term of the title, at a label start', () => {
    const title = 'Node.js 22 and Python 3.13.1 released';
    for (const query of ['node.js', 'node.j', '3.13', '13.1']) expectFoundByTitleTerm(title, query);
    // Its words apart, or a label's end, are no host written in it.
    for (const query of ['js.node', 'ode.js', '22.and'])
      expect(matchesQuery({ title, site: 'news.example' }, parseQuery(query)), query).toBe(false);
  });

  it('reads a version written after a name with a hyphen from a term of the title', () => {
    // A hyphen parts words (`Covid-19` is found by `19`): `GPT-3.5` is found by `3.5` too.
    for (const [title, query] of [
      ['GPT-3.5 launches today', '3.5'],
      ['Llama-3.1 weights out', '3.1'],
      ['Llama-3.1 weights out', 'llama-3.1'],
      ['Python-3.13.1 released', '13.1'],
    ] as const) {
      expectFoundByTitleTerm(title, query);
    }
    // A label's end within a word is still none.
    expect(matchesQuery({ title: 'GPT-3.5 launches', site: 'news.example' }, ['pt-3.5'])).toBe(
      false,
    );
  });

  it('stores no end of one label, which every vote of its top-level domain shares', () => {
    const terms = searchTerms('Night ferry', 'sport.news.example', 7).filter((t) =>
      t.startsWith('.'),
    );
    expect(terms).toEqual(
      ['.sport.news.example', '.news.example'].map((prefix) => encodeTerm(prefix, 7)),
    );
  });

  // A port is no part of a site as votes keep it, and no word of one.
  it.each([
    ['news.harbour.example:8080', 'news.harbour.example', true],
    ['www.news.harbour.example:8443/ferry?x=1', 'news.harbour.example', true],
    ['localhost:3000', 'localhost', true],
    ['news.harbour.example:8080', 'harbour.example', false],
  ])('reads %s typed without a scheme as its host → site %s: %s', (query, site, expected) => {
    expect(matchesQuery({ title: 'Night ferry returns', site }, parseQuery(query))).toBe(expected);
  });

  it('keeps a time or a verse as words (no letter before the colon)', () => {
    expect(parseQuery('10:30')).toEqual(['10', '30']);
  });

  // A port follows a host: a word before a number is no host, and the number was lost.
  it.each([
    ['iOS:17', ['ios', '17']],
    ['episode:12 recap', ['episode', 'recap', '12']],
    ['Windows:11/beta', ['windows', 'beta', '11']],
  ])('keeps the number after a name that is no host as a word: %s', (query, expected) => {
    expect(parseQuery(query)).toEqual(expected);
  });

  it('finds a title by a name and a number written with a colon between them', () => {
    const title = { title: 'iOS 17 is out', site: 'news.example' };
    expect(matchesQuery(title, parseQuery('iOS:17'))).toBe(true);
    expect(matchesQuery({ ...title, title: 'iOS 16 is out' }, parseQuery('iOS:17'))).toBe(false);
  });

  it('keeps www as a word where it names no host (a title about the WWW)', () => {
    expect(parseQuery('WWW turns 30')).toEqual(['turns', 'www', '30']);
  });
});

describe('matchesQuery', () => {
  const entry = { title: 'Night ferry returns', site: 'harbour.example' };
  it.each([
    [[], true],
    [['fer'], true],
    [['ferry', 'night'], true],
    [['harb'], true],
    [['erry'], false],
    [['ferry', 'day'], false],
  ])('%j → %s', (words, expected) => expect(matchesQuery(entry, words)).toBe(expected));

  it('finds an internationalized site by its name as shown, and by its punycode', () => {
    const idn = { title: 'Neue Romane', site: 'xn--bcher-kva.de' };
    expect(matchesQuery(idn, parseQuery('bücher'))).toBe(true);
    expect(matchesQuery(idn, parseQuery('xn'))).toBe(true);
    expect(matchesQuery(idn, parseQuery('bach'))).toBe(false);
  });

  const japanese = { title: '日本の首相が辞任、iPhone新型', site: 'news.example.jp' };
  it.each([
    ['首相', true],
    ['の首相が', true],
    ['辞任 iphone', true],
    ['新型', true],
    ['首相辞任', false],
    ['phone', false],
  ])('%s in a Japanese title → %s', (query, expected) =>
    expect(matchesQuery(japanese, parseQuery(query))).toBe(expected),
  );
});
