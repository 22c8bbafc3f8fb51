import { createAnnouncer, REPEAT_DELAY_MS } from '../core/announcer';
import { failureMessageKey } from '../core/failure-kind';
import {
  directionOf,
  pageLanguage,
  reactionName,
  resolveLocale,
  translate,
  type Locale,
  type MessageKey,
} from '../core/i18n';
import { nextFocusIndex, rovingFocusTarget } from '../core/roving-focus';
import {
  isReaction,
  nextReaction,
  REACTION_EMOJI,
  REACTIONS,
  type Reaction,
} from '../core/reactions';
import { invertsColours, schemeOfBackgrounds } from '../core/colour-scheme';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings';
import styles from './toolbar.css';
import floatingHostStyles from './toolbar-floating.css';
import { readPageScheme, watchPageScheme } from './page-scheme';
import { containerOf, parentNodeOf } from '../core/page-tree';
import { findHidingEffect, watchReaderIntent } from './reader-intent';

/**
 * The messages the toolbar may show. Only these keys of `_locales/` are bundled into toolbar.js
 * (build.mjs keeps the keys named so and drops the popup's and options page's).
 */
export type ToolbarMessageKey = Extract<
  MessageKey,
  `${'toolbar' | 'reaction' | 'announce' | 'error'}${string}`
>;

/** Keys every button of the toolbar acts on: Enter and Space press it. */
const BUTTON_KEYS: ReadonlySet<string> = new Set(['Enter', ' ']);

/** The element placed in the page; everything else lives in its closed shadow root. */
export const TOOLBAR_TAG = 'moodmark-toolbar';

/**
 * Shows the host, which toolbar.css hides, where the extension's sheet does not: switched on
 * once the host is found hidden in the page (see showWithoutSheet). On screen only, as that sheet.
 */
const SHOWN_WITHOUT_SHEET_STYLES = '@media not print { :host { display: block !important } }';

/**
 * How long what a choice did ("Reacted love") stays in the live region: long enough for screen
 * readers, which read it as it goes in, short for a page that searches its text (`window.find`,
 * see drawText), which would learn the reaction from it.
 */
const ANNOUNCEMENT_KEPT_MS = 1_000;

/**
 * Shows `text` in `element` as drawn by CSS (toolbar.css: `content: attr(data-text)`), not as the
 * element's text: the page's `window.find` searches the shadow root's visible text, closed or not,
 * and would find the reaction a choice shows (the floating button's emoji, a hidden reaction's
 * button shown while it is selected). Drawn text is not searched. What holds drawn words is
 * named with aria-label too, rather than left to assistive technology to read from the styles.
 */
function drawText(element: HTMLElement, text: string): void {
  element.dataset.text = text;
}

/**
 * The window's corners the floating toolbar may take (`data-corner` of its frame, toolbar.css),
 * its own first: it moves on along them when it would hide the page's focused control.
 */
const CORNERS = ['', 'start', 'top', 'top start'] as const;

/**
 * How long after the reader's key a page control's focus counts as the key's (a dialog the key
 * opened, focused once drawn). Focus a page's script gives by itself moves nothing: a text field
 * shows its ring however it is focused, and a page could chase the toolbar from the reader's
 * pointer, or close its panel under it, by focusing one there.
 */
const KEY_FOCUS_MS = 1_000;

/** How long after its last scroll (or resize) event a page counts as settled where it is. */
const SCROLL_SETTLED_MS = 150;
/**
 * The longest a page that never settles (a ticker scrolling every frame, a frame resized in a
 * loop) goes unread: it is read at most this often while it moves.
 */
const UNSETTLED_READ_MS = 1_000;

/** What the floating button shows where the stored reaction could not be read, and where none is. */
const UNKNOWN_REACTION_EMOJI = '⚠️';
const NO_REACTION_EMOJI = '☺';

export interface ToolbarOptions {
  /**
   * Stores the reader's choice (null clears it) and resolves with the reaction that is stored
   * afterwards. Called only for the reader's own clicks and key presses.
   */
  choose(reaction: Reaction | null): Promise<Reaction | null>;
  /** Language of the labels; defaults to the page's (pageLanguage), the browser's, or English. */
  locale?: Locale;
  /** Defaults to DEFAULT_SETTINGS until `applySettings` is called. */
  settings?: Settings;
}

