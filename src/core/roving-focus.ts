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

/**
 * The item of `items` a key press on one of them moves focus to, read in the direction of
 * `container` (nextFocusIndex), the press's default prevented; undefined for any other key, a
 * press elsewhere, or one with a modifier: those are the browser's (Alt+Left goes back) or a
 * screen reader's. `shiftMoves`: Shift with an arrow still moves.
 */
export function rovingFocusTarget<T extends Element>(
  event: KeyboardEvent,
  items: readonly T[],
  container: Element,
  { shiftMoves = false } = {},
): T | undefined {
  if (event.altKey || event.ctrlKey || event.metaKey || (event.shiftKey && !shiftMoves)) return;
  const index = items.indexOf(event.target as T);
  if (index < 0) return;
  const rtl = getComputedStyle(container).direction === 'rtl';
  const next = nextFocusIndex(event.key, index, items.length, rtl);
  if (next === undefined) return;
  event.preventDefault();
  return items[next];
}
