/**
 * The index a row of reactions moves keyboard focus to for `key`, from the button at `index`
 * of `count`: arrows step (wrapping round), Home and End jump; in right-to-left text the row
 * runs the other way, and so do the left and right arrows. Undefined for any other key.
 */
export function nextFocusIndex(
  key: string,
  index: number,
  count: number,
  rtl: boolean,
): number | undefined {
  const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
  const back = rtl ? 'ArrowRight' : 'ArrowLeft';
  const moves: Record<string, number> = {
    [forward]: index + 1,
    ArrowDown: index + 1,
    [back]: index - 1,
    ArrowUp: index - 1,
    Home: 0,
    End: count - 1,
  };
  const move = moves[key];
  return move === undefined ? undefined : (move + count) % count;
}
