import { describe, expect, it } from 'vitest';
import { sendKeepingAside, type PendingVoteArea } from '../../src/content/pending-vote';
import { pendingVoteKey } from '../../src/core/pending-vote';
import { pendingVoteProof } from '../../src/core/pending-vote-proof';
import { CallError, type CallInput } from '../../src/protocol';

const input: CallInput<'setReaction'> = {
  url: 'https://news.example/a',
  title: 'A',
  reaction: 'love',
};
const op = 1_700_000_000_000_001;
/** Whether `name` is a key this call is kept under: its id, and its page's own tag. */
const isNameOfThisCall = (name: string) => name.startsWith(`${pendingVoteKey(op)}:`);
/** The page's proof key, as the background gave it (ArticleState.proofKey). */
const proofKey = 'a2V5IG9mIHRoZSBwYWdl';
/** The proof of this call under it: what is kept, never the key (every content script reads it). */
const proof = pendingVoteProof(proofKey, input, op);

/** A `storage.local` in a Map that logs each write. */
function fakeArea() {
  const items = new Map<string, unknown>();
  const log: string[] = [];
  const area: PendingVoteArea = {
    async set(values) {
      for (const [key, value] of Object.entries(values)) items.set(key, value);
      log.push('set');
    },
    async remove(key) {
      items.delete(key);
      log.push('remove');
    },
  };
  return { area, items, log };
}

const settled = () => new Promise((done) => setTimeout(done, 0));

describe('sendKeepingAside', () => {
  it('keeps the exact call while it is sent, then removes it once answered', async () => {
    const { area, items, log } = fakeArea();
    let answer = (_value: string) => {};
    const sending = sendKeepingAside(
      area,
      input,
      op,
      proof,
      () => new Promise<string>((done) => (answer = done)),
    );
    await settled();
    expect([...items.keys()].every(isNameOfThisCall)).toBe(true);
    expect([...items.values()]).toEqual([{ call: 'setReaction', input, op, proof }]);
    answer('stored');
    await expect(sending).resolves.toBe('stored');
    await settled();
    expect(log).toEqual(['set', 'remove']);
    expect(items.size).toBe(0);
  });

  [
    { outcome: 'refused as invalid', error: new CallError('no', { invalid: true }), kept: false },
    { outcome: 'answered with a failure', error: new CallError('full'), kept: false },
    { outcome: 'never answered', error: new CallError('gone', { unanswered: true }), kept: true },
  ].forEach(({ outcome, error, kept }) => {
    it(`${kept ? 'keeps' : 'removes'} the call ${outcome}`, async () => {
      const { area, items } = fakeArea();
      await expect(
        sendKeepingAside(area, input, op, proof, () => Promise.reject(error)),
      ).rejects.toBe(error);
      await settled();
      expect([...items.keys()].filter(isNameOfThisCall)).toHaveLength(kept ? 1 : 0);
    });
  });

  it('still sends the call where the area throws at once (a page the update cut off)', async () => {
    const cutOff: PendingVoteArea = {
      set() {
        throw new Error('Extension context invalidated.');
      },
      remove: () => Promise.resolve(),
    };
    const unanswered = new CallError('gone', { unanswered: true });
    const sending = Promise.resolve().then(() =>
      sendKeepingAside(cutOff, input, op, proof, () => Promise.reject(unanswered)),
    );
    // The reader is told the background did not answer, as without the area.
    await expect(sending).rejects.toBe(unanswered);
  });

  // Operation ids count on within one page: two tabs' clicks in the same millisecond share one.
  it('keeps apart two calls with the same operation id, from two pages', async () => {
    const { area, items } = fakeArea();
    const other = { ...input, url: 'https://news.example/b', reaction: 'wow' as const };
    const never = () => new Promise<never>(() => {});
    void sendKeepingAside(area, input, op, proof, never);
    void sendKeepingAside(area, other, op, pendingVoteProof(proofKey, other, op), never);
    await settled();
    expect([...items.values()].map((kept) => (kept as { input: unknown }).input)).toEqual([
      input,
      other,
    ]);
  });

  it('writes nothing without an area (a private window)', async () => {
    await expect(sendKeepingAside(null, input, op, proof, async () => 'stored')).resolves.toBe(
      'stored',
    );
  });

  it('only sends a vote without a proof (the page got no key): the background would not apply it', async () => {
    const { area, log } = fakeArea();
    const unanswered = new CallError('gone', { unanswered: true });
    await expect(
      sendKeepingAside(area, input, op, null, () => Promise.reject(unanswered)),
    ).rejects.toBe(unanswered);
    await settled();
    expect(log).toEqual([]);
  });
});
