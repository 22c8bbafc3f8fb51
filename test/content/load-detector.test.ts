import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DETECTOR_MODULE_KEY,
  type DetectorModule,
  type DetectorModuleHolder,
} from '../../src/content/detector-handoff';
import { loadDetectorModule } from '../../src/content/load-detector';

const holder = globalThis as DetectorModuleHolder;

/** What detector.js does when the background runs it: leaves a fresh module under the key. */
function injectFresh(): () => Promise<void> {
  return vi.fn(async () => {
    holder[DETECTOR_MODULE_KEY] = {} as DetectorModule;
  });
}

/** Runs detector.js's entry in this frame, as scripting.executeScript does. */
async function runDetectorScript(): Promise<void> {
  vi.resetModules();
  await import('../../src/content/detector-module');
}

afterEach(() => {
  delete holder[DETECTOR_MODULE_KEY];
});

describe('loadDetectorModule', () => {
  it('hands over what detector.js left, and keeps none of it in the frame', async () => {
    const inject = injectFresh();
    const module = await loadDetectorModule(inject);
    expect(module).toBeTypeOf('object');
    expect(DETECTOR_MODULE_KEY in holder).toBe(false);
  });

  it('takes the detector from detector.js run in the frame', async () => {
    const module = await loadDetectorModule(runDetectorScript);
    expect(module.placeToolbarSteps).toBeTypeOf('function');
    expect(DETECTOR_MODULE_KEY in holder).toBe(false);
  });

  it.each([
    { when: 'no look asked for it (the tab went on to another page meanwhile)', looked: false },
    { when: 'it runs late, once the look that asked for it has its detector', looked: true },
  ])('leaves nothing in a frame where $when', async ({ looked }) => {
    if (looked) await loadDetectorModule(runDetectorScript);
    await runDetectorScript();
    expect(DETECTOR_MODULE_KEY in holder).toBe(false);
  });

  it('injects detector.js again for the next look', async () => {
    const inject = injectFresh();
    const first = await loadDetectorModule(inject);
    const second = await loadDetectorModule(inject);
    expect(inject).toHaveBeenCalledTimes(2);
    expect(second).not.toBe(first);
  });

  it('shares one injection between looks asked for while it runs', async () => {
    const inject = injectFresh();
    const [first, second] = await Promise.all([
      loadDetectorModule(inject),
      loadDetectorModule(inject),
    ]);
    expect(inject).toHaveBeenCalledTimes(1);
    expect(second).toBe(first);
  });

  it('fails when detector.js left nothing, and injects again on the next call', async () => {
    const inject = vi.fn(async () => {});
    await expect(loadDetectorModule(inject)).rejects.toThrow('detector.js did not load');
    await expect(loadDetectorModule(injectFresh())).resolves.toBeTypeOf('object');
    expect(inject).toHaveBeenCalledTimes(1);
  });

  it('keeps none of it in the frame when it ran but the background did not answer', async () => {
    const ranUnanswered = vi.fn(async () => {
      holder[DETECTOR_MODULE_KEY] = {} as DetectorModule;
      throw new Error('the background did not answer');
    });
    await expect(loadDetectorModule(ranUnanswered)).rejects.toThrow('did not answer');
    expect(DETECTOR_MODULE_KEY in holder).toBe(false);
  });

  it('fails when the background could not run it, and injects again on the next call', async () => {
    const refused = vi.fn(() => Promise.reject(new Error('no tab')));
    await expect(loadDetectorModule(refused)).rejects.toThrow('no tab');
    await expect(loadDetectorModule(injectFresh())).resolves.toBeTypeOf('object');
  });
});
