// One batch of the trainer (see train-detect.mjs): each page's signal values and answers.
import { parentPort, workerData } from 'node:worker_threads';
import { parsePageOrSkip } from './corpus-pages.mjs';
import { isProbablyReaderable } from '@mozilla/readability';

const lib = await import(workerData.bundle);
/** Signals read from the page's address alone. */
const ADDRESS_SIGNALS = ['listingAddress', 'addressSlugWords', 'numberedAddress', 'sectionAddress'];
/** Addresses the corpora give pages whose real address is not known. */
const PLACEHOLDER_HOSTS = ['fakehost', 'example.com'];

/** Whether the page's first address (declared, else its own) is a real one. */
function hasRealAddress(doc) {
  const [address] = lib.readPageAddresses(doc);
  return address !== undefined && !PLACEHOLDER_HOSTS.includes(new URL(address).hostname);
}
const rows = [];
for (const { dir, label, site } of workerData.pages) {
  const doc = parsePageOrSkip(lib, dir, label);
  if (!doc) continue;
  const placedRight = (anchor) =>
    lib.isPlacedRight(lib.textAroundAnchor(anchor).before, label.bodyEnd);
  const hasBody = label.isArticle && Boolean(label.bodyEnd);
  const measured = lib.measureSignals(doc);
  // A NaN would scramble the sort each split is sought in, for every page, and JSON would turn it
  // into an unknown value for --reuse: a signal must always give a number.
  for (const [name, value] of Object.entries(measured?.values ?? {})) {
    if (!Number.isFinite(value)) throw new Error(`${label.id}: signal ${name} is ${value}`);
  }
  const rules = lib.detectArticle(doc);
  rows.push({
    id: label.id,
    site,
    isArticle: label.isArticle,
    hasBody,
    placeable: hasBody && lib.canBePlacedRight(doc, label.bodyEnd),
    // A saved page whose address is a placeholder says nothing through its address: unknown.
    x: measured
      ? workerData.names.map((name) =>
          ADDRESS_SIGNALS.includes(name) && !hasRealAddress(doc) ? null : measured.values[name],
        )
      : null,
    signalsPlaceRight: hasBody && measured ? placedRight(measured.detection.anchor) : false,
    rules: rules !== null,
    rulesPlaceRight: hasBody && rules ? placedRight(rules.anchor) : false,
    readerable: isProbablyReaderable(doc),
  });
  doc.defaultView?.close();
}
parentPort.postMessage(rows);
