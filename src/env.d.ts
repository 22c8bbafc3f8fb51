/** Stylesheets are bundled as text (esbuild's text loader; the same in the unit tests). */
declare module '*.css' {
  const text: string;
  export default text;
}

/**
 * True only in the end-to-end build (dist/e2e/): the toolbar then mirrors its state onto its
 * host element so tests can read it through the closed shadow root. False in the release build.
 */
declare const __TEST_HOOKS__: boolean;

/**
 * True only in the benchmark's instrumented build (dist/bench/, `npm run bench:content`): the
 * content script then reports the time of its own work as `moodmark:` performance measures.
 */
declare const __BENCH_MARKS__: boolean;
