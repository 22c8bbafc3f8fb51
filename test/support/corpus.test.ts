import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listCorpus, parseCorpusPage } from './corpus';

describe('the corpus reader the benches and the corpus test share', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'moodmark-corpus-'));
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  function addPage(id: string, label: string, html: string | Buffer = '<p>Text</p>'): void {
    mkdirSync(join(dir, id));
    writeFileSync(join(dir, id, 'label.json'), label);
    writeFileSync(join(dir, id, 'page.html'), html);
  }

  it('leaves out, and names, a label it cannot read or that says nothing of isArticle', () => {
    addPage('good', JSON.stringify({ id: 'good', url: null, isArticle: true, title: 'A' }));
    addPage('broken', '{broken json');
    addPage('unsaid', JSON.stringify({ id: 'unsaid', url: null, title: 'B' }));
    expect(listCorpus(dir)?.map((label) => label.id)).toEqual(['good']);
    const reported = vi.mocked(console.error).mock.calls.map(([line]) => String(line));
    expect(reported).toEqual([
      expect.stringMatching(/^broken: label\.json left out/),
      expect.stringMatching(/^unsaid: label\.json left out/),
    ]);
  });

  it('reads a label saved with a byte order mark, as editors on Windows save JSON', () => {
    addPage('marked', '\uFEFF' + JSON.stringify({ url: null, isArticle: true, title: 'A' }));
    expect(listCorpus(dir)?.map((label) => label.id)).toEqual(['marked']);
  });

  it("takes a page's id from its folder, where its label names another", () => {
    addPage('folder-name', JSON.stringify({ id: 'copied-from', url: null, isArticle: false }));
    const [label] = listCorpus(dir)!;
    expect(label!.id).toBe('folder-name');
    expect(parseCorpusPage(dir, label!).body.textContent).toBe('Text');
  });

  it('decodes a page saved in a legacy encoding by its meta, and a UTF-8 page as UTF-8 whatever its meta says', () => {
    const text = 'Café, fête';
    addPage(
      'latin',
      JSON.stringify({ url: 'https://news.example/a', isArticle: true }),
      Buffer.from(`<meta charset="windows-1252"><p>${text}</p>`, 'latin1'),
    );
    addPage(
      'utf8',
      JSON.stringify({ url: 'https://news.example/b', isArticle: true }),
      `<meta charset="windows-1252"><p>${text}</p>`,
    );
    const [latin, utf8] = listCorpus(dir)!;
    expect(parseCorpusPage(dir, latin!).querySelector('p')!.textContent).toBe(text);
    expect(parseCorpusPage(dir, utf8!).querySelector('p')!.textContent).toBe(text);
  });

  it('reads a page whose address is no absolute URL as one without an address', () => {
    addPage('odd', JSON.stringify({ url: 'not a url', isArticle: false }));
    const doc = parseCorpusPage(dir, listCorpus(dir)![0]!);
    expect(doc.location.href).toBe('https://example.com/page.html');
  });
});
