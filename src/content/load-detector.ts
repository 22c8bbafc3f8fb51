import {
  DETECTOR_MODULE_KEY,
  DETECTOR_WANTED_KEY,
  type DetectorModule,
  type DetectorModuleHolder,
} from './detector-handoff';

let loading: Promise<DetectorModule> | undefined;

/** Takes what `detector.js` left in this frame's global, so that the frame keeps none of it. */
function takeLeftModule(): DetectorModule | undefined {
  const holder = globalThis as DetectorModuleHolder;
  const injected = holder[DETECTOR_MODULE_KEY];
  delete holder[DETECTOR_MODULE_KEY];
  return injected;
}

/**
 * The detector's code for one look at the page: `inject` asks the background to run
 * `detector.js` in this frame (scripting.executeScript) and resolves once it has run. The frame
 * keeps nothing of it afterwards, so a page the reader stays on does not hold the detector's
 * compiled code and regular expressions between looks: the next look loads it again. Calls made
 * while one load is under way share it; a failed load is retried by the next call.
 */
export function loadDetectorModule(inject: () => Promise<unknown>): Promise<DetectorModule> {
  loading ??= requestDetectorModule(inject);
  return loading;
}

function requestDetectorModule(inject: () => Promise<unknown>): Promise<DetectorModule> {
  (globalThis as DetectorModuleHolder)[DETECTOR_WANTED_KEY] = true;
  return inject()
    .then(
      () => {
        const injected = takeLeftModule();
        if (!injected) throw new Error('detector.js did not load');
        return injected;
      },
      (error: unknown) => {
        // It may have run all the same, its answer lost on the way back.
        takeLeftModule();
        throw error;
      },
    )
    .finally(() => {
      // A late run of detector.js (an injection that outlived its answer) leaves nothing.
      delete (globalThis as DetectorModuleHolder)[DETECTOR_WANTED_KEY];
      loading = undefined;
    });
}