export interface Toolbar {
  /** The element to insert into the page. */
  readonly host: HTMLElement;
  /** Shows `reaction` as selected (null: none) and marks the toolbar ready. */
  show(reaction: Reaction | null): void;
  /**
   * Stops waiting for the answer to the reader's last choice, which will not come (a page back
   * from the back-forward cache: Chrome drops an answer due while the page was in it), so that
   * the next `show` draws what the store holds rather than waiting for it. A late answer is then
   * ignored, as a superseded choice's is.
   */
  forgetPendingChoice(): void;
  /** Tells the reader something went wrong; cleared by the next successful choice. */
  showError(message: string): void;
  /** Tells the reader the stored reaction could not be read, in the toolbar's language. */
  showLoadError(error: unknown): void;
  /**
   * Puts the host into the page right after `anchor` (the article's end), floating or not. Use it
   * rather than inserting the host directly: the floating toolbar is shown in the top layer, which
   * closes whenever the host leaves the document, and is shown again here.
   */
  insertAfter(anchor: Element): void;
  /**
   * Shows the floating toolbar again where the page moved its host (a move closes the top layer's
   * popover, and no event says so); nothing otherwise.
   */
  keepShown(): void;
  /**
   * Redraws with the reader's reactions, placement and theme; the reaction stays. The default
   * theme takes the page's scheme where the toolbar is (read once placed, and again as the page
   * or the system switches; floating, also where its button moves to another corner, or a scroll
   * or a resize ends with another part of the page under it).
   */
  applySettings(settings: Settings): void;
  /** Relabels the toolbar in `locale` (and its direction). */
  setLocale(locale: Locale): void;
  /**
   * Moves keyboard focus to the selected reaction (or the first), opening the floating toolbar
   * first. Escape then returns focus to where it was before.
   */
  focus(): void;
  /** Calls `listener` whenever the reaction shown settles (loaded, stored, or undone). */
  onChange(listener: (reaction: Reaction | null) => void): void;
  /**
   * Stops watching the page (its window's events, the visibility observer), which would otherwise
   * keep the toolbar alive: call once it is dropped. The caller takes the host out of the page.
   */
  dispose(): void;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A grid line as a page writes one: `main`, `2`, `span 2`, `-1`, `content-start 2`, `auto`. */
const GRID_LINE = /^-?[\w][\w -]*$/;

/**
 * The host's rule that puts it in `anchor`'s columns where `anchor` is an item of a grid: a
 * theme's body (Ghost's `.gh-canvas > * { grid-column: main }`, a full-bleed layout's
 * `> * { grid-column: 2 }`) places each child in its text column, but the host's
 * `all: initial !important` undoes that, and the grid put it in the next free cell beside the
 * last paragraph, a gutter column 0 to 240 px wide. Empty elsewhere, and for lines written in
 * other characters (escaped names): nothing the page wrote goes into the rule unread.
 */
function gridColumnRule(anchor: Element): string {
  const parent = anchor.parentElement;
  const view = anchor.ownerDocument.defaultView;
  if (!parent || !view || !/grid/.test(view.getComputedStyle(parent).display)) return '';
  const { gridColumnStart: start, gridColumnEnd: end } = view.getComputedStyle(anchor);
  if ((start === 'auto' && end === 'auto') || !GRID_LINE.test(start) || !GRID_LINE.test(end)) {
    return '';
  }
  return `:host { grid-column: ${start} / ${end} !important; }`;
}

/**
 * Gives `root` a constructed copy of each of `texts`, beside its `<style>` elements, and returns
 * them (none where the browser does not let this script adopt a sheet). A page whose CSP refuses
 * inline styles (style-src without 'unsafe-inline') has Chromium check a `<style>` again each time
 * the page's own script moves the toolbar (the content script's exemption holds for its own
 * insertions only): the toolbar lost every style, its `!important` host rules with them. A
 * constructed sheet is never checked. The `<style>` elements stay for where none is adopted:
 * Firefox's content scripts (https://bugzil.la/1770592), and a frame of the page the toolbar is
 * moved into (a sheet applies only in the document that made it).
 */
function adoptCopies(root: ShadowRoot, texts: readonly string[]): CSSStyleSheet[] {
  const Sheet = root.ownerDocument.defaultView?.CSSStyleSheet;
  if (!Sheet || !('adoptedStyleSheets' in root)) return [];
  try {
    const sheets = texts.map((text) => {
      const sheet = new Sheet();
      sheet.replaceSync(text);
      return sheet;
    });
    root.adoptedStyleSheets = sheets;
    return sheets;
  } catch {
    return [];
  }
}

/**
 * Whether the browser draws the top layer under the root's filter, as Gecko does (Blink draws it
 * outside, as CSS Position 4 says): known by a property only Gecko has, as no style tells it.
 */
function topLayerUnderRootFilter(): boolean {
  return globalThis.CSS?.supports?.('-moz-orient', 'inline') ?? false;
}

/**
 * Builds the reaction toolbar: toggle buttons in one keyboard tab stop, in a closed shadow root
 * so that page styles and scripts cannot reach in, and ours cannot leak out. Inline it sits
 * after the article; floating it is a small button in the corner that opens the same panel.
 * The host carries no attribute (but test hooks in the e2e build), and its size is the same
 * whichever reaction is selected: the page learns neither the reaction nor the settings from it.
 */
export function createToolbar(
  doc: Document,
  {
    choose,
    locale: initialLocale = resolveLocale([pageLanguage(doc), doc.defaultView?.navigator.language]),
    settings: initialSettings = DEFAULT_SETTINGS,
  }: ToolbarOptions,
): Toolbar {
  // Made where no custom element is defined: a page that defines `moodmark-toolbar` would get a
  // shadow root attached to its own element through attachInternals(), closed or not.
  const host = doc.implementation.createHTMLDocument('').createElement(TOOLBAR_TAG);
  const root = host.attachShadow({ mode: 'closed', delegatesFocus: true });
  doc.adoptNode(host);

  const element = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string) => {
    const created = doc.createElement(tag);
    if (className) created.className = className;
    return created;
  };

  const style = element('style');
  style.textContent = styles;
  // The floating placement's rules for the host, switched on here rather than by an attribute
  // of the host, which the page could read.
  const floatingStyle = element('style');
  floatingStyle.textContent = floatingHostStyles;
  const shownStyle = element('style');
  shownStyle.textContent = SHOWN_WITHOUT_SHEET_STYLES;
  shownStyle.media = 'not all';
  // The host's columns in the page's grid (gridColumnRule), set where it is placed.
  const gridStyle = element('style');

  const frame = element('div', 'frame');

