// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { MESSAGES, reactionName, translate } from '../../src/core/i18n';
import { REACTIONS } from '../../src/core/reactions';

/** The formal "you" (Sie, Ihnen, Ihr…); "sie" and "ihr" in lower case are other words. */
const FORMAL_ADDRESS = /\b(Sie|Ihnen|Ihre?[mnrs]?)\b/;

describe('German messages', () => {
  it('address the reader as "du" throughout, never as "Sie"', () => {
    const formal = Object.entries(MESSAGES.de)
      .filter(([, entry]) => FORMAL_ADDRESS.test(entry.message))
      .map(([key, entry]) => `${key}: ${entry.message}`);
    expect(formal).toEqual([]);
  });

  // German quotes open low and close high („…“): never "…", nor the English “…”.
  it('quote with „…“ throughout', () => {
    const otherQuotes = Object.entries(MESSAGES.de)
      .filter(([, entry]) => /["„“”]/.test(entry.message.replace(/„[^"„“”]*“/g, '')))
      .map(([key, entry]) => `${key}: ${entry.message}`);
    expect(otherQuotes).toEqual([]);
  });

  it('set a page’s title apart in „…“ wherever a message names one', () => {
    const bare = Object.entries(MESSAGES.de)
      .filter(([, entry]) => entry.message.includes('$TITLE$'))
      .filter(([, entry]) => !entry.message.includes('„$TITLE$“'))
      .map(([key, entry]) => `${key}: ${entry.message}`);
    expect(bare).toEqual([]);
  });

  it('name each reaction as a reader would say it', () => {
    expect(REACTIONS.map((reaction) => reactionName('de', reaction))).toEqual([
      'gefällt mir',
      'gefällt mir nicht',
      'gefällt mir sehr',
      'lustig',
      'wütend',
      'traurig',
      'wow',
    ]);
  });

  // "Verschoben: gefällt mir nicht an Stelle 2" and "nicht mehr unter gefällt mir gezeigt" read
  // as sentences of their own: a reaction named inside a sentence is set apart.
  it('set a reaction named inside a sentence apart in „…“', () => {
    for (const reaction of REACTIONS) {
      const name = reactionName('de', reaction);
      expect(translate('de', 'optionsMoved', [name, '2', '7'])).toContain(`„${name}“`);
      expect(translate('de', 'popupReactedLeftFilter', ['wow', name])).toContain(`„${name}“`);
    }
  });

  it.each(['optionsMoveUp', 'optionsMoveDown'] as const)(
    'in %s, set the reaction apart from the verb (not "gefällt mir nicht nach oben")',
    (key) => {
      for (const reaction of REACTIONS) {
        const name = reactionName('de', reaction);
        const label = translate('de', key, [name]);
        expect(label).toContain(`„${name}“`);
        expect(label).toMatch(/ verschieben$/);
      }
    },
  );
});
