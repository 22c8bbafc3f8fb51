import { describe, expect, it } from 'vitest';
import {
  getClassWeight,
  isBoilerplate,
  isConsentNotice,
  isOverlay,
  isUnlikelyCandidate,
} from '../../../src/core/detect/is-boilerplate';

function element(html: string): Element {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  return doc.body.firstElementChild!;
}

describe('isUnlikelyCandidate', () => {
  it('reads a sidebar as unlikely, unless a content word excuses it (Readability’s rule)', () => {
    expect(isUnlikelyCandidate(element('<div class="sidebar"></div>'))).toBe(true);
    expect(isUnlikelyCandidate(element('<div class="sidebar main-column"></div>'))).toBe(false);
  });
});

describe('isBoilerplate', () => {
  it("reads a post's line of metadata as furniture, not a video's or the page's", () => {
    expect(isBoilerplate(element('<div class="entry-meta"></div>'))).toBe(true);
    expect(isBoilerplate(element('<div class="singlepostmeta"></div>'))).toBe(true);
    expect(isBoilerplate(element('<div class="videoMeta"></div>'))).toBe(false);
    expect(isBoilerplate(element('<div class="metadata-section"></div>'))).toBe(false);
  });

  it("reads a custom element's name as its role, as a class is read", () => {
    expect(isBoilerplate(element('<share-button></share-button>'))).toBe(true);
    expect(isBoilerplate(element('<related-stories></related-stories>'))).toBe(true);
    expect(isBoilerplate(element('<story-body></story-body>'))).toBe(false);
    expect(isBoilerplate(element('<div class="story-body"></div>'))).toBe(false);
  });
});

describe('isConsentNotice and isOverlay', () => {
  it('reads a cookie notice as both, a modal as a dialog only (a front may show a story in one)', () => {
    const notice = element('<div id="cmp-container" class="banner"></div>');
    expect(isConsentNotice(notice)).toBe(true);
    expect(isOverlay(notice)).toBe(true);
    const modal = element('<div class="render-target-modal"></div>');
    expect(isConsentNotice(modal)).toBe(false);
    expect(isOverlay(modal)).toBe(true);
    expect(isOverlay(element('<div aria-modal="true"></div>'))).toBe(true);
  });

  it('leaves blocks whose names only hold such letters', () => {
    expect(isOverlay(element('<div class="modalities-of-care compact"></div>'))).toBe(false);
    expect(isConsentNotice(element('<div class="cmpany-news"></div>'))).toBe(false);
  });
});

describe('getClassWeight', () => {
  it("weighs an SVG element's class as an HTML element's (its className is no string)", () => {
    expect(getClassWeight(element('<div class="comments"></div>'))).toBe(-25);
    expect(getClassWeight(element('<svg class="comments"></svg>'))).toBe(-25);
    expect(getClassWeight(element('<svg id="article-body"></svg>'))).toBe(25);
    expect(getClassWeight(element('<svg></svg>'))).toBe(0);
  });

  it("weighs a CSS framework's media object, a picture beside text, as neither", () => {
    expect(getClassWeight(element('<div class="media"></div>'))).toBe(0);
    expect(getClassWeight(element('<div class="o-media o-media--left"></div>'))).toBe(0);
    expect(getClassWeight(element('<div class="media share-bar"></div>'))).toBe(-25);
  });
});

describe('names read from an SVG element', () => {
  it('reads its class as a consent notice, a dialog or furniture', () => {
    expect(isConsentNotice(element('<svg class="cookie-banner"></svg>'))).toBe(true);
    expect(isOverlay(element('<svg class="modal"></svg>'))).toBe(true);
    expect(isBoilerplate(element('<svg class="share-row"></svg>'))).toBe(true);
  });
});