  const launcher = element('button', 'launcher');
  launcher.type = 'button';
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-controls', 'moodmark-panel');
  const launcherEmoji = element('span', 'emoji');
  launcherEmoji.setAttribute('aria-hidden', 'true');
  // Every emoji the floating button may show, drawn unseen beside the one it shows: a page's own
  // font for one emoji (`unicode-range`) is fetched only where it is drawn, closed root or not,
  // and would tell the page which one the button shows, the reaction with it.
  const everyLauncherEmoji = element('span', 'emoji every-emoji');
  everyLauncherEmoji.setAttribute('aria-hidden', 'true');
  drawText(
    everyLauncherEmoji,
    [...Object.values(REACTION_EMOJI), UNKNOWN_REACTION_EMOJI, NO_REACTION_EMOJI].join(''),
  );
  launcher.append(launcherEmoji, everyLauncherEmoji);

  const panel = element('section', 'toolbar');
  panel.id = 'moodmark-panel';

  const heading = element('div', 'heading');
  const prompt = element('p', 'prompt');
  prompt.id = 'moodmark-prompt';
  const close = element('button', 'close');
  close.type = 'button';
  close.textContent = '×';
  heading.append(prompt, close);

  const group = element('div', 'reactions');
  group.setAttribute('role', 'toolbar');
  group.setAttribute('aria-labelledby', 'moodmark-prompt');

  const status = element('p', 'status');
  status.id = 'moodmark-status';
  status.setAttribute('role', 'status');
  // The floating button, the panel closed, tells of an error too.
  launcher.setAttribute('aria-describedby', status.id);

  // Screen readers hear what a choice did; the pressed state alone is not announced on change.
  // Both live regions are written through an announcer, which has the same words twice spoken
  // twice. What a choice did is taken out again soon (it names the reaction); errors stay shown.
  const say = createAnnouncer(() => performance.now());
  const sayBriefly = createAnnouncer(() => performance.now(), {
    clearAfterMs: ANNOUNCEMENT_KEPT_MS,
  });
  const announcer = element('p', 'visually-hidden');
  announcer.setAttribute('aria-live', 'polite');
  announcer.setAttribute('aria-atomic', 'true');

  // The reactions the reader has hidden all wait in one slot, sized by the widest, where only a
  // selected one shows: showing it adds nothing to the toolbar's size.
  const spare = element('span', 'spare');

  const buttons = new Map<Reaction, HTMLButtonElement>();
  const names = new Map<Reaction, HTMLSpanElement>();
  for (const reaction of REACTIONS) {
    const button = element('button');
    button.type = 'button';
    button.dataset.reaction = reaction;
    button.setAttribute('aria-pressed', 'false');
    button.tabIndex = -1;
    const emoji = element('span', 'emoji');
    emoji.setAttribute('aria-hidden', 'true');
    drawText(emoji, REACTION_EMOJI[reaction]);
    const name = element('span');
    button.append(emoji, name);
    buttons.set(reaction, button);
    names.set(reaction, name);
  }

  // The words read in the toolbar's language and its direction; the frame and the panel keep the
  // page's direction (the host's), by which the floating frame takes its corner. A panel placed by
  // the other direction would open away from its button, off the screen (an English toolbar on
  // a Hebrew page, an Arabic one on an English page).
  const content = element('div', 'content');
  content.append(heading, group, status);
  panel.append(content);
  frame.append(launcher, panel, announcer);
  root.append(style, floatingStyle, shownStyle, gridStyle, frame);
  const [, floatingCopy, shownCopy, gridCopy] = adoptCopies(root, [
    styles,
    floatingHostStyles,
    SHOWN_WITHOUT_SHEET_STYLES,
    '',
  ]);
  if (shownCopy) shownCopy.media.mediaText = 'not all';
  /** Floating and open: drawn in the top layer, where no ancestor's opacity or filter applies. */
  const isInTopLayer = () => frame.matches(':popover-open');
  const intent = watchReaderIntent(
    host,
    root,
    [...buttons.values(), launcher, close],
    isInTopLayer,
  );
  const schemeWatch = watchPageScheme(host, () => showScheme());

  let locale = initialLocale;
  let settings = initialSettings;
  let current: Reaction | null = null;
  let latestRequest = 0;
  /**
   * The reaction the store last confirmed (read, stored, or heard of) and the newest choice that
   * had been made then: a failed choice goes back to it, not to a choice still pending.
   */
  let confirmed: Reaction | null = null;
  let confirmedAt = 0;
  /**
   * The newest choice is on its way: its answer (or, failing, `confirmed`) is what is shown then,
   * and news of an earlier write, its own included, is only noted meanwhile.
   */
  let choosing = false;
  let expanded = false;
  /** The stored reaction could not be read, and nothing stored has been heard of since. */
  let unknown = false;
  /** Where focus was before `focus()` moved it here; Escape returns it. */
  let returnFocusTo: HTMLElement | null = null;
  /** The page's control the reader's key last gave focus to, while it keeps it. */
  let focusedInPage: Element | null = null;
  /** When the reader last pressed a key (performance.now()). */
  let lastKeyAt = -Infinity;
  /** The last Escape pressed here closed the panel or gave focus back: it was the toolbar's. */
  let escapeTaken = false;
  /** Where the host was when the page's scheme was last read: moved, it is read again. */
  let schemeReadIn: Node | null = null;
  /** The corner the floating frame took when the page's scheme was last read under it. */
  let schemeReadAtCorner: string | undefined;
  const listeners: ((reaction: Reaction | null) => void)[] = [];

  const t = (key: ToolbarMessageKey, ...substitutions: string[]) =>
    translate(locale, key, substitutions);
  /** Why a call failed, in the reader's language: never the error's own (English) words. */
  const reason = (error: unknown) => t(failureMessageKey(error));

