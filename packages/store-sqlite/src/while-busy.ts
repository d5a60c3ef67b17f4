/**
 * Runs `step` again while SQLite answers SQLITE_BUSY, with a growing random pause between tries.
 *
 * The busy timeout covers waiting for a lock, but not every busy answer: while another process
 * switches a brand-new file to WAL or runs its first recovery, SQLite may answer busy at once, and
 * processes opening one new file together (a fleet of workers starting) saw "database is locked".
 * Opening is synchronous (better-sqlite3), so the pause blocks this thread: only ever at open.
 */
export function whileBusy<T>(step: () => T, maxTries = 12): T {
  for (let tries = 1; ; tries += 1) {
    try {
      return step();
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
      if (!code.startsWith('SQLITE_BUSY') || tries >= maxTries) throw error;
    }
    const pauseMs = Math.random() * Math.min(1000, 5 * 2 ** tries);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pauseMs);
  }
}
