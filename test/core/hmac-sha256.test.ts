import { createHmac, createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256, sha256 } from '../../src/core/hmac-sha256';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const text = (value: string) => new TextEncoder().encode(value);

describe('sha256', () => {
  // Each length around a block's end (55, 56, 64 bytes) pads differently.
  [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000].forEach((length) => {
    it(`digests ${length} bytes as Node does`, () => {
      const message = randomBytes(length);
      expect(hex(sha256(message))).toBe(createHash('sha256').update(message).digest('hex'));
    });
  });
});

describe('hmacSha256', () => {
  // RFC 4231, test cases 1 and 2.
  [
    {
      key: new Uint8Array(20).fill(0x0b),
      message: text('Hi There'),
      expected: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    },
    {
      key: text('Jefe'),
      message: text('what do ya want for nothing?'),
      expected: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    },
  ].forEach(({ key, message, expected }, index) => {
    it(`gives RFC 4231's test case ${index + 1}`, () => {
      expect(hex(hmacSha256(key, message))).toBe(expected);
    });
  });

  // A key longer than a block is hashed first.
  [16, 32, 64, 65, 131].forEach((keyLength) => {
    it(`signs under a ${keyLength}-byte key as Node does`, () => {
      const key = randomBytes(keyLength);
      const message = randomBytes(200);
      expect(hex(hmacSha256(key, message))).toBe(
        createHmac('sha256', key).update(message).digest('hex'),
      );
    });
  });
});