  /** The buttons on show: the reader's reactions, plus the selected one if it is not among them. */
  function visibleButtons(): HTMLButtonElement[] {
    const shown: Reaction[] = [...settings.reactions];
    if (current && !shown.includes(current)) shown.push(current);
    return shown.map((reaction) => buttons.get(reaction)!);
  }

  /** Redraws showing `reaction`; focus the redraw moves stays as armed as it was. */
  function render(reaction: Reaction | null): void {
    intent.carryArming(() => redraw(reaction));
  }

  function redraw(reaction: Reaction | null): void {
    const focused = [...buttons.values()].find((button) => button === root.activeElement);
    current = reaction;
    const visible = visibleButtons();
    const shown = settings.reactions.map((name) => buttons.get(name)!);
    const hidden = REACTIONS.filter((name) => !settings.reactions.includes(name));
    const slots = hidden.length > 0 ? [...shown, spare] : shown;
    if (
      slots.some((slot, i) => group.children[i] !== slot) ||
      group.children.length !== slots.length
    ) {
      group.replaceChildren(...slots);
    }
    if (hidden.some((name, i) => spare.children[i] !== buttons.get(name))) {
      spare.replaceChildren(...hidden.map((name) => buttons.get(name)!));
    }
    for (const [name, button] of buttons) {
      button.setAttribute('aria-pressed', String(name === reaction));
    }
    if (__TEST_HOOKS__) {
      // Only in the end-to-end build: the page must not learn the reader's reaction.
      if (reaction) host.dataset.reaction = reaction;
      else delete host.dataset.reaction;
      host.dataset.reactions = visible.map((button) => button.dataset.reaction).join(' ');
    }
    // Where the stored reaction could not be read, the floating button shows a warning (its
    // panel says why), not a reaction (or none) it does not know.
    drawText(
      launcherEmoji,
      unknown ? UNKNOWN_REACTION_EMOJI : reaction ? REACTION_EMOJI[reaction] : NO_REACTION_EMOJI,
    );
    labelLauncher();
    // The selected button, or the first, is the group's one tab stop (roving tabindex).
    const stop = (reaction && buttons.get(reaction)) || visible[0];
    for (const button of buttons.values()) button.tabIndex = button === stop ? 0 : -1;
    // Focus stays in the row when its button leaves (moved by new settings, or a reaction the
    // reader hid and has just undone): moved now, before the browser drops it to the page. Not
    // scrolled to: the reader, who may have scrolled on since, did not move it.
    if (focused) focusButton(visible.includes(focused) ? focused : stop, { preventScroll: true });
  }

  /** The floating button's name says the reaction its emoji shows. */
  function labelLauncher(): void {
    const name = current
      ? t('toolbarOpenReacted', reactionName(locale, current))
      : t('toolbarOpen');
    launcher.setAttribute('aria-label', name);
    launcher.title = name;
  }

  function label(): void {
    frame.lang = locale;
    // The floating button too: its name is its tooltip, laid out in its direction. Placed by
    // its frame, it shows no text of its own that the direction would move.
    content.dir = announcer.dir = launcher.dir = directionOf(locale);
    if (__TEST_HOOKS__) {
      host.dataset.lang = frame.lang;
      host.dataset.dir = content.dir;
    }
    // The landmark is named for what it is, the row by the question: both named by the question,
    // it was said twice on entering.
    panel.setAttribute('aria-label', t('toolbarRegion'));
    prompt.textContent = t('toolbarPrompt');
    labelLauncher();
    close.setAttribute('aria-label', t('toolbarClose'));
    for (const [reaction, name] of names) {
      const words = reactionName(locale, reaction);
      drawText(name, words);
      buttons.get(reaction)!.setAttribute('aria-label', words);
    }
  }

  /**
   * Applies the placement and theme. `keepOpen`: focus is in the panel, which a switch to
   * floating would otherwise close over it, dropping focus to the page.
   */
  function place(keepOpen = false): void {
    const floating = settings.placement === 'floating';
    const media = floating ? 'all' : 'not all';
    floatingStyle.setAttribute('media', media);
    if (floatingCopy) floatingCopy.media.mediaText = media;
    if (__TEST_HOOKS__) {
      host.dataset.placement = settings.placement;
      host.dataset.theme = settings.theme;
    }
    launcher.hidden = !floating;
    close.hidden = !floating;
    if (frame.dataset.placement !== settings.placement) {
      // Floating starts closed, in its own corner (not the one it last moved to); inline is
      // always open.
      setExpanded(!floating || keepOpen);
      delete frame.dataset.corner;
    }
    frame.dataset.placement = settings.placement;
    showInTopLayer();
    showScheme();
    keepFocusInSight();
  }

  /**
   * Draws the toolbar in the reader's theme or, by default, in the page's scheme where it is: a
   * dark page's toolbar is not a bright box in it. Out of the page it has none to read, and
   * follows the system. Floating, that is the page under its button (call once it is shown).
   */
  function showScheme(): void {
    if (host.parentNode !== schemeReadIn) {
      // Moved: by the page into a frame of its own, the sheet that shows it does not reach it.
      showWithoutSheet();
      schemeWatch.followHost();
    }
    schemeReadIn = host.parentNode;
    schemeReadAtCorner = frame.dataset.corner ?? '';
    let scheme: Settings['theme'] = settings.theme;
    if (scheme === 'system' && host.isConnected) {
      const floating = settings.placement === 'floating';
      const under = floating ? pageUnderLauncher() : undefined;
      scheme = readPageScheme(under ?? host, floating && !under);
      // Floating, it is drawn in the top layer, outside the filter of a page made dark by one.
      if (floating && isInTopLayer() && invertsColours(filtersOverPage(under))) {
        scheme = scheme === 'dark' ? 'light' : 'dark';
      }
    }
    if (frame.dataset.theme !== scheme) frame.dataset.theme = scheme;
  }

