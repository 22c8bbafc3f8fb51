import { describe, expect, it } from 'vitest';
import { cleanTitle, MAX_TITLE_LENGTH, parseVote } from '../../src/core/vote';

describe('cleanTitle', () => {
  it.each([
    { name: 'a space', title: `${'a'.repeat(MAX_TITLE_LENGTH - 1)} next words` },
    { name: 'a space after emoji', title: `${'😮'.repeat(MAX_TITLE_LENGTH - 1)} next` },
    { name: 'a tab and line break', title: `${'a'.repeat(MAX_TITLE_LENGTH - 1)}\t\nnext` },
  ])('never ends a title cut at the limit with $name', ({ title }) => {
    const stored = cleanTitle(title);
    expect(stored).toBe(stored.trim());
    expect(Array.from(stored)).toHaveLength(MAX_TITLE_LENGTH - 1);
    // What an import of its export does to the title: nothing.
    expect(cleanTitle(stored)).toBe(stored);
  });
});

describe('parseVote', () => {
  it('imports a title cut at the limit as it was exported', () => {
    const stored = cleanTitle(`${'a'.repeat(MAX_TITLE_LENGTH - 1)} next words`);
    const exported = {
      key: 'https://news.example/story',
      url: 'https://news.example/story',
      title: stored,
      site: 'news.example',
      reaction: 'wow',
      createdAt: 1,
      updatedAt: 2,
    };
    expect(parseVote(exported)?.title).toBe(stored);
  });

  it('names a vote without a title by its address, no longer than a title, as a write does', () => {
    const url = `https://news.example/${'a'.repeat(MAX_TITLE_LENGTH * 2)}`;
    const imported = { key: url, url, title: ' ', reaction: 'wow', createdAt: 1, updatedAt: 2 };
    const title = parseVote(imported)?.title;
    expect(title).toBe(cleanTitle(url));
    expect(Array.from(title ?? '')).toHaveLength(MAX_TITLE_LENGTH);
    // What an import of its export does to the title: nothing.
    expect(parseVote({ ...imported, title })?.title).toBe(title);
  });
});
