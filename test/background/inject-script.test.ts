import { beforeEach, describe, expect, it, vi } from 'vitest';
import { injectScript } from '../../src/background/inject-script';
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
    executeScript: vi.fn(async (_injection: unknown) => {
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
  scripting.executeScript.mockClear();
});

describe('injectScript', () => {
  it('inserts the sheet that shows the toolbar as a user sheet, before toolbar.js runs', async () => {
    await injectScript(7, TOOLBAR_SCRIPT);
    const target = { tabId: 7, frameIds: [0] };
    expect(insertCSS).toHaveBeenCalledWith({ target, css: TOOLBAR_SHOWN_CSS, origin: 'USER' });
    expect(scripting.executeScript).toHaveBeenCalledWith({ target, files: [TOOLBAR_SCRIPT] });
    expect(scripting.calls).toEqual(['insertCSS', 'executeScript']);
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
