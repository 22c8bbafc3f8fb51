/**
 * The bundles the background runs in a tab's frame on its content script's call (build.mjs):
 * the detector for each look at the page, the toolbar once an article is found. A page without
 * an article never loads the toolbar, nor keeps the detector between looks.
 */
export const TOOLBAR_SCRIPT = 'toolbar.js';
export const DETECTOR_SCRIPT = 'detector.js';
export type InjectedScript = typeof TOOLBAR_SCRIPT | typeof DETECTOR_SCRIPT;
