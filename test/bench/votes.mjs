// What the benchmarks seed: the extension's own database module, to run in one of its pages,
// and a deterministic history of any size.
import { build } from 'esbuild';
import { REPO_ROOT } from '../e2e/launch.mjs';

/**
 * The extension's database module as a script defining `moodmarkBench` (openVoteDatabase,
 * mergeVotes, clearVotes), for seeding the real schema (terms, counts) at full speed, straight
 * into IndexedDB, never through a message the shipped extension answers.
 */
export async function buildSeeder() {
  const seeder = await build({
    stdin: {
      contents:
        "export { openVoteDatabase, mergeVotes, clearVotes } from './src/background/database.ts';",
      resolveDir: REPO_ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'moodmarkBench',
    write: false,
    logLevel: 'warning',
  });
  return seeder.outputFiles[0].text;
}

/**
 * Runs in the page (pass its source): votes number `from` to `to` − 1, with titles from a
 * fixed vocabulary, the same for the same numbers however they are chunked.
 */
export function makeVotes(from, to, now) {
  const WORDS = (
    'harbour hardware harvest harmony harsh ferry council budget storm bakery choir museum ' +
    'election school hospital railway bridge festival market river forest mayor police ' +
    'weather football theatre library housing energy water traffic climate science health ' +
    'court strike tourism fishing island mountain village city airport tunnel harbinger ' +
    'night morning summer winter record crisis plan vote report study price wage rent'
  ).split(' ');
  const REACTIONS = ['like', 'dislike', 'love', 'funny', 'angry', 'sad', 'wow'];
  const span = 2 * 365 * 86_400_000;
  const votes = [];
  for (let i = from; i < to; i++) {
    // mulberry32, seeded per vote: the same history whatever the chunking.
    let seed = i * 2654435761;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = (list) => list[Math.floor(random() * list.length)];
    const site = `news${Math.floor(random() * 60)}.example`;
    const title = Array.from({ length: 6 + Math.floor(random() * 6) }, () => pick(WORDS)).join(' ');
    const time = Math.floor(now - random() * span);
    votes.push({
      key: `https://${site}/story/${i}`,
      url: `https://www.${site}/story/${i}?ref=home`,
      title: title[0].toUpperCase() + title.slice(1),
      site,
      reaction: pick(REACTIONS),
      createdAt: time - 1000,
      updatedAt: time,
    });
  }
  return votes;
}
