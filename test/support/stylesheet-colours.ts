import { readFileSync } from 'node:fs';
import { contrastRatio, parseColour } from '../../src/core/colour-scheme';

/**
 * An extension page's stylesheet read as text (jsdom computes neither `var()` nor
 * `light-dark()`): the colours its rules name through the `:root` custom properties, in the light
 * and the dark scheme, for contrast checks.
 */
export interface StylesheetColours {
  /** The stylesheet's text. */
  css: string;
  /** The custom properties of `:root`, each as its light and dark colour (one colour: both). */
  schemes: Map<string, [light: string, dark: string]>;
  /** The custom property named in `property` of the rule for exactly `selector`. */
  propertyVar(selector: string, property: string): string | undefined;
}

export function readStylesheetColours(path: string): StylesheetColours {
  const css = readFileSync(path, 'utf8');
  const schemes = new Map<string, [light: string, dark: string]>();
  const root = /^:root\s*{([^}]*)}/m.exec(css)?.[1] ?? '';
  for (const [, name, light, dark, both] of root.matchAll(
    /(--[\w-]+):\s*(?:light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)|(#[0-9a-f]{6}))/g,
  )) {
    schemes.set(name!, [light ?? both!, dark ?? both!]);
  }
  return {
    css,
    schemes,
    propertyVar(selector, property) {
      const escaped = selector.replace(/[.*+?^${}()|[\]\\:]/g, '\\$&');
      const body = new RegExp(`^${escaped}\\s*{([^}]*)}`, 'm').exec(css)?.[1] ?? '';
      const value = new RegExp(`^\\s*${property}:([^;]*);`, 'm').exec(body)?.[1] ?? '';
      return /var\((--[\w-]+)\)/.exec(value)?.[1];
    },
  };
}

/** WCAG's contrast ratio of two colours as CSS writes them (`#rrggbb`, a computed `rgb()`). */
export function contrast(a: string, b: string): number {
  const [first, second] = [a, b].map((colour) => {
    const parsed = parseColour(colour);
    if (!parsed) throw new Error(`not a colour: ${colour}`);
    return parsed;
  });
  return contrastRatio(first!, second!);
}
