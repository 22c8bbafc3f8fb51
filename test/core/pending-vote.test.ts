import { describe, expect, it } from 'vitest';
import {
  isPendingVoteKey,
  PENDING_VOTE_KEY_PREFIX,
  pendingVoteKey,
} from '../../src/core/pending-vote';
import { CORRECTION_KEY_PREFIX } from '../../src/core/page-corrections';
import { SETTINGS_KEY } from '../../src/core/settings';

describe('pendingVoteKey', () => {
  it('names the call by its operation id, after the prefix', () => {
    expect(pendingVoteKey(1_700_000_000_000_123)).toBe(
      `${PENDING_VOTE_KEY_PREFIX}1700000000000123`,
    );
  });

  it('names it by its writer too, where given: two pages may make the same id', () => {
    expect(pendingVoteKey(7, 'a1')).toBe(`${PENDING_VOTE_KEY_PREFIX}7:a1`);
    expect(isPendingVoteKey(pendingVoteKey(7, 'a1'))).toBe(true);
  });
});

describe('isPendingVoteKey', () => {
  [
    { name: pendingVoteKey(7), expected: true },
    { name: SETTINGS_KEY, expected: false },
    { name: `${CORRECTION_KEY_PREFIX}https://news.example/a`, expected: false },
    { name: 'pendingvote:7', expected: false },
  ].forEach(({ name, expected }) => {
    it(`${name} → ${expected}`, () => {
      expect(isPendingVoteKey(name)).toBe(expected);
    });
  });
});
