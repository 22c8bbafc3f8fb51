import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { createOriginProofs } from '../../src/background/origin-proof';

let counter = 0;
const freshName = () => `origin-proof-${++counter}`;
const origin = 'https://news.example';

describe('createOriginProofs', () => {
  it("verifies an origin's proof, and no other origin's", async () => {
    const proofs = createOriginProofs(freshName());
    const proof = await proofs.sign(origin);
    expect(await proofs.verify(origin, proof)).toBe(true);
    expect(await proofs.verify('https://other.example', proof)).toBe(false);
    expect(await proofs.verify(origin, await proofs.sign('http://news.example'))).toBe(false);
  });

  it.each([
    ['nothing', undefined],
    ['a number', 42],
    ['empty text', ''],
    ['text that is not base64', 'not a proof!'],
    ['a longer text', 'A'.repeat(100_000)],
  ])('verifies %s as no proof', async (_name, proof) => {
    expect(await createOriginProofs(freshName()).verify(origin, proof)).toBe(false);
  });

  // A vote kept aside before the browser restarted (or the worker stopped) is checked by the
  // next background.
  it('keeps its key: the next background verifies what this one signed', async () => {
    const name = freshName();
    const proof = await createOriginProofs(name, () => 1000).sign(origin);
    const next = createOriginProofs(name, () => 2000);
    expect(await next.verify(origin, proof)).toBe(true);
    expect(await next.madeAt()).toBe(1000);
  });

  it('makes two different keys in two databases (a proof is no constant)', async () => {
    const [one, other] = await Promise.all(
      [freshName(), freshName()].map((name) => createOriginProofs(name).sign(origin)),
    );
    expect(one).not.toBe(other);
  });

  it('makes a key anew where the stored one is unreadable', async () => {
    const name = freshName();
    const db = await openDB(name, 1, { upgrade: (fresh) => void fresh.createObjectStore('keys') });
    await db.put('keys', { secret: 'oops', madeAt: 5 }, 'origin-proof');
    db.close();
    const proofs = createOriginProofs(name, () => 9000);
    expect(await proofs.verify(origin, await proofs.sign(origin))).toBe(true);
    expect(await proofs.madeAt()).toBe(9000);
  });
});
