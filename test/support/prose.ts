/** Text of exactly `chars` characters, in sentences: the body text of hand-made test pages. */
export function prose(chars: number): string {
  const sentence = 'Rain fell on the old harbour town all through the night. ';
  return sentence
    .repeat(Math.ceil(chars / sentence.length))
    .slice(0, chars)
    .trim()
    .padEnd(chars, 'x');
}
