import type { placeToolbarSteps } from '../core/place-toolbar';

/** What `detector.js` gives the content script for one look at the page. */
export interface DetectorModule {
  placeToolbarSteps: typeof placeToolbarSteps;
}

/**
 * Where `detector.js` leaves its {@link DetectorModule}: a property of the content scripts' own
 * global, which the page cannot see (as toolbar-handoff.ts explains). A symbol, not a name.
 */
export const DETECTOR_MODULE_KEY: unique symbol = Symbol.for('moodmark.detectorModule');

export type DetectorModuleHolder = { [DETECTOR_MODULE_KEY]?: DetectorModule };
