// @vitest-environment node
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const CONTEXTS = ['background', 'content', 'popup', 'options'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*import\s[^'"]*['"]([^'"]+)['"]/gm)].map((match) => match[1]!);
}

describe('source layout', () => {
  const files = sourceFiles(join(root, 'src')).map((file) => relative(join(root, 'src'), file));

  it.each(files.filter((file) => file.startsWith('core/') || file === 'protocol.ts'))(
    '%s stays free of browser APIs and extension contexts',
    (file) => {
      for (const specifier of importsOf(join(root, 'src', file))) {
        expect(specifier).not.toBe('webextension-polyfill');
        expect(specifier).not.toMatch(/(^|\/)(background|content|popup|options)\//);
      }
      expect(readFileSync(join(root, 'src', file), 'utf8')).not.toMatch(
        /\b(browser|chrome)\.\w+\./,
      );
    },
  );

  it.each(files.filter((file) => CONTEXTS.includes(file.split('/')[0]!)))(
    '%s imports only core, the protocol and its own context',
    (file) => {
      const context = file.split('/')[0]!;
      for (const specifier of importsOf(join(root, 'src', file))) {
        if (!specifier.startsWith('.')) continue;
        const other = CONTEXTS.find((name) => name !== context && specifier.includes(`${name}/`));
        expect(other, `${file} imports ${specifier}`).toBeUndefined();
      }
    },
  );
});

describe('database ownership', () => {
  const files = sourceFiles(join(root, 'src')).map((file) => relative(join(root, 'src'), file));
  const owner = 'background/database.ts';

  it.each(files.filter((file) => file !== owner))(
    '%s leaves IndexedDB to background/database.ts',
    (file) => {
      const text = readFileSync(join(root, 'src', file), 'utf8');
      expect(text).not.toMatch(/\bindexedDB\.open\b/);
      expect(importsOf(join(root, 'src', file))).not.toContain('idb');
      const context = file.split('/')[0]!;
      if (context !== 'background') {
        for (const specifier of importsOf(join(root, 'src', file))) {
          expect(specifier, `${file} imports ${specifier}`).not.toMatch(/(^|\/)database$/);
        }
      }
    },
  );
});
