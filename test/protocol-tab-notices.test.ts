import { describe, expect, it } from 'vitest';
import {
  InvalidMessageError,
  parseCallMessage,
  parseContentMessage,
  parseTabNotice,
} from '../src/protocol';

describe('parseTabNotice', () => {
  it.each([
    [{ tabNotice: 'reactionShown', input: { reaction: 'wow' } }, { reaction: 'wow' }],
    [{ tabNotice: 'reactionShown', input: { reaction: null, extra: 1 } }, { reaction: null }],
  ])('accepts %j', (message, input) => {
    expect(parseTabNotice(message)).toEqual({ tabNotice: 'reactionShown', input });
  });

  it('accepts toolbarWanted with an empty input only', () => {
    expect(parseTabNotice({ tabNotice: 'toolbarWanted', input: {} })).toEqual({
      tabNotice: 'toolbarWanted',
      input: {},
    });
    expect(() => parseTabNotice({ tabNotice: 'toolbarWanted', input: { file: 'x.js' } })).toThrow(
      InvalidMessageError,
    );
  });

  it.each([[null], ['text'], [{ call: 'getReaction', input: {} }], [{ notice: 'focusToolbar' }]])(
    'leaves other messages alone: %j',
    (message) => {
      expect(parseTabNotice(message)).toBeNull();
    },
  );

  it.each([
    [{ tabNotice: 'setBadge', input: {} }],
    [{ tabNotice: 'reactionShown' }],
    [{ tabNotice: 'reactionShown', input: { reaction: 'meh' } }],
    [{ tabNotice: 'reactionShown', input: {} }],
  ])('refuses a malformed tab notice: %j', (message) => {
    expect(() => parseTabNotice(message)).toThrow(InvalidMessageError);
  });
});

describe('new calls and notices', () => {
  it('validates listDisabledSites and focusToolbar', () => {
    expect(parseCallMessage({ call: 'listDisabledSites', input: {} })).toEqual({
      call: 'listDisabledSites',
      input: {},
    });
    expect(() => parseCallMessage({ call: 'listDisabledSites', input: { all: 1 } })).toThrow();
    expect(parseContentMessage({ notice: 'focusToolbar', input: {} })).toEqual({
      notice: 'focusToolbar',
      input: {},
    });
  });
});