  /**
   * The computed filters over the colour the floating button is drawn on (as `under`, else the
   * body, reads it) that the button, in the top layer, is not drawn under: those of the element
   * painting that colour and of its containers. A body's colour, where the root has none, is
   * drawn on the canvas, outside the body's filter (a light page with an inverted body is still
   * light around its text). Gecko draws the top layer under the root's filter, as the page.
   */
  function filtersOverPage(under: Element | undefined): string[] {
    const root = doc.documentElement;
    const paints = (element: Element) => {
      const style = getComputedStyle(element);
      return schemeOfBackgrounds([style.backgroundImage, style.backgroundColor]) !== undefined;
    };
    let painter: Element | null = under ?? doc.body;
    while (painter && painter !== root && !paints(painter)) painter = containerOf(painter);
    if (!painter || (painter === doc.body && !paints(root))) painter = root;
    const filters: string[] = [];
    for (let at: Element | null = painter; at; at = containerOf(at)) {
      if (at !== root || !topLayerUnderRootFilter()) filters.push(getComputedStyle(at).filter);
    }
    return filters;
  }

  /**
   * What the floating button is drawn on, read from its body before: a site that paints its
   * colour on a wrapper round everything (`<div id="app">`, the body transparent), or sets a
   * column of the body's colour on its root's, showed a dark page behind a bright button. It is
   * the innermost of the host's own containers under the button, not whatever the page shows
   * there for a while (a consent banner, a chat button), nor the body, whose reading holds, nor
   * the root without a background (the body's is drawn on the canvas then). None where the
   * button is not shown.
   */
  function pageUnderLauncher(): Element | undefined {
    if (typeof doc.elementsFromPoint !== 'function' || !isInTopLayer()) return undefined;
    const box = launcher.getBoundingClientRect();
    if (box.width === 0) return undefined;
    const containers = new Set<Node>();
    // Through the page's own shadow roots, whose hosts the document's hit test names.
    for (let at: Node | null = parentNodeOf(host); at;) {
      containers.add(at);
      at = at.nodeType === Node.DOCUMENT_FRAGMENT_NODE ? (at as ShadowRoot).host : parentNodeOf(at);
    }
    const under = doc
      .elementsFromPoint(box.left + box.width / 2, box.top + box.height / 2)
      .find((element) => containers.has(element));
    if (!under || under === doc.body) return undefined;
    if (under === doc.documentElement) {
      const style = getComputedStyle(under);
      const painted = schemeOfBackgrounds([style.backgroundImage, style.backgroundColor]);
      return painted ? under : undefined;
    }
    return under;
  }

  /**
   * Shows the host from here where it is in the page but hidden: the extension's sheet that
   * shows it (background/inject-script.ts) was refused, or does not reach where the host is. A
   * reader never loses the toolbar for want of it. Read before the host is drawn, and decided by
   * no style of the page's: the sheet's rule and toolbar.css's are both !important, a user's and
   * the shadow tree's, and the host's own `all: initial` leaves a page no transition on it.
   */
  function showWithoutSheet(): void {
    if (shownStyle.media === 'all' || !host.isConnected) return;
    if (getComputedStyle(host).display !== 'none') return;
    shownStyle.media = 'all';
    if (shownCopy) shownCopy.media.mediaText = 'all';
    if (__TEST_HOOKS__) host.dataset.shownWithoutSheet = '';
  }

  /**
   * Floating, the frame is a manual popover shown in the top layer: there no ancestor's transform,
   * filter, perspective or containment holds it (as one holds a fixed element:
   * https://drafts.csswg.org/css-transforms-1/#transform-rendering), and no overflow clips it.
   * It is in the closed root, so the page can neither see the attribute nor hide the popover; the
   * host gets no attribute and stays after the article, in the page's reading and Tab order.
   * Called wherever the host may have been put back, since leaving the document closes a popover.
   */
  function showInTopLayer(): void {
    if (settings.placement !== 'floating') {
      // Closes it too, if open.
      frame.removeAttribute('popover');
      return;
    }
    if (frame.getAttribute('popover') !== 'manual') frame.setAttribute('popover', 'manual');
    if (!host.isConnected) return;
    try {
      frame.showPopover();
    } catch {
      // Open already (browsers before the spec made that a no-op throw), or not showable in this
      // document: the toolbar keeps working, and the next insertion or setting tries again.
    }
  }

  /**
   * Floating, takes the first corner where the toolbar hides none of `target`, the page's control
   * just focused by keyboard (else the corner hiding least of it): drawn in the top layer, over
   * everything, it hid a page's own button in the same corner ("back to top", a chat), a footer
   * link, and the reader Tabbing there lost sight of their focus (WCAG 2.4.11). Where every
   * corner would hide some of it, an open panel closes (unless `mayClose` is false). Focus
   * showing no ring (a pointer's, on a link or button) moves nothing: the reader saw what they
   * clicked.
   */
  function keepInSight(target: Element, { mayClose = true } = {}): void {
    if (settings.placement !== 'floating' || !isInTopLayer() || !target.matches(':focus-visible')) {
      return;
    }
    const box = target.getBoundingClientRect();
    const hiddenArea = () =>
      [launcher, panel]
        .filter((part) => !part.hidden)
        .map((part) => part.getBoundingClientRect())
        .reduce(
          (sum, over) =>
            sum +
            Math.max(0, Math.min(box.right, over.right) - Math.max(box.left, over.left)) *
              Math.max(0, Math.min(box.bottom, over.bottom) - Math.max(box.top, over.top)),
          0,
        );
    // Each corner is measured where it is drawn: the panel's size depends on its room there.
    const takeCorner = (corner: string) => {
      if ((frame.dataset.corner ?? '') !== corner) frame.dataset.corner = corner;
    };
    let best = { corner: '', area: Infinity };
    for (const corner of CORNERS) {
      takeCorner(corner);
      const area = hiddenArea();
      if (area < best.area) best = { corner, area };
      if (area === 0) break;
    }
    if (best.area > 0 && expanded && mayClose) {
      // No corner leaves room beside the open panel (a small window, or one zoomed to 400%): the
      // reader has left it for the page, and it closes; the button alone is placed then.
      setExpanded(false);
      keepInSight(target);
      return;
    }
    takeCorner(best.corner);
    // Another corner may show the page in another colour (a dark margin beside a light column).
    if (best.corner !== schemeReadAtCorner) showScheme();
  }

