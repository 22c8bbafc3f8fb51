import { readFileSync } from 'node:fs';

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

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const c = parseInt(hex.slice(at, at + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG's contrast ratio of two `#rrggbb` colours. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}
