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
  it('weighs every signal with a finite weight, centre and range', () => {
    expect(Number.isFinite(WEIGHTS.bias)).toBe(true);
    for (const name of SIGNAL_NAMES) {
      const { weight, mean, min, max } = WEIGHTS.signals[name];
      expect([weight, mean, min, max].every(Number.isFinite), name).toBe(true);
      expect(min, name).toBeLessThanOrEqual(max);
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
});
