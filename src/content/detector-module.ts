/**
 * Entry of `detector.js`: the detector, kept out of the content script that runs on every page.
 * The background injects it into a frame for each look at the page; see load-detector.ts.
 */
import { placeToolbarSteps } from '../core/place-toolbar';
import {
  DETECTOR_MODULE_KEY,
  type DetectorModule,
  type DetectorModuleHolder,
} from './detector-handoff';

const detectorModule: DetectorModule = { placeToolbarSteps };
(globalThis as DetectorModuleHolder)[DETECTOR_MODULE_KEY] = detectorModule;
