// @vitest-environment node
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/**
 * `node build.mjs` as a developer or CI starts it, run on a copy of what the build reads, so the
 * repository's own dist/ (which the end-to-end tests load) is left alone.
 */

const root = fileURLToPath(new URL('..', import.meta.url));
// A variable specifier: build.mjs is plain JavaScript without type declarations.
const buildScript = join(root, 'build.mjs');
const { BUILD_INPUTS: buildInputs } = (await import(buildScript)) as { BUILD_INPUTS: string[] };

let dir: string;
let checkout: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'moodmark-build-'));
  checkout = join(dir, 'moodmark');
  mkdirSync(checkout);
  for (const input of buildInputs)
    cpSync(join(root, input), join(checkout, input), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(checkout, 'node_modules'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('node build.mjs', () => {
  it('builds when the path it is started by goes through a symbolic link', () => {
    // A checkout under a linked folder (~/code -> /data/code), named by its full path.
    const link = join(dir, 'linked');
    symlinkSync(checkout, link);
    const { status, stderr } = spawnSync(process.execPath, [join(link, 'build.mjs')], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(status, stderr).toBe(0);
    expect(existsSync(join(checkout, 'dist', 'chrome', 'manifest.json'))).toBe(true);
    expect(existsSync(join(checkout, 'dist', 'firefox', 'manifest.json'))).toBe(true);
  }, 60_000);

  // Git refuses, as root, a checkout another user owns; or there is no git.
  const refusal = "fatal: detected dubious ownership in repository at '/src/moodmark'";
  it.each([
    { git: `#!/bin/sh\necho "${refusal}" >&2\nexit 128\n`, warning: `git said ${refusal}` },
    { git: null, warning: 'no git found' },
  ])(
    'says why it wrote no source archive ($warning)',
    ({ git, warning }) => {
      const bin = join(dir, 'bin');
      mkdirSync(bin);
      if (git) {
        writeFileSync(join(bin, 'git'), git);
        chmodSync(join(bin, 'git'), 0o755);
      }
      const { status, stderr } = spawnSync(process.execPath, ['build.mjs'], {
        cwd: checkout,
        encoding: 'utf8',
        env: { ...process.env, PATH: bin },
      });
      expect(status, stderr).toBe(0);
      expect(stderr).toContain(`build: no source archive: ${warning}`);
    },
    60_000,
  );
});

describe('npm run build', () => {
  it('stops on a type error, before it writes the store packages', () => {
    // esbuild strips types without checking them.
    appendFileSync(
      join(checkout, 'src', 'protocol.ts'),
      "\nexport const misTyped: number = 'one';\n",
    );
    const { status, stdout } = spawnSync('npm', ['run', 'build'], {
      cwd: checkout,
      encoding: 'utf8',
    });
    expect(status).not.toBe(0);
    expect(stdout).toMatch(/src\/protocol\.ts.*error TS2322/);
    expect(existsSync(join(checkout, 'dist'))).toBe(false);
  }, 120_000);
});
