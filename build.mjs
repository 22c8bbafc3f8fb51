// Builds the extension for Chrome and Firefox from one source tree:
//   node build.mjs            → dist/chrome/, dist/firefox/, a zip of each for the stores,
//                               dist/moodmark-source.zip (the committed source, for add-on review)
//                               and dist/e2e/ (the same builds with test hooks, for the e2e tests)
//   node build.mjs --start    → builds, then opens Chromium on a demo article (--firefox: Firefox)
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('.', import.meta.url));
const dist = `${root}dist`;

/** What differs between the browsers, merged over manifest.json. */
const MANIFEST_PATCHES = {
  chrome: {
    background: { service_worker: 'background.js' },
    minimum_chrome_version: '123',
  },
  firefox: {
    background: { scripts: ['background.js'] },
    browser_specific_settings: {
      gecko: {
        id: 'moodmark@moodmark',
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    },
  },
};

/**
 * What esbuild writes the bundles for: the oldest browsers the manifests accept, so that no
 * browser that installs the extension meets syntax it cannot run.
 */
const BUNDLE_TARGETS = [
  `chrome${MANIFEST_PATCHES.chrome.minimum_chrome_version}`,
  `firefox${MANIFEST_PATCHES.firefox.browser_specific_settings.gecko.strict_min_version}`,
];

const ENTRY_POINTS = {
  background: 'src/background/index.ts',
  // Runs on every page: reads the site's switch and watches the page, nothing more.
  content: 'src/content/index.ts',
  // Injected by the background into a frame for each look at its page (load-detector.ts).
  detector: 'src/content/detector-module.ts',
  popup: 'src/popup/index.ts',
  'popup-head': 'src/popup/head.ts',
  options: 'src/options/index.ts',
};

/**
 * Injected by the background into a frame where the content script found an article, so pages
 * without one never load it. Built on its own, with only the toolbar's messages.
 */
const TOOLBAR_ENTRY_POINT = { toolbar: 'src/content/toolbar-module.ts' };

/** The messages toolbar.js needs: the keys src/content/toolbar.ts's ToolbarMessageKey allows. */
const TOOLBAR_MESSAGE_KEY = /^(?:toolbar|reaction|announce|error)[A-Z]/;

/** Bundles each `_locales/<locale>/messages.json` with the toolbar's keys only. */
const toolbarMessagesOnly = {
  name: 'toolbar-messages-only',
  setup(builder) {
    builder.onLoad(
      { filter: /[\\/]_locales[\\/][^\\/]+[\\/]messages\.json$/ },
      async ({ path }) => {
        const table = JSON.parse(await readFile(path, 'utf8'));
        const kept = Object.entries(table).filter(([key]) => TOOLBAR_MESSAGE_KEY.test(key));
        return { contents: JSON.stringify(Object.fromEntries(kept)), loader: 'json' };
      },
    );
  },
};

const STATIC_FILES = [
  'src/popup/popup.html',
  'src/popup/popup.css',
  'src/options/options.html',
  'src/options/options.css',
];

/**
 * Turns DNS prefetching off in an extension page, first thing in its head. Firefox looks up the
 * host of every link a page holds as soon as it is added, so each opening of the popup would ask
 * the DNS resolver for the sites of the history rows shown (the CSP does not cover lookups).
 * Added here, with the manifest's CSP, so that no page of the extension can be shipped without it.
 */
export const NO_DNS_PREFETCH = '<meta http-equiv="x-dns-prefetch-control" content="off" />';

function withoutDnsPrefetch(html, file) {
  const charset = /^( *)<meta charset="utf-8" \/>(\r?\n)/im;
  if (!charset.test(html)) throw new Error(`build: ${file} has no <meta charset="utf-8" /> line`);
  return html.replace(charset, (line, indent, end) => `${line}${indent}${NO_DNS_PREFETCH}${end}`);
}

/**
 * Every icon size the browsers and stores ask for: 16/32/48/128 (Chrome Web Store and the
 * extensions page), 96 (Firefox add-ons page on high-density screens), 19/38 (toolbar button).
 */
export const ICON_SIZES = [16, 19, 32, 38, 48, 96, 128];

/**
 * Rasterizes icons/icon.svg at each size, once per build. Rendering the vector at the target
 * size keeps small icons crisp, where scaling down one large PNG would blur them.
 */
async function renderIcons() {
  const svg = await readFile(`${root}icons/icon.svg`);
  return new Map(
    ICON_SIZES.map((size) => [
      size,
      new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng(),
    ]),
  );
}

/** The file in each build that carries the licences of the packages bundled into its scripts. */
export const THIRD_PARTY_NOTICES = 'THIRD-PARTY-NOTICES.txt';

/**
 * Data a bundled package compiles in under a licence of its own, by package name: tldts's trie is
 * the Public Suffix List, whose MPL-2.0 asks for its notice and where its source is.
 */
const COMPILED_DATA = {
  tldts: [
    'Public Suffix List (MPL-2.0), compiled into tldts',
    'Source: https://publicsuffix.org/list/public_suffix_list.dat',
    '',
    'This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy',
    'of the MPL was not distributed with this file, You can obtain one at https://mozilla.org/MPL/2.0/.',
  ].join('\n'),
};

/**
 * Writes the licence of every package esbuild bundled (per its `metafiles`) into `outdir`, and of
 * the data they compile in (COMPILED_DATA): MIT and ISC ask for their notice in every copy, and
 * MPL-2.0 for where its source is.
 */
async function writeThirdPartyNotices(outdir, metafiles) {
  const packageDirs = new Set();
  for (const { inputs } of metafiles) {
    for (const input of Object.keys(inputs)) {
      const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (match) packageDirs.add(match[1]);
    }
  }
  const sections = [];
  for (const dir of [...packageDirs].sort()) {
    const { name, version, license, repository } = JSON.parse(
      await readFile(`${root}${dir}/package.json`, 'utf8'),
    );
    const licenseFile = (await readdir(`${root}${dir}`)).find((file) => /^licen[cs]e/i.test(file));
    if (!licenseFile) throw new Error(`build: ${name} ships no licence file to pass on`);
    const source = typeof repository === 'string' ? repository : repository?.url;
    sections.push(
      [
        `${name} ${version} (${license})`,
        ...(source ? [`Source: ${source}`] : []),
        '',
        (await readFile(`${root}${dir}/${licenseFile}`, 'utf8')).trim(),
      ].join('\n'),
    );
    if (Object.hasOwn(COMPILED_DATA, name)) sections.push(COMPILED_DATA[name]);
  }
  const intro = 'Moodmark bundles these packages into its scripts, under their own licences:';
  await writeFile(`${outdir}/${THIRD_PARTY_NOTICES}`, `${[intro, ...sections].join('\n\n\n')}\n`);
}

/**
 * One browser's unpacked build in `outdir`. `testHooks` makes the end-to-end variant, whose
 * toolbar mirrors its state onto its host element for the tests; `benchMarks` the benchmark's
 * instrumented release, whose content script times its own work (see src/env.d.ts).
 */
async function buildBrowser(name, { version, icons, outdir, testHooks, benchMarks = false }) {
  const options = {
    define: { __TEST_HOOKS__: String(testHooks), __BENCH_MARKS__: String(benchMarks) },
    // The release is minified (the content script is compiled on every page) and ships source
    // maps; reviewers rebuild it from dist/moodmark-source.zip. The e2e build keeps its names
    // and layout, so failures in the tests read plainly.
    ...(testHooks ? { minifySyntax: true } : { minify: true, sourcemap: 'linked' }),
    absWorkingDir: root,
    outdir,
    bundle: true,
    format: 'iife',
    target: BUNDLE_TARGETS,
    // Both browsers read `\p{L}` in a regular expression, which esbuild would rewrite for these
    // targets as `new RegExp(...)`: built anew on every call where the literal is built once
    // (the detector tests every linked title this way). The price: a property name the oldest
    // target did not know would fail the whole script as it loads, not one call; the unit tests
    // compile every pattern, and the e2e tests load the bundle in both browsers. A literal keeps
    // its letters as written, so those beyond ASCII are written as escapes (build-output.e2e.ts).
    supported: { 'regexp-unicode-property-escapes': true },
    loader: { '.css': 'text' },
    legalComments: 'none',
    logLevel: 'warning',
  };
  const scripts = await esbuild.build({ ...options, entryPoints: ENTRY_POINTS, metafile: true });
  const toolbar = await esbuild.build({
    ...options,
    entryPoints: TOOLBAR_ENTRY_POINT,
    plugins: [toolbarMessagesOnly],
    metafile: true,
  });
  await writeThirdPartyNotices(outdir, [scripts.metafile, toolbar.metafile]);
  for (const file of STATIC_FILES) {
    const text = await readFile(`${root}${file}`, 'utf8');
    const page = file.endsWith('.html') ? withoutDnsPrefetch(text, file) : text;
    await writeFile(`${outdir}/${file.split('/').pop()}`, page);
  }
  await mkdir(`${outdir}/icons`, { recursive: true });
  for (const [size, png] of icons) await writeFile(`${outdir}/icons/icon-${size}.png`, png);
  await cp(`${root}_locales`, `${outdir}/_locales`, { recursive: true });

  const base = JSON.parse(await readFile(`${root}manifest.json`, 'utf8'));
  const manifest = { ...base, ...MANIFEST_PATCHES[name], version };
  await writeFile(`${outdir}/manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * Every entry's date in the store zips: 1980-01-01 00:00, the first a zip can hold, as DOS time
 * and date. With it and the files in name order, a zip depends only on the files in it, so one
 * source builds the same bytes again (with the same Node, whose zlib deflates them); web-ext's
 * zips took the clock's date and the order in which reads finished.
 */
const ZIP_DOS_TIME = 0;
const ZIP_DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** General-purpose flag 11: names are UTF-8. */
const ZIP_UTF8_NAMES = 0x0800;

/**
 * A zip of the files under `dir`, named by their paths inside it ('icons/icon-16.png'), sorted
 * by their UTF-16 code units (not a locale's order, which differs between machines); each
 * deflated, or stored when deflating does not make it smaller.
 */
export async function zipDirectory(dir) {
  const names = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    names.push(relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const parts = [];
  const directory = [];
  let offset = 0;
  for (const name of names) {
    const data = await readFile(`${dir}/${name}`);
    const deflated = deflateRawSync(data, { level: 9 });
    const [method, body] = deflated.length < data.length ? [8, deflated] : [0, data];
    const path = Buffer.from(name, 'utf8');
    // The fields a local header and its central directory record share, from "version needed".
    const common = Buffer.alloc(26);
    common.writeUInt16LE(20, 0); // version needed to extract: 2.0 (deflate)
    common.writeUInt16LE(ZIP_UTF8_NAMES, 2);
    common.writeUInt16LE(method, 4);
    common.writeUInt16LE(ZIP_DOS_TIME, 6);
    common.writeUInt16LE(ZIP_DOS_DATE, 8);
    common.writeUInt32LE(crc32(data), 10);
    common.writeUInt32LE(body.length, 14);
    common.writeUInt32LE(data.length, 18);
    common.writeUInt16LE(path.length, 22);
    const local = Buffer.concat([u32(0x04034b50), common, path, body]);
    // Made by MS-DOS 2.0: no Unix modes, so unzip gives the files its defaults.
    const tail = Buffer.alloc(14);
    tail.writeUInt32LE(offset, 10); // after comment length, disk, internal and external attributes
    directory.push(Buffer.concat([u32(0x02014b50), u16(20), common, tail, path]));
    parts.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, central, end]);
}

function u16(value) {
  const bytes = Buffer.alloc(2);
  bytes.writeUInt16LE(value);
  return bytes;
}

function u32(value) {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value);
  return bytes;
}

/** The store package of one browser's release build: `dist/moodmark-<browser>.zip`. */
async function zipBrowser(name) {
  await writeFile(`${dist}/moodmark-${name}.zip`, await zipDirectory(`${dist}/${name}`));
}

/** What the build reads from the repository; the lockfile stands for node_modules. */
export const BUILD_INPUTS = [
  'src',
  '_locales',
  'icons',
  'manifest.json',
  'build.mjs',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
];

/**
 * The source for Firefox's add-on review: every file committed at HEAD (so no node_modules or
 * dist), as `git archive` writes it. Warns when tracked files have uncommitted changes, or the
 * build reads files not committed, since the archive would not match the build. Skipped, with a
 * warning that says why, where git is missing or refuses the checkout, and outside a git checkout
 * of its own (e.g. built from the archive), so that an archive unpacked inside another repository
 * never packs that repository.
 */
function archiveSource() {
  const git = (...args) =>
    execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  let topLevel;
  try {
    git('rev-parse', '--verify', 'HEAD');
    topLevel = git('rev-parse', '--show-toplevel').trim();
  } catch (error) {
    // No repository here, or one git will not read (as root, a checkout another user owns).
    const [said] = String(error.stderr || error.message)
      .trim()
      .split('\n');
    const why = error.code === 'ENOENT' ? 'no git found' : `git said ${said}`;
    console.warn(`build: no source archive: ${why}`);
    return;
  }
  // Both paths resolved: a checkout reached through a symbolic link is still its own.
  if (relative(realpathSync(topLevel), realpathSync(root)) !== '') {
    console.warn('build: no source archive: not a git checkout of Moodmark of its own');
    return;
  }
  if (git('status', '--porcelain', '--untracked-files=no').trim()) {
    console.warn('build: uncommitted changes are not in dist/moodmark-source.zip');
  }
  const untracked = git('ls-files', '--others', '--exclude-standard', '--', ...BUILD_INPUTS);
  if (untracked.trim()) {
    console.warn(`build: files not committed are not in dist/moodmark-source.zip:\n${untracked}`);
  }
  git('archive', '--format=zip', '--prefix=moodmark/', '-o', `${dist}/moodmark-source.zip`, 'HEAD');
}

export async function build() {
  const { version } = JSON.parse(await readFile(`${root}package.json`, 'utf8'));
  await rm(dist, { recursive: true, force: true });
  await mkdir(dist, { recursive: true });
  const icons = await renderIcons();
  for (const name of Object.keys(MANIFEST_PATCHES)) {
    await buildBrowser(name, { version, icons, outdir: `${dist}/${name}`, testHooks: false });
    await zipBrowser(name);
    await buildBrowser(name, { version, icons, outdir: `${dist}/e2e/${name}`, testHooks: true });
  }
  archiveSource();
}

/**
 * The release builds again, instrumented (`__BENCH_MARKS__`), in `dist/bench/<browser>/`, for
 * `npm run bench:content` only: its content script reports its own work as performance measures.
 */
export async function buildBenchVariants() {
  const { version } = JSON.parse(await readFile(`${root}package.json`, 'utf8'));
  const icons = await renderIcons();
  for (const name of Object.keys(MANIFEST_PATCHES)) {
    const outdir = `${dist}/bench/${name}`;
    await rm(outdir, { recursive: true, force: true });
    await buildBrowser(name, { version, icons, outdir, testHooks: false, benchMarks: true });
  }
}

/**
 * Whether Node was started on this file (`node build.mjs`), not importing it. The path Node was
 * given may go through a symbolic link, where import.meta.url names the file it leads to: compared
 * as written, the build would do nothing and still exit 0.
 */
function isStartedAsScript() {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    // No file there: code given inline (`node -e`) imported the build.
    return false;
  }
}

if (isStartedAsScript()) {
  await build();
  if (process.argv.includes('--start')) {
    const { startDemo } = await import('./test/e2e/launch.mjs');
    try {
      await startDemo({
        browserName: process.argv.includes('--firefox') ? 'firefox' : 'chromium',
        headless: false,
      });
    } catch (error) {
      console.error(`npm start: ${error instanceof Error ? error.message : error}`);
      process.exitCode = 1;
    }
  }
}
