// @vitest-environment node
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/**
 * `.ci/run` is what CI runs on a machine that has never seen the project: the README's
 * `.ci/setup && npm run check`. Run here in a copy of the repository's scripts, with npm, git and
 * the browser installer replaced by stubs that only note their calls, so nothing is installed.
 */

const root = fileURLToPath(new URL('..', import.meta.url));

/** A script that appends its name and arguments to $CALLS, one call a line. */
const recorder = (name: string, extra = '') => `#!/bin/sh\necho "${name} $*" >> "$CALLS"\n${extra}`;

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'moodmark-ci-'));
  mkdirSync(join(dir, '.ci'));
  mkdirSync(join(dir, 'bin'));
  for (const script of ['run', 'setup']) {
    copyFileSync(join(root, '.ci', script), join(dir, '.ci', script));
  }
  for (const file of ['package.json', 'package-lock.json']) {
    copyFileSync(join(root, file), join(dir, file));
  }
  const stubs: Record<string, string> = {
    '.ci/install-browsers': recorder('install-browsers'),
    // npm ci makes node_modules, where setup notes what it installed from.
    'bin/npm': recorder('npm', '[ "$1" = ci ] && mkdir -p node_modules\nexit 0\n'),
    // A full clone: the run does not try to fetch history.
    'bin/git': '#!/bin/sh\necho false\n',
  };
  for (const [path, text] of Object.entries(stubs)) {
    writeFileSync(join(dir, path), text);
    chmodSync(join(dir, path), 0o755);
  }
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the copied `.ci/run` with the stubs first on PATH and `node` as `nodeScript` says. */
function runCi(nodeScript: string) {
  writeFileSync(join(dir, 'bin', 'node'), nodeScript);
  chmodSync(join(dir, 'bin', 'node'), 0o755);
  const calls = join(dir, 'calls');
  writeFileSync(calls, '');
  const result = spawnSync('bash', [join(dir, '.ci', 'run')], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}`, CALLS: calls },
  });
  return { ...result, calls: readFileSync(calls, 'utf8').trim().split('\n').filter(Boolean) };
}

/** This Node, claiming to be `version` (process.version and process.versions.node). */
function nodeClaiming(version: string): string {
  const claim = [
    `Object.defineProperty(process.versions, "node", { value: "${version}" });`,
    `Object.defineProperty(process, "version", { value: "v${version}" });`,
  ].join('');
  return `#!/bin/sh\nexec '${process.execPath}' --import='data:text/javascript,${encodeURIComponent(claim)}' "$@"\n`;
}

describe('.ci/run', () => {
  it('installs the browsers and the npm packages afresh, then runs the README’s npm run check', () => {
    const { status, calls, stderr } = runCi(`#!/bin/sh\nexec '${process.execPath}' "$@"\n`);
    expect(status, stderr).toBe(0);
    expect(calls).toEqual(['install-browsers ', 'npm ci --no-audit --no-fund', 'npm run check']);
  });

  it('installs afresh even where setup installed from this lockfile before', () => {
    mkdirSync(join(dir, 'node_modules'));
    writeFileSync(
      join(dir, 'node_modules', '.ci-setup-installed-from'),
      readFileSync(join(dir, 'package.json'), 'utf8') +
        readFileSync(join(dir, 'package-lock.json'), 'utf8'),
    );
    const { status, calls } = runCi(`#!/bin/sh\nexec '${process.execPath}' "$@"\n`);
    expect(status).toBe(0);
    expect(calls).toContain('npm ci --no-audit --no-fund');
  });

  it('stops at once, saying why, on a Node older than package.json’s engines', () => {
    const { status, calls, stderr } = runCi(nodeClaiming('18.19.0'));
    expect(status).not.toBe(0);
    expect(stderr).toMatch(/Node v18\.19\.0 is too old; package\.json needs \^20\.19\.0/);
    expect(calls).toEqual([]);
  });
});

describe('the unit tests', () => {
  it("run in English on a machine set to another language (the README's npm test)", () => {
    const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
    // Not the variables of the vitest running this: the one started would take them as its own.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !/^(?:VITEST|TINYPOOL)/.test(name)),
    );
    const { status, stdout, stderr } = spawnSync(
      process.execPath,
      [vitest, 'run', '--config', 'test/vitest.config.ts', 'test/vitest-config.test.ts'],
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...env, LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8', LANGUAGE: 'de' },
      },
    );
    expect(status, stdout + stderr).toBe(0);
  }, 60_000);
});

describe('package.json', () => {
  it('decides for every package in the lockfile with an install script whether it may run it', () => {
    // npm 11 asks at each install (`npm install-scripts`) about any package not decided here.
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { hasInstallScript?: boolean }>;
    };
    const withScripts = Object.entries(lock.packages)
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([path]) => path.replace(/^.*node_modules\//, ''));
    const { allowScripts = {} } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      allowScripts?: Record<string, boolean>;
    };
    expect(withScripts.filter((name) => !(name in allowScripts))).toEqual([]);
  });
});

describe('npm start', () => {
  it('says how to install the browser it does not find, before it serves anything', async () => {
    const { startDemo } = await import('./e2e/launch.mjs');
    const before = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = join(dir, 'no-chromium');
    try {
      await expect(startDemo({ browserName: 'chromium' })).rejects.toThrow(
        /no chromium at .*no-chromium: run \.ci\/setup/,
      );
    } finally {
      if (before === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = before;
    }
  });
});

describe('the end-to-end browsers', () => {
  it.each([
    { headless: false, isRoot: false, sandboxed: true },
    // Chromium will not start as root with its sandbox (CI containers).
    { headless: false, isRoot: true, sandboxed: false },
    { headless: true, isRoot: false, sandboxed: false },
  ])(
    "keep Chromium's sandbox in a visible browser (npm start) but as root (headless $headless, root $isRoot)",
    async ({ headless, isRoot, sandboxed }) => {
      const { chromiumArgsFor } = await import('./e2e/launch.mjs');
      expect(chromiumArgsFor({ headless, isRoot }).includes('--no-sandbox')).toBe(!sandboxed);
    },
  );

  it.each([
    { LANGUAGE: 'en_US', requested: 'en-US' },
    { LANGUAGE: 'de_DE.UTF-8:de:en', requested: 'de-DE,de,en' },
  ])(
    "give Firefox LANGUAGE ($LANGUAGE) as its language, as Chromium reads it (test:e2e's en_US)",
    async ({ LANGUAGE, requested }) => {
      // Debian's Firefox speaks the machine's language (LANG) where its language pack is installed.
      const { firefoxLanguagePrefs } = await import('./e2e/launch.mjs');
      expect(firefoxLanguagePrefs({ LANGUAGE, LANG: 'de_DE.UTF-8' })).toEqual({
        'intl.locale.requested': requested,
      });
    },
  );

  it.each([undefined, '', 'C'])(
    "leave Firefox the machine's language where LANGUAGE names none (%s), as Chromium",
    async (LANGUAGE) => {
      const { firefoxLanguagePrefs } = await import('./e2e/launch.mjs');
      expect(firefoxLanguagePrefs({ LANGUAGE, LANG: 'de_DE.UTF-8' })).toEqual({});
    },
  );
});
