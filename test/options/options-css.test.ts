import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contrast, readStylesheetColours } from '../support/stylesheet-colours';

const { schemes, propertyVar } = readStylesheetColours(
  join(dirname(fileURLToPath(import.meta.url)), '../../src/options/options.css'),
);

describe('options.css', () => {
  // WCAG 1.4.11: what shows where a control is, 3:1 on the page. The site field is an empty box
  // until the reader types: its edge is all there is to find it by.
  it.each([
    { part: "the site field's edge", selector: "input[type='text']", property: 'border' },
    { part: 'the focus ring', selector: ':focus-visible', property: 'outline' },
  ])('draws $part to stand out from the page in both schemes', ({ selector, property }) => {
    const [surfaceLight, surfaceDark] = schemes.get('--surface')!;
    const colour = schemes.get(propertyVar(selector, property) ?? '');
    expect(colour, `${selector} ${property}`).toBeDefined();
    const [light, dark] = colour!;
    expect(contrast(light, surfaceLight)).toBeGreaterThanOrEqual(3);
    expect(contrast(dark, surfaceDark)).toBeGreaterThanOrEqual(3);
  });
});
