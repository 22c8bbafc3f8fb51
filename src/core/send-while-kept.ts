import { CallError } from '../protocol';

/** The parts of a storage area that a call kept aside uses. */
export interface KeepingArea {
  set(items: Record<string, unknown>): Promise<void>;
  remove(name: string): Promise<void>;
}

/**
 * Sends a call through `send` while `record` is kept in `area` under `name`: removed once the
 * background has answered, or refused it (the caller hears so: it is not applied later); one the
 * background never answered stays for it to apply.
 */
export function sendWhileKept<T>(
  area: KeepingArea,
  name: string,
  record: unknown,
  send: () => Promise<T>,
): Promise<T> {
  let writing: Promise<void>;
  try {
    writing = area.set({ [name]: record });
  } catch (error) {
    // Chrome throws at once in a page an update cut off; its call then fails as unanswered.
    writing = Promise.reject(error);
  }
  const written = writing.then(
    () => true,
    () => false,
  );
  // Removed after it was written: removed first, it would be written back and applied again.
  const forget = () => {
    void written.then((wasWritten) => (wasWritten ? area.remove(name) : undefined)).catch(() => {});
  };
  const sending = send();
  sending.then(forget, (error: unknown) => {
    if (!(error instanceof CallError && error.unanswered)) forget();
  });
  return sending;
}

/** A random tag: a kept call's own among those kept with the same operation id. */
export function randomTag(): string {
  // Not randomUUID, which a page served over plain HTTP (no secure context) lacks.
  const [high = 0, low = 0] = crypto.getRandomValues(new Uint32Array(2));
  return high.toString(36) + low.toString(36);
}
