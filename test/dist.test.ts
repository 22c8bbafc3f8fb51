// @vitest-environment node
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { FOCUS_TOOLBAR_COMMAND } from '../src/core/commands';

/**
 * Privacy, checked on what ships: the built bundles talk to nothing outside the browser, and the
 * manifest asks for no more than the extension needs. The build is rerun when `dist/` is missing
 * or older than its sources, so the check never passes on a stale bundle.
 */

const root = fileURLToPath(new URL('..', import.meta.url));
const BUILDS = ['chrome', 'firefox'] as const;
const BUNDLES = [
  'background.js',
  'content.js',
  'detector.js',
  'toolbar.js',
  'popup-head.js',
  'popup.js',
  'options.js',
];
const PAGES = ['popup.html', 'options.html'];

/** Ways a script can reach the network (or another process that can). */
const NETWORK_APIS: [string, RegExp][] = [
  ['fetch()', /\bfetch\s*\(/],
  ['XMLHttpRequest', /\bXMLHttpRequest\b/],
  ['WebSocket', /\bWebSocket\b/],
  ['EventSource', /\bEventSource\b/],
  ['sendBeacon', /\bsendBeacon\b/],
  ['importScripts', /\bimportScripts\b/],
  ['RTCPeerConnection', /\bRTCPeerConnection\b/],
  ['WebTransport', /\bWebTransport\b/],
  ['runtime.connectNative / sendNativeMessage calls', /\.(?:connectNative|sendNativeMessage)\s*\(/],
  ['a remote dynamic import()', /\bimport\s*\(\s*['"`]https?:/],
];

/**
 * The only http(s) literals allowed in a bundle, each with its reason. Anything else fails:
 * a new address in shipped code needs a look (and a line here).
 */
const ALLOWED_URL_LITERALS = new Map<string, string>([
  [
    'https://github.com/microsoft/TypeScript-DOM-lib-generator/pull/1405',
    "a comment inside idb's bundled code",
  ],
  ['http://www.w3.org/2000/svg', 'SVG namespace URI for createElementNS, never requested'],
  ['http://www.w3.org/1999/xhtml', 'XHTML namespace URI, never requested'],
]);

/**
 * `https://${…}`: a template that turns data (an article's host, a site the reader typed) into
 * a URL to parse or compare. It names no remote host, so it is not an address to flag.
 */
const BUILT_FROM_DATA = /^https?:\/\/\$\{/;

/** Permissions the extension may hold, each with the feature that needs it. */
const ALLOWED_PERMISSIONS = new Map<string, string>([
  [
    'storage',
    'settings and corrections (storage.local); private-window votes, open-tab marks and the addresses each open tab declared, for Reader View (storage.session)',
  ],
  ['unlimitedStorage', 'so the browser never evicts the vote history'],
  [
    'activeTab',
    'the popup reads the tab it opened over (address, title) where the reader withheld site access',
  ],
  [
    'scripting',
    'detector.js and toolbar.js into frames that asked, content.js into tabs open at install; no prompt',
  ],
]);
/** CSP's fetch directives: where a page may load or send anything from, each by default-src. */
const FETCH_DIRECTIVES = [
  'connect-src',
  'script-src',
  'style-src',
  'img-src',
  'font-src',
  'media-src',
  'object-src',
  'frame-src',
  'child-src',
  'worker-src',
  'manifest-src',
];
/** Never acceptable, named so the failure says why. */
const FORBIDDEN_PERMISSIONS = [
  'tabs',
  'history',
  'cookies',
  'webRequest',
  'webRequestBlocking',
  'declarativeNetRequest',
  'webNavigation',
  'bookmarks',
  'topSites',
  'browsingData',
  'downloads',
  'identity',
  'management',
  'nativeMessaging',
  'debugger',
  'proxy',
  'privacy',
  'geolocation',
  'clipboardRead',
  '<all_urls>',
];

// A variable specifier: build.mjs is plain JavaScript without type declarations.
const buildScript = join(root, 'build.mjs');
const {
  build,
  BUILD_INPUTS: buildInputs,
  NO_DNS_PREFETCH: noDnsPrefetch,
  THIRD_PARTY_NOTICES: thirdPartyNotices,
} = (await import(buildScript)) as {
  build: () => Promise<void>;
  BUILD_INPUTS: string[];
  NO_DNS_PREFETCH: string;
  THIRD_PARTY_NOTICES: string;
};

function newestChange(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

function isBuildStale(): boolean {
  const built = join(root, 'dist', 'firefox', 'manifest.json');
  if (!existsSync(built) || !existsSync(join(root, 'dist', 'chrome', 'manifest.json'))) return true;
  const newest = Math.max(
    ...buildInputs
      .map((name) => join(root, name))
      .filter(existsSync)
      .map(newestChange),
  );
  return newest > statSync(built).mtimeMs;
}

const read = (build: string, file: string) => readFileSync(join(root, 'dist', build, file), 'utf8');

beforeAll(async () => {
  if (!isBuildStale()) return;
  await build();
}, 120_000);

describe.each(BUILDS)('dist/%s', (build) => {
  it.each(BUNDLES)('%s calls no network API', (bundle) => {
    const code = read(build, bundle);
    const found = NETWORK_APIS.filter(([, pattern]) => pattern.test(code)).map(([name]) => name);
    expect(found).toEqual([]);
  });

  it.each(BUNDLES)('%s holds no http(s) address but the allowed ones', (bundle) => {
    const literals = [...read(build, bundle).matchAll(/https?:\/\/[^\s"'`)<>\\]*/g)].map(
      (match) => match[0],
    );
    expect(
      literals.filter(
        (literal) => !ALLOWED_URL_LITERALS.has(literal) && !BUILT_FROM_DATA.test(literal),
      ),
    ).toEqual([]);
  });

  it('passes on the licence of every package bundled into its scripts', () => {
    // The packages named in the source maps, whatever the build thinks it bundled.
    const packageDirs = new Set<string>();
    for (const map of readdirSync(join(root, 'dist', build)).filter((file) =>
      file.endsWith('.map'),
    )) {
      for (const source of (JSON.parse(read(build, map)) as { sources: string[] }).sources) {
        const match = /^(?:.*\/)?(node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(source);
        if (match) packageDirs.add(match[1]!);
      }
    }
    expect([...packageDirs]).toContain('node_modules/idb');
    const notices = read(build, thirdPartyNotices);
    for (const dir of packageDirs) {
      const { name, version, license } = JSON.parse(
        readFileSync(join(root, dir, 'package.json'), 'utf8'),
      ) as { name: string; version: string; license: string };
      const licenseFile = readdirSync(join(root, dir)).find((file) => /^licen[cs]e/i.test(file))!;
      expect(notices).toContain(`${name} ${version} (${license})`);
      expect(notices).toContain(readFileSync(join(root, dir, licenseFile), 'utf8').trim());
    }
  });

  it('passes on the licence of the Public Suffix List, which tldts compiles into its data', () => {
    const notices = read(build, thirdPartyNotices);
    expect(notices).toContain('Public Suffix List (MPL-2.0), compiled into tldts');
    expect(notices).toContain('Source: https://publicsuffix.org/list/public_suffix_list.dat');
    expect(notices).toContain('You can obtain one at https://mozilla.org/MPL/2.0/');
  });

  it.each(['content.js', 'detector.js', 'toolbar.js'])(
    '%s keeps the reaction off the page (no e2e test hooks in the release)',
    (bundle) => {
      const code = read(build, bundle);
      expect(code).not.toMatch(/\.dataset\.reactions\b/);
      expect(code).not.toContain('__TEST_HOOKS__');
      expect(code, 'the test channel').not.toContain('moodmark-test-call');
    },
  );

  it('leaves the toolbar, its styles and its messages out of content.js', () => {
    const content = read(build, 'content.js');
    const toolbar = read(build, 'toolbar.js');
    const en = JSON.parse(readFileSync(join(root, '_locales', 'en', 'messages.json'), 'utf8'));
    for (const text of [en.toolbarPrompt.message, en.popupTitle.message, 'attachShadow']) {
      expect(content).not.toContain(text);
    }
    expect(toolbar).toContain('attachShadow');
    expect(toolbar).toContain(en.toolbarPrompt.message);
  });

  it('leaves the proof of a vote kept aside (SHA-256) out of content.js, for toolbar.js', () => {
    // SHA-256's first round constant, as the minifier may write it.
    const sha256 = /0x428a2f98|1116352408/i;
    expect(read(build, 'toolbar.js')).toMatch(sha256);
    expect(read(build, 'content.js')).not.toMatch(sha256);
  });

  it('leaves the detector out of content.js: a page keeps it only while it is looked at', () => {
    // Part of a word list only the detector reads (is-boilerplate.ts), kept as written.
    const detectorOnly = /shoutbox\|sidebar\|skyscraper/;
    expect(read(build, 'detector.js')).toMatch(detectorOnly);
    expect(read(build, 'content.js')).not.toMatch(detectorOnly);
  });

  // A pattern written as a literal is built once; `new RegExp` in a function, on every call.
  it.each(['content.js', 'detector.js', 'toolbar.js'])(
    '%s writes its regular expressions as literals (no new RegExp)',
    (bundle) => {
      expect(read(build, bundle)).not.toMatch(/\bnew RegExp\(/);
    },
  );

  it("bundles only the toolbar's messages into toolbar.js", () => {
    const toolbar = read(build, 'toolbar.js');
    const en = JSON.parse(
      readFileSync(join(root, '_locales', 'en', 'messages.json'), 'utf8'),
    ) as Record<string, { message: string }>;
    const bundled = Object.keys(en).filter((key) =>
      toolbar.includes(JSON.stringify(en[key]!.message)),
    );
    expect(bundled).toEqual(
      Object.keys(en).filter((key) => /^(?:toolbar|reaction|announce|error)[A-Z]/.test(key)),
    );
  });

  // The Public Suffix List is large; only the background, which derives keys, loads it.
  it.each(BUNDLES.filter((bundle) => bundle !== 'background.js'))(
    '%s leaves the Public Suffix List to the background',
    (bundle) => {
      expect(read(build, bundle)).not.toContain('blogspot');
    },
  );

  it.each(PAGES)('%s loads only files of the extension', (page) => {
    const html = read(build, page);
    const references = [...html.matchAll(/\b(?:src|href|action|srcset)\s*=\s*["']?([^"'\s>]+)/gi)]
      .map((match) => match[1]!)
      .filter((reference) => /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(reference));
    expect(references, 'absolute or protocol-relative references').toEqual([]);
    expect(html).not.toMatch(/<(?:iframe|object|embed|base)\b/i);
  });

  // Firefox looks up the host of each link a page holds (the popup's history rows) unless told not to.
  it.each(PAGES)('%s turns off DNS prefetching before anything in its head', (page) => {
    const head = /<head>([\s\S]*?)<\/head>/.exec(read(build, page))?.[1] ?? '';
    const elements = [...head.matchAll(/<(?!!--)[^>]+>/g)].map((match) => match[0]);
    expect(elements.slice(0, 2)).toEqual(['<meta charset="utf-8" />', noDnsPrefetch]);
  });

  it('has stylesheets with no remote url() or @import', () => {
    for (const file of readdirSync(join(root, 'dist', build)).filter((f) => f.endsWith('.css'))) {
      const css = read(build, file);
      expect(css, file).not.toMatch(/url\(\s*['"]?(?:https?:)?\/\//i);
      expect(css, file).not.toMatch(/@import/i);
    }
    // The toolbar's stylesheet is bundled into toolbar.js as text.
    expect(read(build, 'toolbar.js')).not.toMatch(/url\(\s*\\?['"]?(?:https?:)?\/\//i);
  });

  describe('manifest', () => {
    const manifest = () => JSON.parse(read(build, 'manifest.json')) as Record<string, unknown>;

    it('asks only for the permissions the features need', () => {
      const permissions = (manifest().permissions ?? []) as string[];
      expect(permissions.filter((p) => FORBIDDEN_PERMISSIONS.includes(p))).toEqual([]);
      expect(permissions.filter((p) => !ALLOWED_PERMISSIONS.has(p))).toEqual([]);
      expect(manifest().optional_permissions ?? []).toEqual([]);
    });

    it('asks for host permissions only where its content script already runs', () => {
      // Needed by scripting.executeScript to inject toolbar.js; no page beyond the content
      // script's matches, so the install prompt says what it said before.
      const scripts = manifest().content_scripts as { matches: string[] }[];
      const matches = [...new Set(scripts.flatMap((script) => script.matches))].sort();
      expect([...((manifest().host_permissions ?? []) as string[])].sort()).toEqual(matches);
      expect(manifest().optional_host_permissions ?? []).toEqual([]);
    });

    it('runs its content script on http(s) pages only, and lets no page or extension in', () => {
      const scripts = manifest().content_scripts as { matches: string[] }[];
      for (const script of scripts) {
        expect([...script.matches].sort()).toEqual(['http://*/*', 'https://*/*']);
      }
      const m = manifest();
      expect(m.externally_connectable, 'no web page may message the extension').toBeUndefined();
      // Resources reachable by pages let any site detect (fingerprint) the extension.
      expect(m.web_accessible_resources, 'nothing the page can load').toBeUndefined();
    });

    it('keeps the default content security policy or a stricter one with no remote source', () => {
      const policy = manifest().content_security_policy as Record<string, string> | undefined;
      for (const value of Object.values(policy ?? {})) {
        expect(value).not.toMatch(/https?:|\*|'unsafe-eval'|'unsafe-inline'/);
      }
    });

    it("forbids its pages and worker every request but for the extension's own files", () => {
      // Without a policy of its own, MV3's default lets an extension page fetch any address.
      const policy =
        (manifest().content_security_policy as Record<string, string> | undefined)
          ?.extension_pages ?? '';
      const directives = new Map(
        policy
          .split(';')
          .map((directive) => directive.trim().split(/\s+/))
          .filter(([name]) => name)
          .map(([name, ...sources]) => [name!.toLowerCase(), sources]),
      );
      const sourcesOf = (name: string) => directives.get(name) ?? directives.get('default-src');
      for (const name of FETCH_DIRECTIVES) {
        expect(sourcesOf(name), name).toBeDefined();
        expect(
          sourcesOf(name)!.filter((source) => source !== "'self'" && source !== "'none'"),
          name,
        ).toEqual([]);
      }
      expect(directives.get('base-uri'), 'no <base> may point elsewhere').toEqual(["'none'"]);
    });

    it('names the shortcut the background listens for', () => {
      const commands = manifest().commands as Record<string, unknown>;
      expect(Object.keys(commands)).toContain(FOCUS_TOOLBAR_COMMAND);
    });

    it('is Manifest V3, with the background and oldest version this browser reads', () => {
      const m = manifest();
      expect(m.manifest_version).toBe(3);
      if (build === 'chrome') {
        // Chrome runs a service worker (background.scripts is Manifest V2's there).
        expect(m.background).toEqual({ service_worker: 'background.js' });
        expect(m.minimum_chrome_version).toMatch(/^\d+$/);
        expect(m.browser_specific_settings).toBeUndefined();
      } else {
        // Firefox runs the scripts as an event page; it has no extension service workers.
        expect(m.background).toEqual({ scripts: ['background.js'] });
        const gecko = (m.browser_specific_settings as { gecko: Record<string, unknown> }).gecko;
        expect(gecko.id).toMatch(/^[\w.-]*@[\w.-]+$/);
        expect(gecko.strict_min_version).toMatch(/^\d+\.\d+$/);
        expect(m.minimum_chrome_version).toBeUndefined();
      }
    });

    if (build === 'firefox') {
      it('declares that it collects no data', () => {
        const gecko = (manifest().browser_specific_settings as { gecko: Record<string, unknown> })
          .gecko;
        expect(gecko.data_collection_permissions).toEqual({ required: ['none'] });
      });
    }
  });
});
