import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './launch.mjs';

const BUILDS = ['chrome', 'firefox'];

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(1, 4).toString('latin1'), 'PNG signature').toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe.each(BUILDS)('dist/%s', (build) => {
  const dir = join(REPO_ROOT, 'dist', build);

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
    for (const script of ['content.js', 'toolbar.js', 'background.js', 'popup.js', 'options.js']) {
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
