import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/core/detect/decide';
import { detectBySignals, explainBySignals } from '../../../src/core/detect/detect-by-signals';
import { readPageFactsSteps } from '../../../src/core/detect/read-page-facts';
import { drain } from '../../../src/core/run-in-slices';
import { SIGNAL_NAMES } from '../../../src/core/detect/signals';
import { WEIGHTS } from '../../../src/core/detect/weights';
import { listCorpus, parseCorpusPage } from '../../support/corpus';

const here = dirname(fileURLToPath(import.meta.url));
/** Pages the trainer scored with the table it wrote, and its answers (written by `npm run train:detect`). */
const trained = JSON.parse(readFileSync(resolve(here, 'trained-decisions.json'), 'utf8')) as {
  id: string;
  score: number;
  isArticle: boolean;
}[];
const corpusDir = resolve(here, '../../../../shared/corpus/pages');
const labels = listCorpus(corpusDir);

describe('WEIGHTS', () => {
  it('holds trees whose questions name a signal and point to nodes of the same tree', () => {
    expect(Number.isFinite(WEIGHTS.base)).toBe(true);
    expect(WEIGHTS.trees.length).toBeGreaterThan(0);
    for (const tree of WEIGHTS.trees) {
      for (const node of tree) {
        expect(Number.isFinite(node.value)).toBe(true);
        if (!('signal' in node)) continue;
        expect(SIGNAL_NAMES).toContain(node.signal);
        expect(Number.isFinite(node.threshold)).toBe(true);
        expect(tree[node.below]).toBeDefined();
        expect(tree[node.atOrAbove]).toBeDefined();
      }
    }
  });
});

describe.skipIf(!labels)('the trained table on the corpus', () => {
  it.each(trained)(
    "reproduces the trainer's score and answer on $id",
    ({ id, score, isArticle }) => {
      const label = labels!.find((entry) => entry.id === id);
      expect(label, `${id} is in the corpus`).toBeDefined();
      const doc = parseCorpusPage(corpusDir, label!);
      const explanation = explainBySignals(doc);
      expect(explanation.decision?.score).toBeCloseTo(score, 3);
      expect(explanation.decision?.isArticle).toBe(isArticle);
      expect(detectBySignals(doc) !== null).toBe(isArticle);
      doc.defaultView?.close();
    },
  );
});

describe('decide', () => {
  const prose = (chars: number) =>
    'Rain fell on the old harbour town all night. '.repeat(40).slice(0, chars);
  const pages = [
    `<article><h1>Story</h1>${`<p>${prose(400)}</p>`.repeat(6)}</article>`,
    `<main>${Array.from({ length: 8 }, (_, i) => `<div><h2><a href="/s${i}">Story ${i}</a></h2><p>${prose(120)}</p></div>`).join('')}</main>`,
    `<div><p>${prose(200)}</p></div>`,
  ];
  it.each(pages)('answers as reading every signal would, reading fewer (%#)', (body) => {
    const doc = new JSDOM(`<body>${body}</body>`, { url: 'https://news.example/a/b' }).window
      .document;
    const facts = drain(readPageFactsSteps(doc))!;
    const quick = decide(facts, WEIGHTS);
    const full = decide(facts, WEIGHTS, true);
    expect(quick.isArticle).toBe(full.isArticle);
    expect(full.signals.map(({ name }) => name)).toEqual(SIGNAL_NAMES);
    expect(quick.signals.length).toBeLessThanOrEqual(full.signals.length);
  });
  it.each(pages)('explains its score: the prior plus every contribution (%#)', (body) => {
    const doc = new JSDOM(`<body>${body}</body>`, { url: 'https://news.example/a/b' }).window
      .document;
    const full = decide(drain(readPageFactsSteps(doc))!, WEIGHTS, true);
    const explained = full.signals.reduce(
      (sum, { contribution }) => sum + contribution,
      full.prior,
    );
    expect(explained).toBeCloseTo(full.score, 6);
  });
});
