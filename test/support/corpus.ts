import { isUtf8 } from 'node:buffer';
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

/**
 * Lists the labelled pages under `dir`, or null when the corpus is not there. Each page's id is
 * its folder's name. A label that cannot be read, or says nothing of `isArticle`, is reported and
 * left out: one bad file must not stop a bench.
 */
export function listCorpus(dir: string): CorpusLabel[] | null {
  if (!existsSync(dir)) return null;
  const labels: CorpusLabel[] = [];
  for (const id of readdirSync(dir).sort()) {
    const file = join(dir, id, 'label.json');
    if (!existsSync(file)) continue;
    try {
      // JSON.parse refuses the byte order mark some editors put before a file's text.
      const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      const label = JSON.parse(text) as CorpusLabel;
      if (typeof label?.isArticle !== 'boolean') throw new Error('isArticle is not true or false');
      labels.push({ ...label, id });
    } catch (error) {
      console.error(`${id}: label.json left out (${(error as Error).message})`);
    }
  }
  return labels;
}

/**
 * Parses one corpus page without running its scripts, swallowing jsdom's CSS and script errors.
 * Pages are saved as UTF-8 whatever their `<meta charset>` says; one that is not is decoded as a
 * browser would, by its byte order mark or its meta. A label's address that is no absolute URL
 * counts as none.
 */
export function parseCorpusPage(dir: string, label: CorpusLabel): Document {
  const bytes = readFileSync(join(dir, label.id, 'page.html'));
  const dom = new JSDOM(isUtf8(bytes) ? bytes.toString('utf8') : bytes, {
    url: label.url && URL.canParse(label.url) ? label.url : FALLBACK_URL,
    contentType: 'text/html',
    virtualConsole: new VirtualConsole(),
  });
  return dom.window.document;
}
