import { describe, expect, it } from 'vitest';
import { InMemoryEventStore } from '../event-store/in-memory-event-store';
import type { RecordedEvent } from '../event-store/types';
import { readEverything } from '../testing/run-scenario';
import { foldProjection } from './fold-projection';
import { foldProjections, slot } from './fold-projections';
import type { Projection } from './projection';

const counting = (name: string, types?: string[]): Projection<{ seen: number[] }> => ({
  name,
  version: 1,
  ...(types === undefined ? {} : { eventTypes: types }),
  initialState: () => ({ seen: [] }),
  evolve: (state, event) => {
    state.seen.push(event.position);
    return state;
  },
});

describe('foldProjections', () => {
  it('gives each projection what foldProjection would, in one pass, skipping what it has seen', async () => {
    const store = new InMemoryEventStore();
    const at = '2026-03-02T09:00:00Z';
    await store.appendToStream('stock-A', [
      { eventId: 'a', type: 'StockAdjusted', data: { at, sku: 'A', delta: 1, reason: 'received' } },
      { eventId: 'b', type: 'StockCommitted', data: { at, sku: 'A', orderId: 'o', lineId: 'l', quantity: 1 } },
    ]);
    const events: RecordedEvent[] = await readEverything(store);
    const all = counting('all');
    const adjusted = counting('adjusted', ['StockAdjusted']);
    const slots = [slot(all), slot(adjusted)];
    foldProjections(slots, [...events, ...events]);
    expect(slots.map((entry) => entry.current)).toEqual([
      foldProjection(all, events),
      foldProjection(adjusted, events),
    ]);
    expect(slots[1]?.current).toEqual({ state: { seen: [1] }, position: 2 });
  });
});
