/**
 * Runs `run` while counting the reads of `prototype`'s `property` getter on the nodes
 * `isCounted` picks, and puts the getter back after, even when `run` throws: how a test states
 * that a DOM read is not made (jsdom builds a node's objects on each first read).
 */
export function countGetterReads<T extends object, R>(
  prototype: T,
  property: string,
  isCounted: (node: T) => boolean,
  run: () => R,
): { result: R; reads: number } {
  const descriptor = Object.getOwnPropertyDescriptor(prototype, property)!;
  let reads = 0;
  Object.defineProperty(prototype, property, {
    ...descriptor,
    get(this: T) {
      if (isCounted(this)) reads++;
      return descriptor.get!.call(this) as unknown;
    },
  });
  try {
    const result = run();
    return { result, reads };
  } finally {
    Object.defineProperty(prototype, property, descriptor);
  }
}
