import { execFileSync } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './launch.mjs';

const BUILDS = ['chrome', 'firefox'];

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(1, 4).toString('latin1'), 'PNG signature').toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

/** The entries of a zip, read from its central directory: name, DOS date and time, content. */
function readZip(zip: Buffer) {
  const end = zip.lastIndexOf(Buffer.from('PK\x05\x06', 'latin1'));
  expect(end, 'end of central directory').toBeGreaterThan(0);
  const entries = [];
  let at = zip.readUInt32LE(end + 16);
  for (let count = zip.readUInt16LE(end + 10); count > 0; count--) {
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + zip.readUInt32LE(at + 20));
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      dosDateTime: [zip.readUInt16LE(at + 14), zip.readUInt16LE(at + 12)],
      content: zip.readUInt16LE(at + 10) === 8 ? inflateRawSync(body) : body,
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** Paths of the files under `dir`, with '/' between folders. */
async function filesUnder(dir: string) {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

describe.each(BUILDS)('dist/%s', (build) => {
  const dir = join(REPO_ROOT, 'dist', build);
  const zipPath = join(REPO_ROOT, 'dist', `moodmark-${build}.zip`);

  it('packs for the store exactly its files, in name order, each dated 1980-01-01', async () => {
    const entries = readZip(await readFile(zipPath));
    const files = (await filesUnder(dir)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(entries.map((entry) => entry.name)).toEqual(files);
    for (const entry of entries) {
      expect(entry.dosDateTime, entry.name).toEqual([(0 << 9) | (1 << 5) | 1, 0]);
      expect(entry.content.equals(await readFile(join(dir, entry.name))), entry.name).toBe(true);
    }
  });

  it('zips the same files to the same bytes again (entries in name order, dated 1980): the zip adds no clock or read order', async () => {
    // A variable specifier: build.mjs is plain JavaScript without type declarations.
    const buildScript = join(REPO_ROOT, 'build.mjs');
    const { zipDirectory } = (await import(buildScript)) as {
      zipDirectory: (dir: string) => Promise<Buffer>;
    };
    expect((await zipDirectory(dir)).equals(await readFile(zipPath))).toBe(true);
  });

  it('has every icon the manifest names, at its pixel size', async () => {
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    const icons: [string, string][] = [
      ...Object.entries<string>(manifest.icons),
      ...Object.entries<string>(manifest.action.default_icon),
    ];
    expect(new Set(icons.map(([size]) => size))).toEqual(
      new Set(['16', '19', '32', '38', '48', '96', '128']),
    );
    for (const [size, path] of icons) {
      expect(pngSize(await readFile(join(dir, path))), path).toEqual([Number(size), Number(size)]);
    }
  });

  it('ships its scripts in ASCII: one other character makes the browser keep a script at two bytes a character', async () => {
    for (const script of [
      'content.js',
      'detector.js',
      'toolbar.js',
      'background.js',
      'popup.js',
      'options.js',
    ]) {
      const text = await readFile(join(dir, script), 'utf8');
      expect(text.match(/[^\x00-\x7f]/g) ?? [], script).toEqual([]);
    }
  });

  it('has the pages, scripts and locales the manifest names', async () => {
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    const files = [
      manifest.action.default_popup,
      manifest.options_ui.page,
      ...manifest.content_scripts.flatMap((script: { js: string[] }) => script.js),
      `_locales/${manifest.default_locale}/messages.json`,
      '_locales/de/messages.json',
      '_locales/ar/messages.json',
    ];
    for (const file of files) expect((await stat(join(dir, file))).isFile(), file).toBe(true);
    const messages = JSON.parse(await readFile(join(dir, '_locales/en/messages.json'), 'utf8'));
    for (const field of [manifest.name, manifest.description, manifest.action.default_title]) {
      const key = /^__MSG_(\w+)__$/.exec(field)?.[1];
      expect(key && messages[key], field).toBeTruthy();
    }
  });
});

it('writes a source archive for add-on review', async () => {
  expect((await stat(join(REPO_ROOT, 'dist', 'moodmark-source.zip'))).size).toBeGreaterThan(1000);
});

it('archives the committed files the build needs, and nothing built or installed', async () => {
  const zip = await readFile(join(REPO_ROOT, 'dist', 'moodmark-source.zip'));
  // git archive writes the commit it archived as the zip's comment.
  const end = zip.lastIndexOf(Buffer.from('PK\x05\x06', 'latin1'));
  const commit = zip.toString('latin1', end + 22, end + 22 + zip.readUInt16LE(end + 20));
  const committed = execFileSync('git', ['ls-tree', '-r', '--name-only', commit], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);
  const names = readZip(zip)
    .map((entry) => entry.name)
    .filter((name) => !name.endsWith('/'));
  expect(names.sort()).toEqual(committed.map((name) => `moodmark/${name}`).sort());
  for (const file of ['package.json', 'package-lock.json', 'build.mjs', 'manifest.json']) {
    expect(names, file).toContain(`moodmark/${file}`);
  }
  expect(names.filter((name) => /^moodmark\/(?:node_modules|dist)\//.test(name))).toEqual([]);
});

it.each(BUILDS)("keeps this machine's paths out of dist/%s", async (build) => {
  const dir = join(REPO_ROOT, 'dist', build);
  for (const file of await filesUnder(dir)) {
    expect((await readFile(join(dir, file), 'latin1')).includes(REPO_ROOT), file).toBe(false);
  }
});
