import { describe, expect, it } from 'vitest';
import {
  CALL_AUDIENCE,
  InvalidMessageError,
  parseCallMessage,
  parseContentMessage,
} from '../src/protocol';

describe('parseCallMessage for reactionShown', () => {
  it.each([
    [{ reaction: 'wow' }, { reaction: 'wow' }],
    [{ reaction: null, extra: 1 }, { reaction: null }],
  ])('accepts %j', (input, expected) => {
    expect(parseCallMessage({ call: 'reactionShown', input })).toEqual({
      call: 'reactionShown',
      input: expected,
    });
  });

  it.each([
    [{ call: 'reactionShown' }],
    [{ call: 'reactionShown', input: { reaction: 'meh' } }],
    [{ call: 'reactionShown', input: {} }],
    // The old envelope of tab notices is gone: one envelope for every call.
    [{ tabNotice: 'reactionShown', input: { reaction: 'wow' } }],
  ])('refuses %j', (message) => {
    expect(() => parseCallMessage(message)).toThrow(InvalidMessageError);
  });
});

describe('CALL_AUDIENCE', () => {
  it('lets content scripts make only the calls about their own tab', () => {
    const forContent = Object.entries(CALL_AUDIENCE)
      .filter(([, audience]) => audience !== 'extension')
      .map(([call]) => call)
      .sort();
    expect(forContent).toEqual([
      'detectorWanted',
      'getCorrection',
      'getReaction',
      'getSiteState',
      'reactionShown',
      'setReaction',
      'toolbarWanted',
    ]);
  });

  // Every page's title and address the reader corrected: no page's business.
  it('lists the corrected pages to extension pages only', () => {
    expect(CALL_AUDIENCE.listCorrections).toBe('extension');
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
