// One batch of the trainer (see train-detect.mjs): each page's signal values and answers.
import { parentPort, workerData } from 'node:worker_threads';
import { parsePageOrSkip } from './corpus-pages.mjs';
import { isProbablyReaderable } from '@mozilla/readability';

const lib = await import(workerData.bundle);
const rows = [];
for (const { dir, label, site } of workerData.pages) {
  const doc = parsePageOrSkip(lib, dir, label);
  if (!doc) continue;
  const placedRight = (anchor) =>
    lib.isPlacedRight(lib.textAroundAnchor(anchor).before, label.bodyEnd);
  const hasBody = label.isArticle && Boolean(label.bodyEnd);
  const measured = lib.measureSignals(doc);
  const rules = lib.detectArticle(doc);
  rows.push({
    id: label.id,
    site,
    isArticle: label.isArticle,
    hasBody,
    placeable: hasBody && lib.canBePlacedRight(doc, label.bodyEnd),
    x: measured ? workerData.names.map((name) => measured.values[name]) : null,
    signalsPlaceRight: hasBody && measured ? placedRight(measured.detection.anchor) : false,
    rules: rules !== null,
    rulesPlaceRight: hasBody && rules ? placedRight(rules.anchor) : false,
    readerable: isProbablyReaderable(doc),
  });
  doc.defaultView?.close();
}
parentPort.postMessage(rows);
