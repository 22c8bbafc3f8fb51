import { beforeEach, describe, expect, it, vi } from 'vitest';
import { injectScript, SHEET_ASKERS_KEPT } from '../../src/background/inject-script';
import {
  DETECTOR_SCRIPT,
  TOOLBAR_SCRIPT,
  TOOLBAR_SHOWN_CSS,
} from '../../src/background/injected-scripts';
import { TOOLBAR_TAG } from '../../src/content/toolbar';

/** The browser's scripting API, faked: each call recorded in order. */
const scripting = vi.hoisted(() => {
  const calls: string[] = [];
  return {
    calls,
    insertCSS: vi.fn(async (_injection: unknown): Promise<void> => {
      calls.push('insertCSS');
    }) as ((injection: unknown) => Promise<void>) | undefined,
    removeCSS: vi.fn(async (_injection: unknown): Promise<void> => {
      calls.push('removeCSS');
    }),
    executeScript: vi.fn(async (_injection: unknown): Promise<{ documentId?: string }[]> => {
      calls.push('executeScript');
      return [];
    }),
  };
});

vi.mock('webextension-polyfill', () => ({ default: { scripting } }));

const insertCSS = scripting.insertCSS!;

beforeEach(() => {
  scripting.calls.length = 0;
  scripting.insertCSS = insertCSS;
  vi.mocked(insertCSS).mockClear();
  scripting.removeCSS.mockClear();
  scripting.executeScript.mockReset();
  scripting.executeScript.mockImplementation(async () => {
    scripting.calls.push('executeScript');
    return [];
  });
});

describe('injectScript', () => {
  it('inserts the sheet that shows the toolbar as a user sheet, before toolbar.js runs', async () => {
    await injectScript(7, TOOLBAR_SCRIPT);
    const target = { tabId: 7, frameIds: [0] };
    expect(insertCSS).toHaveBeenCalledWith({ target, css: TOOLBAR_SHOWN_CSS, origin: 'USER' });
    expect(scripting.executeScript).toHaveBeenCalledWith({ target, files: [TOOLBAR_SCRIPT] });
    expect(scripting.calls).toEqual(['insertCSS', 'executeScript']);
  });

  ([TOOLBAR_SCRIPT, DETECTOR_SCRIPT] as const).forEach((file) => {
    it(`runs ${file} in the asking document alone where its id is known`, async () => {
      await injectScript(7, file, 'asking-document');
      const target = { tabId: 7, documentIds: ['asking-document'] };
      expect(scripting.executeScript).toHaveBeenCalledWith({ target, files: [file] });
      if (file === TOOLBAR_SCRIPT) {
        expect(insertCSS).toHaveBeenCalledWith({ target, css: TOOLBAR_SHOWN_CSS, origin: 'USER' });
      }
    });
  });

  /** The document the browser says the file ran in (InjectionResult.documentId). */
  function runsIn(documentId: string | undefined): void {
    scripting.executeScript.mockImplementation(async () => {
      scripting.calls.push('executeScript');
      return [{ documentId }];
    });
  }

  it('keeps the sheet where the file ran in the asking document', async () => {
    runsIn('asking-document');
    await expect(injectScript(7, TOOLBAR_SCRIPT, 'asking-document')).resolves.toBeUndefined();
    expect(scripting.calls).toEqual(['insertCSS', 'executeScript']);
  });

  it('takes the sheet out of a page the tab went on to, and fails', async () => {
    // Chrome runs an injection aimed at a document in the back/forward cache in its frame's next.
    runsIn('next-page');
    await expect(injectScript(7, TOOLBAR_SCRIPT, 'asking-document')).rejects.toThrow(
      /not in the page that asked/,
    );
    expect(scripting.removeCSS).toHaveBeenCalledWith({
      target: { tabId: 7, documentIds: ['next-page'] },
      css: TOOLBAR_SHOWN_CSS,
      origin: 'USER',
    });
  });

  it('leaves the sheet in a page the tab went on to that asked for the toolbar itself', async () => {
    // The asking page's sheet went in before the tab moved on; the page it moved to drew its own
    // toolbar, shown by its own sheet, before the asking page's toolbar.js ran there.
    runsIn('next-article');
    await injectScript(7, TOOLBAR_SCRIPT, 'next-article');
    await expect(injectScript(7, TOOLBAR_SCRIPT, 'asking-document')).rejects.toThrow(
      /not in the page that asked/,
    );
    expect(scripting.removeCSS).not.toHaveBeenCalled();
  });

  it(`remembers the last ${SHEET_ASKERS_KEPT} pages that asked for the toolbar`, async () => {
    vi.resetModules();
    const fresh = await import('../../src/background/inject-script');
    runsIn(undefined);
    await fresh.injectScript(7, TOOLBAR_SCRIPT, 'long-ago-article');
    // With the asking document's, the last it remembers.
    for (let later = 0; later < SHEET_ASKERS_KEPT - 2; later++) {
      await fresh.injectScript(7, TOOLBAR_SCRIPT, `later-article-${later}`);
    }
    runsIn('long-ago-article');
    await expect(fresh.injectScript(7, TOOLBAR_SCRIPT, 'asking-document')).rejects.toThrow();
    expect(scripting.removeCSS).not.toHaveBeenCalled();

    runsIn(undefined);
    await fresh.injectScript(7, TOOLBAR_SCRIPT, 'one-more-article');
    runsIn('long-ago-article');
    await expect(fresh.injectScript(7, TOOLBAR_SCRIPT, 'asking-document')).rejects.toThrow();
    expect(scripting.removeCSS).toHaveBeenCalledOnce();
  });

  it('fails the detector run in a page the tab went on to, with no sheet to take out', async () => {
    runsIn('next-page');
    await expect(injectScript(7, DETECTOR_SCRIPT, 'asking-document')).rejects.toThrow(
      /not in the page that asked/,
    );
    expect(scripting.calls).toEqual(['executeScript']);
  });

  [
    { case: 'the asking document is unknown', asking: undefined, ranIn: 'some-page' },
    { case: 'the browser does not say where it ran', asking: 'asking-document', ranIn: undefined },
  ].forEach(({ case: what, asking, ranIn }) => {
    it(`keeps the sheet where ${what}`, async () => {
      runsIn(ranIn);
      await expect(injectScript(7, TOOLBAR_SCRIPT, asking)).resolves.toBeUndefined();
      expect(scripting.removeCSS).not.toHaveBeenCalled();
    });
  });

  it('inserts no sheet with the detector, which every article page loads', async () => {
    await injectScript(7, DETECTOR_SCRIPT);
    expect(scripting.calls).toEqual(['executeScript']);
  });

  [
    {
      what: 'refused',
      fake: async () => {
        throw new Error('Missing host permission for the tab');
      },
    },
    { what: 'unknown to the browser', fake: undefined },
  ].forEach(({ what, fake }) => {
    it(`still runs toolbar.js where the sheet is ${what}`, async () => {
      scripting.insertCSS = fake;
      await expect(injectScript(7, TOOLBAR_SCRIPT)).resolves.toBeUndefined();
      expect(scripting.executeScript).toHaveBeenCalledOnce();
    });
  });
});

describe('TOOLBAR_SHOWN_CSS', () => {
  it("names the toolbar's host by the content script's tag, on screen only", () => {
    const [, media, selector] = /^@media ([^{]+) \{ ([^{ ]+) \{/.exec(TOOLBAR_SHOWN_CSS) ?? [];
    expect({ media, selector }).toEqual({ media: 'not print', selector: TOOLBAR_TAG });
  });
});