  /** keepInSight for the page's control the reader's key focused, while it keeps focus. */
  function keepFocusInSight(options?: { mayClose?: boolean }): void {
    if (focusedInPage?.isConnected && focusedInPage.matches(':focus')) {
      keepInSight(focusedInPage, options);
    }
  }

  function setExpanded(open: boolean): void {
    expanded = open;
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    if (open) fitPanelToWindow();
  }

  /**
   * Floating, keeps the panel within the window on a page that zooms the article (CSS `zoom`, as a
   * site's own text-size control sets it): the window's units are zoomed there too, so a panel
   * limited to `100vw` was twice the window at `zoom: 2`, its first reactions off the screen.
   * The limits are divided by the zoom, read as the panel opens and as the zoom changes: from the
   * host, which has it too and is drawn while the popover is not yet shown (then 1 for the frame).
   */
  function fitPanelToWindow(): void {
    const zoom = settings.placement === 'floating' ? (host.currentCSSZoom ?? 1) : 1;
    const byZoom = zoom > 0 && zoom !== 1 ? ` / ${zoom}` : '';
    panel.style.maxWidth = byZoom ? `min(640px, calc(100vw${byZoom} - 32px))` : '';
    panel.style.maxHeight = byZoom ? `calc(100dvh${byZoom} - 40px - 3em)` : '';
  }

  function settle(reaction: Reaction | null): void {
    for (const listener of listeners) listener(reaction);
  }

  function focusButton(target: HTMLButtonElement | undefined, options?: FocusOptions): void {
    if (!target) return;
    for (const button of buttons.values()) button.tabIndex = button === target ? 0 : -1;
    target.focus(options);
  }

  /**
   * Closes the floating panel and gives focus back to where it came from (else to the floating
   * button; inline, to nowhere). Returns whether it closed the panel or moved focus: a key that
   * did neither is the page's too (Escape closes the modal dialog the article is shown in).
   */
  function leave(): boolean {
    const focused = root.activeElement as HTMLElement | null;
    const closed = settings.placement === 'floating' && expanded;
    if (settings.placement === 'floating') setExpanded(false);
    const back = returnFocusTo;
    returnFocusTo = null;
    if (back?.isConnected) back.focus();
    else if (settings.placement === 'floating') launcher.focus();
    else {
      focused?.blur();
      return false;
    }
    return closed || root.activeElement !== focused;
  }

  /** Notes that the store holds `reaction`, as of the choice numbered `request`. */
  function noteStored(reaction: Reaction | null, request: number): void {
    if (request < confirmedAt) return;
    confirmed = reaction;
    confirmedAt = request;
  }

  async function react(clicked: Reaction): Promise<void> {
    const wanted = nextReaction(current, clicked);
    const request = ++latestRequest;
    choosing = true;
    const pressed = buttons.get(clicked)!;
    const hadFocus = root.activeElement === pressed;
    render(wanted);
    /** Where the redraw moved focus off the pressed reaction (hidden by its undo), if it did. */
    const movedTo = hadFocus && root.activeElement !== pressed ? root.activeElement : null;
    try {
      const stored = await choose(wanted);
      // A malformed answer tells nothing of what was stored.
      if (stored !== null && !isReaction(stored)) throw new Error('no reaction in the answer');
      noteStored(stored, request);
      unknown = false;
      if (request === latestRequest) {
        choosing = false;
        say(status, '');
        render(stored);
        sayBriefly(
          announcer,
          stored ? t('announceReacted', reactionName(locale, stored)) : t('announceRemoved'),
        );
        settle(stored);
      }
    } catch (error) {
      if (request !== latestRequest) return;
      choosing = false;
      render(confirmed);
      // Shown again, the reaction takes focus back from where its undo moved it, so that the
      // reader's Enter tries again rather than pressing the reaction focus was moved to.
      if (movedTo && root.activeElement === movedTo && visibleButtons().includes(pressed)) {
        intent.carryArming(() => focusButton(pressed, { preventScroll: true }));
      }
      if (settings.placement === 'floating' && !expanded) {
        // Closed since the choice: the panel opens again, or the failure would be seen and heard
        // by no one. Its words come once it shows, as a live region shown with them is not read.
        // Not over the control the reader went on to, nor closed again for it: it tells of this.
        setExpanded(true);
        keepFocusInSight({ mayClose: false });
        say(status, t('errorNotSaved', reason(error)), REPEAT_DELAY_MS);
      } else say(status, t('errorNotSaved', reason(error)));
    }
  }

