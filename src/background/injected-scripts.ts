/**
 * The bundles the background runs in a tab's frame on its content script's call (build.mjs):
 * the detector for each look at the page, the toolbar once an article is found. A page without
 * an article never loads the toolbar, nor keeps the detector between looks.
 */
export const TOOLBAR_SCRIPT = 'toolbar.js';
export const DETECTOR_SCRIPT = 'detector.js';
export type InjectedScript = typeof TOOLBAR_SCRIPT | typeof DETECTOR_SCRIPT;

/**
 * Inserted with `toolbar.js` as a user sheet: shows the toolbar's host (`moodmark-toolbar`, the
 * content script's TOOLBAR_TAG), which its own styles hide (toolbar.css). Firefox takes the
 * sheet away as Moodmark is removed, turned off or updated, when no script of Moodmark runs
 * in the page any more to take a toolbar that no longer works away. A user's !important wins
 * over every author rule, the page's and the shadow tree's alike. Not in print, as toolbar.css.
 */
export const TOOLBAR_SHOWN_CSS =
  '@media not print { moodmark-toolbar { display: block !important } }';
