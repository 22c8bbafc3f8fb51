import { canvasScheme, schemeOfBackgrounds, type ColourScheme } from '../core/colour-scheme';
import { containerOf, parentNodeOf } from '../core/page-tree';

const PREFERS_DARK = '(prefers-color-scheme: dark)';

/**
 * The computed backgrounds of `element` and its containers up to the root, nearest first: each
 * one's image (drawn over its colour), then its colour.
 */
function* backgroundsFrom(element: Element | null): Generator<string> {
  for (let at = element; at; at = containerOf(at)) {
    const style = getComputedStyle(at);
    yield style.backgroundImage;
    yield style.backgroundColor;
  }
}

/**
 * The scheme the page shows where the toolbar is: light or dark as the background behind `host`
 * (floating, the page's body and root, under the window's corner), else as the page's canvas
 * (its declared `color-scheme`, the system's preference). Behind a picture on no colour (or a
 * colour it cannot read), which hides the canvas, the system's preference. Reads computed styles:
 * call it once the host is in the page, not for every change of the page.
 */
export function readPageScheme(host: Element, floating: boolean): ColourScheme {
  const doc = host.ownerDocument;
  const root = doc.documentElement;
  const start = floating || !host.isConnected ? (doc.body ?? root) : host;
  const behind = schemeOfBackgrounds(backgroundsFrom(start));
  if (behind === 'light' || behind === 'dark') return behind;
  const prefersDark = doc.defaultView?.matchMedia?.(PREFERS_DARK).matches ?? false;
  if (behind === 'unreadable') return prefersDark ? 'dark' : 'light';
  return canvasScheme({
    // jsdom knows no color-scheme property.
    rootColorScheme: (root && getComputedStyle(root).colorScheme) || '',
    metaColorScheme:
      doc.querySelector('meta[name="color-scheme" i]')?.getAttribute('content') ?? '',
    prefersDark,
  });
}

/** What {@link watchPageScheme} returns. */
export interface PageSchemeWatch {
  /**
   * Watches the host's containers where it is now: call once it is placed, and where the toolbar
   * puts it. Moved by the page within it, or given new containers, it is followed from then on.
   */
  followHost(): void;
  stop(): void;
}

/**
 * Whether `node` of a page's `<head>` sets its colours, or may have until `record` changed it: a
 * `<style>`, a `<link>` whose rel names a stylesheet (or is changed), the color-scheme `<meta>`
 * (or one renamed). Not a prefetch link nor the page's metadata, which a framework puts in as
 * links scroll into view, an app rewrites on each route, a site sets (theme-color) on scroll.
 */