  group.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest('button');
    const reaction = button?.dataset.reaction as Reaction | undefined;
    if (!button || !reaction) return;
    // A pointer's click leaves no focus on the reaction (Chrome, and Firefox but on macOS, focus
    // a pressed button), where the reader's next Space, meant to scroll, would press it again and
    // undo the vote, and the arrows would walk the reactions. Leaving, focus ends the press's
    // arming (reader-intent.ts). A key's click (detail 0: Enter, Space, a screen reader's) keeps it.
    if (event.isTrusted && event.detail > 0 && root.activeElement === button) button.blur();
    // The second click of a double-click (detail 2, 3…) is the same press again, not an undo: a
    // reader who double-clicks by habit keeps the reaction chosen. A click after a pause counts.
    if (event.detail > 1) return;
    // Only the reader's own input: trusted, and neither steered nor hidden by the page.
    if (!intent.isReaderClick(event)) {
      // The reader's own pointer, on a button the page covers: say why nothing happened.
      if (event.isTrusted && event.detail > 0) {
        const effect = isInTopLayer() ? undefined : findHidingEffect(host);
        const why = { filter: 'errorFiltered', transform: 'errorTransformed' } as const;
        say(status, t(effect ? why[effect] : 'errorCovered'));
      }
      return;
    }
    void react(reaction);
  });

  // A press on the toolbar but on none of its buttons (its words, its margins) leaves no focus
  // in it, as a press on a page's text leaves none. The root delegates focus, so the browser
  // gives it to the first reaction, where the reader's next Space or arrow key, meant to scroll
  // the page, would go (Firefox took Space for a reaction): it is taken out again at once. Not
  // kept out (mousedown's default prevented): leaving, it ends the arming the press gave
  // (reader-intent.ts), which a script's later focus would otherwise inherit.
  let pressedBesideButtons = false;
  root.addEventListener('mousedown', (event) => {
    if ((event.target as Element | null)?.closest?.('button')) return;
    pressedBesideButtons = true;
    // The browser moves focus right after the press's listeners, in the same task.
    setTimeout(() => (pressedBesideButtons = false), 0);
  });
  root.addEventListener('focusin', (event) => {
    if (!pressedBesideButtons) return;
    pressedBesideButtons = false;
    (event.target as HTMLElement).blur();
  });

  launcher.addEventListener('click', (event) => {
    // A double-click's second click would close the panel its first opened, as on a reaction.
    if (!event.isTrusted || event.detail > 1) return;
    setExpanded(!expanded);
    // A key's click (detail 0) goes on into the reactions. After a pointer's, a reaction focused
    // without a ring would take the reader's next Space, meant to scroll, and undo their vote.
    if (expanded && event.detail === 0) {
      focusButton((current && buttons.get(current)) || visibleButtons()[0]);
    }
  });

  close.addEventListener('click', (event) => {
    if (!event.isTrusted) return;
    leave();
    // Enter clicks on its first keydown: held down, its repeats go to where focus went back to,
    // out of the frame's reach, and each would press the page's button there.
    if (event.detail === 0) ignoreEnterRepeats();
  });

  /** Cancels Enter's repeats in the whole page until Enter is let go or pressed anew. */
  function ignoreEnterRepeats(): void {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Enter') return;
      if (event.type === 'keydown' && event.repeat) {
        event.preventDefault();
        return;
      }
      doc.removeEventListener('keydown', onKey, true);
      doc.removeEventListener('keyup', onKey, true);
    };
    doc.addEventListener('keydown', onKey, true);
    doc.addEventListener('keyup', onKey, true);
  }

  // Escape gives focus back only while it stays here: once the reader moved on, it is theirs.
  root.addEventListener('focusout', (event) => {
    const next = (event as FocusEvent).relatedTarget as Node | null;
    // Gone with the window (another tab, the popup), it comes back here.
    if (next ? root.contains(next) : !doc.hasFocus()) return;
    returnFocusTo = null;
  });

  frame.addEventListener('keydown', (event) => {
    // Enter held down repeats, and each repeat clicks: one press is one click, not a toggling
    // run that ends on whichever reaction the key was let go at, nor a panel closed and opened
    // again (Close's repeats, once focus is back in the page: see ignoreEnterRepeats).
    if (event.repeat && event.key === 'Enter') {
      event.preventDefault();
      return;
    }
    if (event.key === 'Escape') {
      escapeTaken = leave();
      if (escapeTaken) event.preventDefault();
    }
  });

  group.addEventListener('keydown', (event) => {
    // Shift with an arrow still moves; with Alt, Ctrl or ⌘ the arrows are the browser's (Alt+Left,
    // and ⌘← on a Mac, go back).
    const next = rovingFocusTarget(event, visibleButtons(), group, { shiftMoves: true });
    if (next) focusButton(next);
  });

  // The keys the toolbar acts on are its own: a page's shortcut for the same key (the next story
  // on ArrowRight, its video on Space) acted as well. Chords (Alt, Ctrl, ⌘) and other keys go on,
  // and so does an Escape that had nothing to leave.
  for (const type of ['keydown', 'keypress', 'keyup'] as const) {
    frame.addEventListener(type, (event) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const movesInRow =
        group.contains(event.target as Node | null) &&
        nextFocusIndex(event.key, 0, 1, false) !== undefined;
      const isOwnEscape = event.key === 'Escape' && escapeTaken;
      if (BUTTON_KEYS.has(event.key) || movesInRow || isOwnEscape) {
        event.stopPropagation();
      }
    });
  }

  const noteKey = (event: KeyboardEvent) => {
    if (event.isTrusted) lastKeyAt = performance.now();
  };
  const onPageFocus = (event: FocusEvent) => {
    // The control itself, in an open shadow tree of the page's (ours, closed, shows as the host).
    const target = (event.composedPath()[0] ?? event.target) as Element | null;
    focusedInPage = null;
    if (!target || target === host || root.contains(target) || !('matches' in target)) return;
    if (performance.now() - lastKeyAt > KEY_FOCUS_MS) return;
    focusedInPage = target;
    keepInSight(target);
  };
  // A page that scrolls smoothly (`scroll-behavior: smooth`) has Chromium bring the control into
  // view after its focus events, under the toolbar: looked at again where the scroll ends.
  const onPageScrollEnd = () => keepFocusInSight();
  // A scroll may bring another part of the page under the floating button (the story's dark
  // section below a light top), and so may a resize, which lays the page out anew (a phone
  // turned round). No change of style tells of either: the page is read again once they settle.
  // Not at scrollend, which Firefox does not fire for a scroll made at once. A page that never
  // settles would never be read: it is, at most once each UNSETTLED_READ_MS.
  let settling: ReturnType<typeof setTimeout> | undefined;
  let unsettledRead: ReturnType<typeof setTimeout> | undefined;
  const readMovedPage = () => {
    clearTimeout(settling);
    clearTimeout(unsettledRead);
    unsettledRead = undefined;
    showScheme();
  };
  const onPageMoved = () => {
    if (settings.placement !== 'floating') return;
    clearTimeout(settling);
    settling = setTimeout(readMovedPage, SCROLL_SETTLED_MS);
    unsettledRead ??= setTimeout(readMovedPage, UNSETTLED_READ_MS);
  };
  // On the window, as reader-intent.ts hears the Tab: before any listener of the page's document.
  doc.defaultView?.addEventListener('keydown', noteKey, true);
  doc.addEventListener('focusin', onPageFocus, true);
  doc.addEventListener('scrollend', onPageScrollEnd, true);
  doc.addEventListener('scroll', onPageMoved, { capture: true, passive: true });
  doc.defaultView?.addEventListener('resize', onPageMoved);

  // A page that zooms the article with the panel open (its text-size control) changes the zoom
  // its limits were divided by, and no event says so: the floating button, zoomed along, changes
  // size in the screen's pixels. Without it, the panel spilled past the window's edge.
  const zoomWatcher =
    typeof ResizeObserver === 'function'
      ? new ResizeObserver(() => {
          if (expanded) fitPanelToWindow();
        })
      : undefined;
  zoomWatcher?.observe(launcher, { box: 'device-pixel-content-box' });

  label();
  place();
  render(null);
  return {
    host,
    show(reaction) {
      // The background's answer is a message like any other: what is no reaction is ignored.
      if (reaction !== null && !isReaction(reaction)) return;
      noteStored(reaction, latestRequest);
      // The stored reaction, read afresh: an earlier error no longer holds.
      unknown = false;
      say(status, '');
      if (!choosing) render(reaction);
      if (__TEST_HOOKS__) {
        host.dataset.ready = '';
        delete host.dataset.loadError;
      }
      settle(reaction);
    },
    forgetPendingChoice() {
      if (!choosing) return;
      latestRequest++;
      choosing = false;
    },
    showError(message) {
      say(status, message);
    },
    showLoadError(error) {
      const message = t('errorNotLoaded', reason(error));
      // Met again at a retry the reader did not ask for: still shown, not spoken again.
      if (status.textContent !== message) say(status, message);
      unknown = true;
      render(current);
      if (__TEST_HOOKS__) host.dataset.loadError = errorText(error);
    },
    insertAfter(anchor) {
      anchor.after(host);
      const rule = gridColumnRule(anchor);
      if (gridStyle.textContent !== rule) {
        gridStyle.textContent = rule;
        gridCopy?.replaceSync(rule);
      }
      showWithoutSheet();
      showInTopLayer();
      showScheme();
    },
    keepShown() {
      if (settings.placement === 'floating' && !frame.matches(':popover-open')) showInTopLayer();
      // Called after each look at a changed page: its styles are read only where it moved us.
      if (host.parentNode !== schemeReadIn) showScheme();
    },
    applySettings(next) {
      // Changed on the options page, the reader away: their keys stay armed where focus goes.
      intent.carryArming(() => {
        const focused = root.activeElement;
        settings = next;
        place(focused !== null && panel.contains(focused));
        render(current);
        // The floating button and Close are gone inline: focus goes on into the row.
        if (focused && focused.closest('[hidden]')) {
          focusButton((current && buttons.get(current)) || visibleButtons()[0], {
            preventScroll: true,
          });
        }
      });
    },
    setLocale(next) {
      locale = next;
      label();
    },
    focus() {
      const active = doc.activeElement;
      // Not `instanceof HTMLElement`: the page's elements and the content script's globals can
      // come from different JavaScript worlds.
      if (active && active !== host && active !== doc.body && 'focus' in active) {
        returnFocusTo = active as HTMLElement;
      }
      if (settings.placement === 'floating') {
        setExpanded(true);
        showInTopLayer();
      }
      intent.armByShortcut();
      focusButton((current && buttons.get(current)) || visibleButtons()[0]);
    },
    onChange(listener) {
      listeners.push(listener);
    },
    dispose() {
      intent.stop();
      schemeWatch.stop();
      zoomWatcher?.disconnect();
      doc.defaultView?.removeEventListener('keydown', noteKey, true);
      doc.removeEventListener('focusin', onPageFocus, true);
      doc.removeEventListener('scrollend', onPageScrollEnd, true);
      doc.removeEventListener('scroll', onPageMoved, true);
      doc.defaultView?.removeEventListener('resize', onPageMoved);
      clearTimeout(settling);
      clearTimeout(unsettledRead);
      focusedInPage = null;
    },
  };
}
