import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { APPLIED_VOTES_KEPT, REVOKED_PROOFS_KEPT } from '../../src/background/database';
import { createOriginProofs, createRevokedProofs } from '../../src/background/origin-proof';
import { pendingVoteProof } from '../../src/core/pending-vote-proof';

let counter = 0;
const freshName = () => `origin-proof-${++counter}`;
const origin = 'https://news.example';
const call = { input: { url: `${origin}/a`, title: 'A', reaction: 'love' }, op: 1_000_001 };

/** The proof a content script given `proofKey` keeps `kept` with. */
const proveWith = (proofKey: string, kept = call) =>
  pendingVoteProof(proofKey, kept.input, kept.op);

describe('createOriginProofs', () => {
  it("verifies a call proven with its origin's key, and with no other origin's", async () => {
    const proofs = createOriginProofs(freshName());
    const proof = proveWith(await proofs.keyFor(origin));
    expect(await proofs.verify(origin, call, proof)).toBe(true);
    expect(await proofs.verify('https://other.example', call, proof)).toBe(false);
    const http = proveWith(await proofs.keyFor('http://news.example'));
    expect(await proofs.verify(origin, call, http)).toBe(false);
  });

  // What a vote kept aside carries is every content script's to read: it proves that call only.
  it.each([
    ['another article', { ...call, input: { ...call.input, url: `${origin}/b` } }],
    ['another reaction', { ...call, input: { ...call.input, reaction: 'angry' } }],
    ['another title', { ...call, input: { ...call.input, title: 'B' } }],
    ['a declared address', { ...call, input: { ...call.input, declaredUrls: [`${origin}/b`] } }],
    ['another operation id', { ...call, op: call.op + 1 }],
  ])("verifies no call with %s under another call's proof", async (_name, other) => {
    const proofs = createOriginProofs(freshName());
    const proof = proveWith(await proofs.keyFor(origin));
    expect(await proofs.verify(origin, other, proof)).toBe(false);
  });

  // Read back from storage.local: Chrome keeps it as JSON (another order of keys; a title cut
  // inside an emoji comes back with U+FFFD), Firefox as written.
  it('verifies the call as storage gives it back', async () => {
    const proofs = createOriginProofs(freshName());
    const cut = { ...call, input: { reaction: 'love', title: 'Fire \ud83d', url: `${origin}/a` } };
    const proof = proveWith(await proofs.keyFor(origin), cut);
    const readBack = {
      ...cut,
      input: { url: cut.input.url, title: 'Fire \ufffd', reaction: 'love' },
    };
    expect(await proofs.verify(origin, readBack, proof)).toBe(true);
  });

  it.each([
    ['nothing', undefined],
    ['a number', 42],
    ['empty text', ''],
    ['text that is not base64', 'not a proof!'],
    ['a longer text', 'A'.repeat(100_000)],
  ])('verifies %s as no proof', async (_name, proof) => {
    expect(await createOriginProofs(freshName()).verify(origin, call, proof)).toBe(false);
  });

  // A vote kept aside before the browser restarted (or the worker stopped) is checked by the
  // next background.
  // A vote whose check throws is tried again at each start: one no text can be made of is
  // none proven, and is dropped.
  it('verifies a call too deep to write as text as unproven', async () => {
    const proofs = createOriginProofs(freshName());
    let deep: unknown = {};
    for (let depth = 0; depth < 100_000; depth++) deep = { deep };
    const forged = { ...call, input: { ...call.input, deep } };
    const proof = proveWith(await proofs.keyFor(origin));
    await expect(proofs.verify(origin, forged, proof)).resolves.toBe(false);
  });

  it('keeps its key: the next background verifies what this one signed', async () => {
    const name = freshName();
    const first = createOriginProofs(name, () => 1000);
    const proof = proveWith(await first.keyFor(origin));
    expect(await first.madeHere()).toBe(true);
    const next = createOriginProofs(name, () => 2000);
    expect(await next.verify(origin, call, proof)).toBe(true);
    expect(await next.madeAt()).toBe(1000);
    expect(await next.madeHere()).toBe(false);
  });

  it('makes two different keys in two databases (a proof is no constant)', async () => {
    const [one, other] = await Promise.all(
      [freshName(), freshName()].map((name) => createOriginProofs(name).keyFor(origin)),
    );
    expect(one).not.toBe(other);
  });

  it('makes a key anew where the stored one is unreadable', async () => {
    const name = freshName();
    const db = await openDB(name, 1, { upgrade: (fresh) => void fresh.createObjectStore('keys') });
    await db.put('keys', { secret: 'oops', madeAt: 5 }, 'origin-proof');
    db.close();
    const proofs = createOriginProofs(name, () => 9000);
    expect(await proofs.verify(origin, call, proveWith(await proofs.keyFor(origin)))).toBe(true);
    expect(await proofs.madeAt()).toBe(9000);
    expect(await proofs.madeHere()).toBe(true);
  });
});

