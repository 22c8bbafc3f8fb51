// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { failureMessageKey, FAILURE_KINDS, isFailureKind } from '../../src/core/failure-kind';
import { MESSAGES } from '../../src/core/i18n';
import { CallError } from '../../src/protocol';

describe('isFailureKind', () => {
  it.each([...FAILURE_KINDS])('knows %s', (kind) => {
    expect(isFailureKind(kind)).toBe(true);
  });

  it.each([undefined, null, '', 'Storage-Full', '__proto__', 'constructor', 42, ['unknown'], {}])(
    'refuses %j',
    (value) => {
      expect(isFailureKind(value)).toBe(false);
    },
  );
});

describe('failureMessageKey', () => {
  const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  it.each([
    [
      'a full disk, as the background tells it',
      new CallError('…', { kind: 'storage-full' }),
      'errorStorageFull',
    ],
    [
      'a history an older version blocks',
      new CallError('…', { kind: 'database-blocked' }),
      'errorDatabaseBlocked',
    ],
    [
      'a history that took too long to open, nothing blocking it',
      new CallError('…', { kind: 'database-slow' }),
      'errorDatabaseSlow',
    ],
    ['a refused call', new CallError('…', { invalid: true, kind: 'refused' }), 'errorRefused'],
    ['a failure the background did not name', new CallError('database is gone'), 'errorUnknown'],
    [
      'no answer',
      new CallError('the background did not answer', { unanswered: true }),
      'errorNoAnswer',
    ],
    [
      'an extension gone from the page (updated, turned off or removed)',
      new CallError('the extension is gone', { unanswered: true, kind: 'extension-gone' }),
      'errorExtensionGone',
    ],
    ["the page's own full disk (writing a file)", quota, 'errorStorageFull'],
    ['an engine error', new TypeError('x is undefined'), 'errorUnknown'],
    [
      'a kind this version does not know',
      Object.assign(new Error('…'), { kind: 'toString' }),
      'errorUnknown',
    ],
    ['text', 'disk full', 'errorUnknown'],
    ['nothing', undefined, 'errorUnknown'],
    ['an object without a prototype', Object.create(null) as object, 'errorUnknown'],
  ] as const)('tells %s with %s', (_, failure, key) => {
    expect(failureMessageKey(failure)).toBe(key);
  });

  // Each reason goes inside a sentence of the page's language: the brand is its one Latin word.
  it.each([
    'errorStorageFull',
    'errorDatabaseBlocked',
    'errorDatabaseSlow',
    'errorRefused',
    'errorUnknown',
    'errorExtensionGone',
  ] as const)('words %s in Arabic without English', (key) => {
    expect(MESSAGES.ar[key].message.replaceAll('Moodmark', '')).not.toMatch(/[A-Za-z]/);
  });
});
