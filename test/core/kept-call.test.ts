import { describe, expect, it, vi } from 'vitest';
import {
  isKeptCallKey,
  keptCallKey,
  sendKeepingAside,
  type KeptCall,
  type KeptCallArea,
} from '../../src/core/kept-call';
import { CallError } from '../../src/protocol';

const kept: KeptCall = {
  call: 'setReaction',
  input: { url: 'https://news.example/a', title: 'A', reaction: 'love', tabId: 3 },
  op: 1_700_000_000_000_000,
  private: false,
};

/** A `storage.session` in a Map, whose writes land when `landWrites` is called. */
function fakeArea() {
  const items = new Map<string, unknown>();
  const pending: (() => void)[] = [];
  const area: KeptCallArea = {
    set: vi.fn(
      (values: Record<string, unknown>) =>
        new Promise<void>((done) =>
          pending.push(() => {
            for (const [name, value] of Object.entries(values)) items.set(name, value);
            done();
          }),
        ),
    ),
    remove: vi.fn(async (name: string) => void items.delete(name)),
  };
  const landWrites = async () => {
    for (const land of pending.splice(0)) land();
    await new Promise((done) => setTimeout(done, 0));
  };
  return { area, items, landWrites };
}

describe('keptCallKey', () => {
  it('names each writer apart, under the prefix isKeptCallKey knows', () => {
    expect(keptCallKey(5, 'a')).not.toBe(keptCallKey(5, 'b'));
    expect(isKeptCallKey(keptCallKey(5, 'a'))).toBe(true);
    expect(isKeptCallKey('private-vote:https://news.example/a')).toBe(false);
  });
});

describe('sendKeepingAside', () => {
  it('keeps the call, as the message it is, while it is on its way, and removes it once answered', async () => {
    const { area, items, landWrites } = fakeArea();
    let answer = (_value: string) => {};
    const sent = sendKeepingAside(area, kept, () => new Promise<string>((done) => (answer = done)));
    await landWrites();
    expect([...items.values()]).toEqual([kept]);
    answer('stored');
    expect(await sent).toBe('stored');
    await landWrites();
    expect(items.size).toBe(0);
  });

  it('removes it only once written, when the answer comes first', async () => {
    const { area, items, landWrites } = fakeArea();
    expect(await sendKeepingAside(area, kept, async () => 'stored')).toBe('stored');
    expect(area.remove).not.toHaveBeenCalled();
    await landWrites();
    expect(items.size).toBe(0);
  });

  it('leaves it for the background when no answer came', async () => {
    const { area, items, landWrites } = fakeArea();
    const unanswered = new CallError('no answer', { unanswered: true });
    await expect(sendKeepingAside(area, kept, () => Promise.reject(unanswered))).rejects.toBe(
      unanswered,
    );
    await landWrites();
    expect([...items.values()]).toEqual([kept]);
  });

  it('removes it when the background refused it: the reader is told it failed', async () => {
    const { area, items, landWrites } = fakeArea();
    const refused = new CallError('full', { kind: 'storage-full' });
    await expect(sendKeepingAside(area, kept, () => Promise.reject(refused))).rejects.toBe(refused);
    await landWrites();
    expect(items.size).toBe(0);
  });

  it('only sends where there is no area, or its write throws', async () => {
    expect(await sendKeepingAside(undefined, kept, async () => 'sent')).toBe('sent');
    const throwing: KeptCallArea = {
      set: () => {
        throw new Error('no storage.session here');
      },
      remove: vi.fn(async () => {}),
    };
    expect(await sendKeepingAside(throwing, kept, async () => 'sent')).toBe('sent');
    await new Promise((done) => setTimeout(done, 0));
    expect(throwing.remove).not.toHaveBeenCalled();
  });
});
