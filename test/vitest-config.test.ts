import { expect, it } from 'vitest';

// What a test formats without naming a language (a view given no locale) is read as English on
// any machine, as in CI: test/vitest.config.ts starts the workers in one locale.
it("formats dates and numbers in English whatever the machine's language", () => {
  expect(new Intl.DateTimeFormat().resolvedOptions().locale).toBe('en-US');
  expect((1234.5).toLocaleString()).toBe('1,234.5');
});
