import { afterEach, describe, expect, it } from 'vitest';
import { createToolbar } from '../../src/content/toolbar';

describe('createToolbar language', () => {
  afterEach(() => {
    document.body.removeAttribute('lang');
  });

  it('follows a page whose language is declared on its body alone', () => {
    document.documentElement.removeAttribute('lang');
    document.body.setAttribute('lang', 'ar');
    const toolbar = createToolbar(document, { choose: async () => null });
    expect([toolbar.host.dataset.lang, toolbar.host.dataset.dir]).toEqual(['ar', 'rtl']);
  });
});