function isStyling(node: Node | null, record?: MutationRecord): boolean {
  if (node?.nodeType !== Node.ELEMENT_NODE) return false;
  const element = node as Element;
  const renamed = record?.type === 'attributes' && record.target === node ? record : undefined;
  switch (element.localName) {
    case 'style':
      return true;
    case 'link':
      return (
        renamed?.attributeName === 'rel' ||
        (element.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('stylesheet')
      );
    case 'meta':
      return (
        renamed?.attributeName === 'name' ||
        element.getAttribute('name')?.toLowerCase() === 'color-scheme'
      );
    default:
      return false;
  }
}

/**
 * Calls `onChange`, at most once a frame, when what {@link readPageScheme} reads for `host` may
 * have changed, where that is cheap to know: the system's preference; an attribute of `<html>`,
 * `<body>` or a container of the host (a site's own dark-mode switch toggles a class there, on
 * the wrapper of a web app too), a new `<body>`, or new containers (a wrapper put round the
 * story, the story moved into an overlay), watched from then on; a stylesheet or color-scheme
 * `<meta>` put in, switched or rewritten in `<head>` (a dark sheet swapped in, a web app's global
 * styles), and a stylesheet again once it has loaded; a background transition ending there or
 * around the host (a switch animated: until then the colour read is one on the way); the page's
 * load (its stylesheets in). Never for a change of the page's content.
 */
export function watchPageScheme(host: Element, onChange: () => void): PageSchemeWatch {
  const doc = host.ownerDocument;
  const view = doc.defaultView;
  if (!view) return { followHost() {}, stop() {} };
  let stopped = false;
  let scheduled = false;
  // A frame waits while the tab is hidden: a page switched meanwhile is read once shown.
  const nextFrame = (callback: () => void) =>
    view.requestAnimationFrame ? view.requestAnimationFrame(callback) : view.setTimeout(callback);
  const schedule = () => {
    if (scheduled || stopped) return;
    scheduled = true;
    nextFrame(() => {
      scheduled = false;
      if (!stopped) onChange();
    });
  };

  const system = view.matchMedia?.(PREFERS_DARK);
  system?.addEventListener('change', schedule);

  let body = doc.body;
  const observer = new MutationObserver(() => {
    if (doc.body !== body) {
      body = doc.body;
      if (body) observer.observe(body, { attributes: true });
      if (following) followHost();
    }
    schedule();
  });
  if (doc.documentElement) {
    observer.observe(doc.documentElement, { attributes: true, childList: true });
  }
  if (body) observer.observe(body, { attributes: true });

  // A title or a script changed there changes no colour.
  const head = new MutationObserver((records) => {
    const styling = records.some(
      (record) =>
        isStyling(record.target, record) ||
        isStyling(record.target.parentNode) ||
        [...record.addedNodes, ...record.removedNodes].some((node) => isStyling(node)),
    );
    if (styling) schedule();
  });
  if (doc.head) {
    head.observe(doc.head, {
      attributes: true,
      childList: true,
      characterData: true,
      subtree: true,
    });
  }

  /** followHost was called: the host's containers are watched, and followed as they change. */
  let following = false;
  /** The host and its containers up to <body>, through the page's shadow roots, as watched. */
  let path: Node[] = [];
  const pathOfHost = () => {
    const nodes: Node[] = [];
    for (let at: Node | null = host; at && at !== doc.documentElement;) {
      nodes.push(at);
      // Only a shadow root's: a link's `host` is its address's, a form's may be a field it names.
      at =
        at.nodeType === Node.DOCUMENT_FRAGMENT_NODE
          ? ((at as Partial<ShadowRoot>).host ?? null)
          : parentNodeOf(at);
    }
    return nodes;
  };
  // The host's containers, each alone, not their content: their attributes, and their children,
  // which change the path only where a container is put round the host or the host is moved.
  const containers = new MutationObserver((records) => {
    if (records.some((record) => record.type === 'attributes')) schedule();
    const now = pathOfHost();
    if (now.length !== path.length || now.some((node, i) => node !== path[i])) {
      followHost();
      schedule();
    }
  });
  function followHost(): void {
    containers.disconnect();
    if (stopped) return;
    following = true;
    path = pathOfHost();
    for (const node of path.slice(1)) {
      // <body>'s attributes are watched with <html>'s, a shadow root has none.
      const isContainer = node !== doc.body && node.nodeType === Node.ELEMENT_NODE;
      containers.observe(node, { attributes: isContainer, childList: true });
    }
  }

  const onTransitionEnd = (event: Event) => {
    if ((event as TransitionEvent).propertyName !== 'background-color') return;
    const target = event.target as Element;
    if (target === doc.documentElement || target === doc.body || isContainerOfHost(target)) {
      schedule();
    }
  };
  /** Through the page's shadow roots, which `contains` does not look into. */
  const isContainerOfHost = (element: Element) => {
    for (let at = containerOf(host); at; at = containerOf(at)) if (at === element) return true;
    return false;
  };
  doc.addEventListener('transitionend', onTransitionEnd, true);
  // A sheet linked or switched applies once it has come, after the look its change asked for.
  const onSheetLoad = (event: Event) => {
    if (isStyling(event.target as Node | null)) schedule();
  };
  doc.addEventListener('load', onSheetLoad, true);
  const loading = doc.readyState !== 'complete';
  if (loading) view.addEventListener('load', schedule, { once: true });

  return {
    followHost,
    stop() {
      stopped = true;
      system?.removeEventListener('change', schedule);
      observer.disconnect();
      head.disconnect();
      containers.disconnect();
      doc.removeEventListener('transitionend', onTransitionEnd, true);
      doc.removeEventListener('load', onSheetLoad, true);
      if (loading) view.removeEventListener('load', schedule);
    },
  };
}
