import { measureText } from '../measure-text';
import type { PageFacts } from '../read-page-facts';

/** The share of the body's text that lies in links (high for link lists and indexes). */
export function linkDensity({ candidate }: PageFacts): number {
  let chars = 0;
  let linkChars = 0;
  for (const part of candidate.parts) {
    const totals = candidate.scan.totals.get(part) ?? measureText(part);
    chars += totals.chars;
    linkChars += totals.linkChars;
  }
  return chars > 0 ? linkChars / chars : 0;
}
