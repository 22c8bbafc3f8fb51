/**
 * Entry of `detector.js`: the detector, kept out of the content script that runs on every page.
 * The background injects it into a frame for each look at the page; see load-detector.ts.
 */
import { placeToolbarSteps } from '../core/place-toolbar';
import {
  DETECTOR_MODULE_KEY,
  DETECTOR_WANTED_KEY,
  type DetectorModule,
  type DetectorModuleHolder,
} from './detector-handoff';

const holder = globalThis as DetectorModuleHolder;
if (holder[DETECTOR_WANTED_KEY]) {
  const detectorModule: DetectorModule = { placeToolbarSteps };
  holder[DETECTOR_MODULE_KEY] = detectorModule;
}
