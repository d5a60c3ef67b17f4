import { describe, expect, it } from 'vitest';
import { progressStyle, showsProgress } from './progress';

describe('progress bar', () => {
  it('is drawn only on a terminal that can redraw, for work of some size', () => {
    expect(showsProgress({ isTTY: true }, {}, 10_000, 5_000)).toBe(true);
    expect(showsProgress({ isTTY: false }, {}, 10_000, 5_000)).toBe(false);
    expect(showsProgress({}, {}, 10_000, 5_000)).toBe(false);
    expect(showsProgress({ isTTY: true }, { TERM: 'dumb' }, 10_000, 5_000)).toBe(false);
    expect(showsProgress({ isTTY: true }, {}, 10, 5_000)).toBe(false);
  });

  it('names its unit, and is plain text under NO_COLOR', () => {
    const coloured = progressStyle('importing', 'events', {});
    expect(coloured.format).toBe('importing [{bar}] {percentage}% {done} events');
    expect(coloured.hideCursor).toBe(true);
    const plain = progressStyle('importing', 'events', { NO_COLOR: '1' });
    expect(plain).toEqual({
      format: 'importing [{bar}] {percentage}% {done} events',
      barCompleteChar: '#',
      barIncompleteChar: '-',
      hideCursor: false,
    });
    // An empty NO_COLOR does not count, as the convention says.
    expect(progressStyle('importing', 'events', { NO_COLOR: '' }).hideCursor).toBe(true);
  });
});