describe('createOriginProofs: votes kept aside that were applied', () => {
  const proof = 'A'.repeat(43) + '=';

  it('remembers each applied by its operation id and proof, for the next background too', async () => {
    const name = freshName();
    await createOriginProofs(name).rememberApplied([{ op: 5, proof }]);
    const next = createOriginProofs(name);
    expect(await next.wasApplied({ op: 5, proof })).toBe(true);
    expect(await next.wasApplied({ op: 5, proof: 'B' + proof.slice(1) })).toBe(false);
    expect(await next.wasApplied({ op: 6, proof })).toBe(false);
  });

  // A content script removes what it likes from storage.local: what is no proof is not kept.
  it.each([
    ['no proof', { op: 5, proof: undefined }],
    ['text longer than a proof', { op: 5, proof: 'A'.repeat(100_000) }],
    ['an operation id that is no time', { op: Number.NaN, proof }],
  ])('passes over %s', async (_name, vote) => {
    const proofs = createOriginProofs(freshName());
    await proofs.rememberApplied([vote]);
    expect(await proofs.wasApplied({ op: 5, proof: 'A'.repeat(100_000) })).toBe(false);
    expect(await proofs.wasApplied({ op: 5, proof })).toBe(false);
  });

  // Kept for the latest only: one clicked before all of them was applied or let go with them.
  it(`keeps the ${APPLIED_VOTES_KEPT} latest, and takes any vote before them as applied`, async () => {
    const proofs = createOriginProofs(freshName());
    const applied = Array.from({ length: APPLIED_VOTES_KEPT + 10 }, (_, i) => ({
      op: 1000 + i,
      proof,
    }));
    await proofs.rememberApplied(applied.slice(0, 5));
    expect(await proofs.wasApplied({ op: 999, proof })).toBe(false);
    await proofs.rememberApplied(applied.slice(5));
    expect(await proofs.wasApplied({ op: 999, proof })).toBe(true);
    expect(await proofs.wasApplied({ op: 1000 + APPLIED_VOTES_KEPT + 10, proof })).toBe(false);
    expect(await proofs.wasApplied(applied.at(-1)!)).toBe(true);
  });

  // Remembered while the clock ran ahead: the floor would refuse every vote until time caught up.
  it('takes no vote as applied for being before a floor ahead of the clock', async () => {
    let now = 1_000_000_000;
    const proofs = createOriginProofs(freshName(), () => now);
    const dayAhead = (now + 86_400_000) * 1000;
    const applied = Array.from({ length: APPLIED_VOTES_KEPT + 10 }, (_, i) => ({
      op: dayAhead + i,
      proof,
    }));
    await proofs.rememberApplied(applied);
    expect(await proofs.wasApplied({ op: now * 1000, proof })).toBe(false);
    expect(await proofs.wasApplied(applied.at(-1)!)).toBe(true);
    now += 2 * 86_400_000;
    expect(await proofs.wasApplied({ op: dayAhead - 1, proof })).toBe(true);
  });

  // The key the version before made stays: the votes it proved are still applied.
  it('keeps the key of a database from before it remembered applied votes', async () => {
    const name = freshName();
    const old = await openDB(name, 1, { upgrade: (fresh) => void fresh.createObjectStore('keys') });
    const secret = crypto.getRandomValues(new Uint8Array(32));
    await old.put('keys', { secret, madeAt: 5 }, 'origin-proof');
    old.close();
    const proofs = createOriginProofs(name, () => 9000);
    expect(await proofs.madeAt()).toBe(5);
    expect(await proofs.madeHere()).toBe(false);
    await proofs.rememberApplied([{ op: 7, proof }]);
    expect(await proofs.wasApplied({ op: 7, proof })).toBe(true);
  });
});

describe('createRevokedProofs', () => {
  const proof = (i: number) => `${String(i).padStart(8, '0')}${'A'.repeat(35)}=`;

  it('remembers each revoked, for the next background too, and forgets one set again', async () => {
    const name = freshName();
    await createRevokedProofs(name).revise({ revoke: [proof(1), proof(2)], reinstate: [] });
    const next = createRevokedProofs(name);
    expect(await next.among([proof(1), proof(2), proof(3)])).toEqual(new Set([proof(1), proof(2)]));
    await next.revise({ revoke: [proof(3)], reinstate: [proof(1)] });
    expect(await next.among([proof(1), proof(2), proof(3)])).toEqual(new Set([proof(2), proof(3)]));
    expect(await next.among([])).toEqual(new Set());
  });

  // A correction lives for years: none is taken as revoked for being old, only the earliest
  // revoked are let go, after more removals than a reader makes.
  it(`keeps the ${REVOKED_PROOFS_KEPT} latest revoked`, async () => {
    const proofs = createRevokedProofs(freshName());
    await proofs.revise({ revoke: [proof(0)], reinstate: [] });
    const later = Array.from({ length: REVOKED_PROOFS_KEPT }, (_, i) => proof(i + 1));
    await proofs.revise({ revoke: later.slice(0, 10), reinstate: [] });
    expect(await proofs.among([proof(0)])).toEqual(new Set([proof(0)]));
    await proofs.revise({ revoke: later.slice(10), reinstate: [] });
    expect(await proofs.among([proof(0), proof(1), later.at(-1)!])).toEqual(
      new Set([proof(1), later.at(-1)!]),
    );
  });

  it('keeps the key and the applied votes of a database from before it revoked proofs', async () => {
    const name = freshName();
    const old = await openDB(name, 2, {
      upgrade(fresh) {
        fresh.createObjectStore('keys');
        fresh.createObjectStore('applied');
      },
    });
    await old.put(
      'keys',
      { secret: crypto.getRandomValues(new Uint8Array(32)), madeAt: 5 },
      'origin-proof',
    );
    await old.put('applied', true, [7, proof(7)]);
    old.close();
    const proofs = createOriginProofs(name, () => 9000);
    expect(await proofs.madeAt()).toBe(5);
    expect(await proofs.wasApplied({ op: 7, proof: proof(7) })).toBe(true);
    const revoked = createRevokedProofs(name);
    await revoked.revise({ revoke: [proof(7)], reinstate: [] });
    expect(await revoked.among([proof(7)])).toEqual(new Set([proof(7)]));
  });
});
