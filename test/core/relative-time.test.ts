import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from '../../src/core/relative-time';

const now = Date.UTC(2026, 10, 25, 12, 0, 0);
const minute = 60_000;

describe('formatRelativeTime', () => {
  it.each([
    { ago: 0, text: 'just now' },
    { ago: -5 * minute, text: 'just now' },
    { ago: 59_000, text: 'just now' },
    { ago: 5 * minute, text: '5 minutes ago' },
    { ago: 3 * 60 * minute, text: '3 hours ago' },
    { ago: 24 * 60 * minute, text: 'yesterday' },
    { ago: 3 * 24 * 60 * minute, text: '3 days ago' },
    { ago: 14 * 24 * 60 * minute, text: '2 weeks ago' },
    { ago: 365 * 24 * 60 * minute, text: 'Nov 25, 2025' },
  ])('$ago ms ago reads "$text"', ({ ago, text }) => {
    expect(formatRelativeTime(now - ago, now, 'en-US')).toBe(text);
  });
});
