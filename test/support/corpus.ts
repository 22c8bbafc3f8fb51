import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';

/** One labelled page of the shared corpus (see the corpus README). */
export interface CorpusLabel {
  id: string;
  url: string | null;
  isArticle: boolean;
  title: string;
  bodyStart?: string;
  bodyEnd?: string;
  bodyChars?: number;
}

/** Base URL for pages saved without an address. */
const FALLBACK_URL = 'https://example.com/page.html';

/** Lists the labelled pages under `dir`, or null when the corpus is not there. */
export function listCorpus(dir: string): CorpusLabel[] | null {
  if (!existsSync(dir)) return null;
  return readdirSync(dir)
    .filter((id) => existsSync(join(dir, id, 'label.json')))
    .sort()
    .map((id) => JSON.parse(readFileSync(join(dir, id, 'label.json'), 'utf8')) as CorpusLabel);
}

/** Parses one corpus page without running its scripts, swallowing jsdom's CSS and script errors. */
export function parseCorpusPage(dir: string, label: CorpusLabel): Document {
  const html = readFileSync(join(dir, label.id, 'page.html'), 'utf8');
  const dom = new JSDOM(html, {
    url: label.url ?? FALLBACK_URL,
    virtualConsole: new VirtualConsole(),
  });
  return dom.window.document;
}
