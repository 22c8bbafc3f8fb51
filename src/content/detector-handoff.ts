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

/**
 * Set while the content script waits for `detector.js`: the script leaves its module only then.
 * The background runs it in the tab's top frame, whatever page that shows by then: one the tab
 * went on to meanwhile keeps none of it.
 */
export const DETECTOR_WANTED_KEY: unique symbol = Symbol.for('moodmark.detectorWanted');

export type DetectorModuleHolder = {
  [DETECTOR_MODULE_KEY]?: DetectorModule;
  [DETECTOR_WANTED_KEY]?: true;
};
