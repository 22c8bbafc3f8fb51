import { afterEach, describe, expect, it, vi } from 'vitest';
import { readPageScheme, watchPageScheme } from '../../src/content/page-scheme';

/** A system preference the test switches, as matchMedia reports it (jsdom has none). */
function fakeSystemScheme(dark: boolean) {
  const listeners = new Set<() => void>();
  const query = {
    get matches() {
      return dark;
    },
    addEventListener: (_: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
  };
  vi.stubGlobal('matchMedia', (media: string) =>
    media === '(prefers-color-scheme: dark)' ? query : { matches: false },
  );
  return {
    set(next: boolean) {
      dark = next;
      for (const listener of listeners) listener();
    },
    listeners,
  };
}

/** An article of `background` in the page, with a host placed after its text. */
function placeInArticle(background = '') {
  const article = document.createElement('article');
  article.style.backgroundColor = background;
  const text = document.createElement('p');
  text.textContent = 'Story.';
  const host = document.createElement('span');
  article.append(text, host);
  document.body.append(article);
  return host;
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  document.head.replaceChildren();
  for (const element of [document.documentElement, document.body]) {
    element.removeAttribute('style');
    element.removeAttribute('class');
  }
});

describe('readPageScheme', () => {
  it.each<[string, string, string, 'light' | 'dark']>([
    ['a dark page', 'rgb(13, 17, 23)', '', 'dark'],
    ['a light page', 'rgb(255, 255, 255)', '', 'light'],
    ['a dark article in a light page', 'rgb(255, 255, 255)', 'rgb(20, 20, 20)', 'dark'],
    ['a light article in a dark page', 'rgb(0, 0, 0)', 'rgb(250, 250, 250)', 'light'],
  ])('inline, reads %s behind the toolbar', (_, page, article, expected) => {
    document.body.style.backgroundColor = page;
    expect(readPageScheme(placeInArticle(article), false)).toBe(expected);
  });

  it("floating, reads the page's body, not the article the host is left in", () => {
    document.body.style.backgroundColor = 'rgb(255, 255, 255)';
    expect(readPageScheme(placeInArticle('rgb(20, 20, 20)'), true)).toBe('light');
  });

  it("reads the root's background behind a transparent body", () => {
    document.documentElement.style.backgroundColor = 'rgb(20, 20, 20)';
    expect(readPageScheme(placeInArticle(), false)).toBe('dark');
  });

  it('reads through the shadow root of a page that places its story in one', () => {
    document.body.style.backgroundColor = 'rgb(20, 20, 20)';
    const shell = document.createElement('div');
    document.body.append(shell);
    const host = document.createElement('span');
    shell.attachShadow({ mode: 'open' }).append(host);
    expect(readPageScheme(host, false)).toBe('dark');
  });

  it('reads a dark gradient the page paints on its body, not the light canvas under it', () => {
    fakeSystemScheme(false);
    document.body.style.backgroundImage = 'linear-gradient(rgb(13, 17, 23), rgb(22, 27, 34))';
    expect(readPageScheme(placeInArticle(), false)).toBe('dark');
    expect(readPageScheme(placeInArticle(), true)).toBe('dark');
  });

  it.each([true, false])(
    'follows the system (dark: %s) behind a picture, which hides the canvas',
    (dark) => {
      fakeSystemScheme(dark);
      document.body.style.backgroundImage = 'url("night.jpg")';
      expect(readPageScheme(placeInArticle(), false)).toBe(dark ? 'dark' : 'light');
    },
  );

  it.each<[string, string, boolean, 'light' | 'dark']>([
    ['that declares nothing, the system dark: the canvas is light', '', true, 'light'],
    ['that supports dark, the system dark', 'light dark', true, 'dark'],
    ['that supports dark, the system light', 'light dark', false, 'light'],
    ['that is dark only, the system light', 'dark', false, 'dark'],
  ])('takes the canvas of a transparent page %s', (_, declared, dark, expected) => {
    fakeSystemScheme(dark);
    if (declared) {
      const meta = document.createElement('meta');
      meta.name = 'color-scheme';
      meta.content = declared;
      document.head.append(meta);
    }
    expect(readPageScheme(placeInArticle(), false)).toBe(expected);
  });
});

