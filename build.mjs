// Builds the extension for Chrome and Firefox from one source tree:
//   node build.mjs            → dist/chrome/, dist/firefox/ and a zip of each
//   node build.mjs --start    → builds, then opens Chromium on a demo article (--firefox: Firefox)
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
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

const ENTRY_POINTS = {
  background: 'src/background/index.ts',
  content: 'src/content/index.ts',
  popup: 'src/popup/index.ts',
};

const STATIC_FILES = ['src/popup/popup.html', 'src/popup/popup.css'];

async function buildBrowser(name, version) {
  const outdir = `${dist}/${name}`;
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ENTRY_POINTS,
    outdir,
    bundle: true,
    format: 'iife',
    target: ['chrome123', 'firefox142'],
    loader: { '.css': 'text' },
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const file of STATIC_FILES) await cp(`${root}${file}`, `${outdir}/${file.split('/').pop()}`);
  await cp(`${root}icons`, `${outdir}/icons`, {
    recursive: true,
    filter: (f) => !f.endsWith('.svg'),
  });

  const base = JSON.parse(await readFile(`${root}manifest.json`, 'utf8'));
  const manifest = { ...base, ...MANIFEST_PATCHES[name], version };
  await writeFile(`${outdir}/manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
}

async function zipBrowser(name) {
  // web-ext (already used for linting) writes store-ready zips.
  const { cmd } = (await import('web-ext')).default;
  await cmd.build(
    {
      sourceDir: `${dist}/${name}`,
      artifactsDir: dist,
      filename: `moodmark-${name}.zip`,
      overwriteDest: true,
    },
    { shouldExitProgram: false },
  );
}

export async function build() {
  const { version } = JSON.parse(await readFile(`${root}package.json`, 'utf8'));
  await rm(dist, { recursive: true, force: true });
  await mkdir(dist, { recursive: true });
  for (const name of Object.keys(MANIFEST_PATCHES)) {
    await buildBrowser(name, version);
    await zipBrowser(name);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
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
