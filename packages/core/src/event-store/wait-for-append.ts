/** The part of an event emitter a follower waits on: Node's `EventEmitter` fits. */
export interface AppendSignal {
  once(event: 'append', listener: () => void): unknown;
  off(event: 'append', listener: () => void): unknown;
}

/**
 * Resolves on the next append in this process, after `pollMs` (to find other processes' appends),
 * or when `signal` aborts, whichever comes first. What a polling follower sleeps on.
 */
export function nextAppendOrPoll(
  appended: AppendSignal,
  pollMs: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      appended.off('append', done);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, pollMs);
    appended.once('append', done);
    signal?.addEventListener('abort', done, { once: true });
  });
}