describe('watchPageScheme', () => {
  it("tells once of a page's own switch on <html> or <body>, after the page's styles apply", async () => {
    const style = document.createElement('style');
    style.textContent = '.night { background-color: rgb(10, 10, 10); }';
    document.head.append(style);
    const host = placeInArticle();
    const seen: string[] = [];
    const { stop } = watchPageScheme(host, () => seen.push(readPageScheme(host, false)));
    document.body.classList.add('night');
    document.body.dataset.theme = 'dark';
    await vi.waitFor(() => expect(seen).toEqual(['dark']));
    document.documentElement.setAttribute('data-mode', 'light');
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    stop();
  });

  it("does not look again for changes of the page's content", async () => {
    const host = placeInArticle();
    const onChange = vi.fn();
    const { stop } = watchPageScheme(host, onChange);
    for (let i = 0; i < 100; i++) {
      const paragraph = document.createElement('p');
      paragraph.className = 'dark';
      host.parentElement!.append(paragraph);
      paragraph.setAttribute('style', 'background-color: black');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(onChange).not.toHaveBeenCalled();
    stop();
  });

  it('tells of a change of the system preference, and of nothing once stopped', async () => {
    const system = fakeSystemScheme(false);
    const onChange = vi.fn();
    const { stop } = watchPageScheme(placeInArticle(), onChange);
    system.set(true);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    stop();
    expect(system.listeners.size).toBe(0);
    document.body.className = 'night';
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('tells when a background transition ends around the toolbar, not elsewhere', async () => {
    const host = placeInArticle();
    const elsewhere = document.createElement('button');
    document.body.append(elsewhere);
    const onChange = vi.fn();
    const { stop } = watchPageScheme(host, onChange);
    const transitionEnd = (target: Element, propertyName: string) => {
      const event = new Event('transitionend', { bubbles: true });
      Object.assign(event, { propertyName });
      target.dispatchEvent(event);
    };
    transitionEnd(elsewhere, 'background-color');
    transitionEnd(host.parentElement!, 'color');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(onChange).not.toHaveBeenCalled();
    transitionEnd(host.parentElement!, 'background-color');
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    stop();
  });

  it("tells when a background transition ends round the page's own shadow root of the story", async () => {
    const wrapper = document.createElement('div');
    const shell = document.createElement('div');
    wrapper.append(shell);
    document.body.append(wrapper);
    const host = document.createElement('span');
    shell.attachShadow({ mode: 'open' }).append(host);
    const onChange = vi.fn();
    const { stop } = watchPageScheme(host, onChange);
    const event = new Event('transitionend', { bubbles: true });
    Object.assign(event, { propertyName: 'background-color' });
    wrapper.dispatchEvent(event);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    stop();
  });

  it("tells of a page's own switch on a container round the toolbar, once watched there", async () => {
    const host = placeInArticle();
    const wrapper = document.createElement('div');
    document.body.append(wrapper);
    wrapper.append(host.parentElement!);
    const onChange = vi.fn();
    const watch = watchPageScheme(host, onChange);
    watch.followHost();
    wrapper.className = 'dark';
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    // Moved out of the wrapper and watched where it is: the wrapper is none of its containers.
    placeInArticle().parentElement!.append(host);
    watch.followHost();
    wrapper.className = '';
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(onChange).toHaveBeenCalledTimes(1);
    watch.stop();
  });

  it.each([
    [
      'a wrapper the page puts round the story later, dark already',
      (article: Element) => {
        const wrapper = document.createElement('div');
        wrapper.className = 'night';
        article.before(wrapper);
        wrapper.append(article);
      },
    ],
    [
      'a wrapper put round the story later, switched to dark afterwards',
      async (article: Element) => {
        const wrapper = document.createElement('div');
        article.before(wrapper);
        wrapper.append(article);
        await new Promise((resolve) => setTimeout(resolve, 50));
        wrapper.className = 'night';
      },
    ],
    [
      'the story moved into a dark overlay the page makes (a reading mode)',
      (article: Element) => {
        const overlay = document.createElement('section');
        overlay.className = 'night';
        document.body.append(overlay);
        overlay.append(article);
      },
    ],
  ])("follows a page's switch made on a container that came later: %s", async (_, change) => {
    const style = document.createElement('style');
    style.textContent = '.night { background-color: rgb(10, 10, 10); }';
    document.head.append(style);
    const host = placeInArticle();
    const seen: string[] = [];
    const watch = watchPageScheme(host, () => seen.push(readPageScheme(host, false)));
    watch.followHost();
    await change(host.parentElement!);
    await vi.waitFor(() => expect(seen.at(-1)).toBe('dark'));
    watch.stop();
  });

  it("follows a wrapper put round the story inside the page's own shadow root", async () => {
    const shell = document.createElement('div');
    document.body.append(shell);
    const shadow = shell.attachShadow({ mode: 'open' });
    const article = document.createElement('article');
    const host = document.createElement('span');
    article.append(host);
    shadow.append(article);
    const onChange = vi.fn();
    const watch = watchPageScheme(host, onChange);
    watch.followHost();
    const wrapper = document.createElement('div');
    shadow.append(wrapper);
    wrapper.append(article);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    wrapper.className = 'night';
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(2));
    watch.stop();
  });

  it('follows the story taken out of the page inside a link, whose host is no container', async () => {
    // A teaser card: the story inside a link, whose `host` is the address's (a form's may name
    // one of its own fields), not the host of a shadow root.
    const card = Object.assign(document.createElement('a'), { href: 'https://news.example/a' });
    document.body.append(card);
    const host = placeInArticle();
    card.append(host.parentElement!);
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error);
    window.addEventListener('error', onError);
    const onChange = vi.fn();
    const watch = watchPageScheme(host, onChange);
    watch.followHost();
    card.remove();
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    window.removeEventListener('error', onError);
    expect(errors).toEqual([]);
    watch.stop();
  });
  it('follows no move of content beside the story, nor outside its containers', async () => {
    const host = placeInArticle();
    const onChange = vi.fn();
    const watch = watchPageScheme(host, onChange);
    watch.followHost();
    const aside = document.createElement('aside');
    document.body.append(aside);
    for (let i = 0; i < 20; i++) {
      const paragraph = document.createElement('p');
      host.parentElement!.append(paragraph);
      aside.append(paragraph);
      paragraph.remove();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(onChange).not.toHaveBeenCalled();
    watch.stop();
  });

  it.each([
    [
      'a stylesheet put in',
      () =>
        document.head.append(
          Object.assign(document.createElement('style'), {
            textContent: 'body { background: black; }',
          }),
        ),
    ],
    [
      'a stylesheet link switched on',
      () => document.head.querySelector('link')!.removeAttribute('disabled'),
    ],
    [
      'a stylesheet rewritten',
      () =>
        (document.head.querySelector('style')!.firstChild!.nodeValue =
          'body { background: black; }'),
    ],
    [
      'its color-scheme meta changed',
      () => document.head.querySelector('meta')!.setAttribute('content', 'dark'),
    ],
    [
      'an alternate stylesheet switched on',
      () => document.head.querySelector('link[rel~="alternate"]')!.removeAttribute('disabled'),
    ],
    [
      "a stylesheet's media changed",
      () =>
        document.head.querySelector('style')!.setAttribute('media', '(prefers-color-scheme: dark)'),
    ],
  ])("tells of a page's switch made in its <head>: %s", async (_what, change) => {
    document.head.innerHTML =
      '<meta name="color-scheme" content="light"><style>body { }</style>' +
      '<link rel="stylesheet" href="data:text/css," disabled>' +
      '<link rel="Alternate StyleSheet" title="Dark" href="data:text/css," disabled><title>Story</title>';
    const onChange = vi.fn();
    const watch = watchPageScheme(placeInArticle(), onChange);
    document.title = 'Story (1 new)';
    document.head.append(document.createElement('script'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(onChange, 'a title or a script changes no scheme').not.toHaveBeenCalled();
    change();
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    watch.stop();
  });

  // A single-page app rewrites its metadata on each route, a framework puts in prefetch links as
  // links scroll into view, a site sets its theme-color as the reader scrolls: none is a colour.
  it.each([
    [
      'a prefetch, preload or icon link put in',
      () => {
        for (const rel of ['prefetch', 'preload', 'icon']) {
          document.head.append(Object.assign(document.createElement('link'), { rel, href: 'x' }));
        }
      },
    ],
    [
      "the page's metadata rewritten",
      () => {
        document.head.querySelector('meta[name="theme-color"]')!.setAttribute('content', '#000');
        document.head.querySelector('meta[property]')!.setAttribute('content', 'Next story');
        document.head.append(
          Object.assign(document.createElement('meta'), { name: 'description', content: 'Next' }),
        );
      },
    ],
  ])('is not called for a change in <head> that sets no colour: %s', async (_what, change) => {
    document.head.innerHTML =
      '<meta name="theme-color" content="#fff"><meta property="og:title" content="Story">';
    const onChange = vi.fn();
    const watch = watchPageScheme(placeInArticle(), onChange);
    change();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(onChange).not.toHaveBeenCalled();
    watch.stop();
  });

  it.each([
    [
      'a link whose rel turns to stylesheet (a sheet loaded late)',
      () => {
        const link = document.createElement('link');
        link.rel = 'preload';
        link.href = 'data:text/css,';
        document.head.append(link);
        return () => (link.rel = 'stylesheet');
      },
    ],
    [
      'a stylesheet link turned to another rel',
      () => {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = 'data:text/css,';
        document.head.append(link);
        return () => (link.rel = 'alternate');
      },
    ],
    [
      'a stylesheet link taken out',
      () => {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = 'data:text/css,';
        document.head.append(link);
        return () => link.remove();
      },
    ],
    [
      'a meta renamed to color-scheme',
      () => {
        const meta = document.createElement('meta');
        meta.content = 'dark';
        document.head.append(meta);
        return () => (meta.name = 'Color-Scheme');
      },
    ],
  ])("tells of a page's switch made in its <head>: %s", async (_what, prepare) => {
    document.head.innerHTML = '<title>Story</title>';
    const change = prepare();
    const onChange = vi.fn();
    const watch = watchPageScheme(placeInArticle(), onChange);
    change();
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    watch.stop();
  });

  it('tells again once a stylesheet put in has come, not for a picture that loads', async () => {
    document.head.innerHTML = '<title>Story</title>';
    const onChange = vi.fn();
    const watch = watchPageScheme(placeInArticle(), onChange);
    const link = Object.assign(document.createElement('link'), {
      rel: 'stylesheet',
      href: 'data:text/css,',
    });
    document.head.append(link);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    const picture = document.createElement('img');
    document.body.append(picture);
    picture.dispatchEvent(new Event('load'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(onChange, 'a picture sets no colour').toHaveBeenCalledTimes(1);
    // Its rules apply once it has come, after the look its insertion asked for.
    link.dispatchEvent(new Event('load'));
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(2));
    watch.stop();
  });

  it('follows a <body> the page puts in place of its first', async () => {
    const host = placeInArticle();
    const onChange = vi.fn();
    const { stop } = watchPageScheme(host, onChange);
    const body = document.createElement('body');
    document.documentElement.replaceChild(body, document.body);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    body.className = 'night';
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(2));
    stop();
  });
});
