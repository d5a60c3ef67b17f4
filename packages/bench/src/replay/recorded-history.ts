import type { RecordedEvent } from '@order-ledger/core';
import type { Workload } from '@order-ledger/core/testing';

/** The benchmark workload as recorded events, positions 1…n, as a store would hand them out. */
export function recordedHistory(workload: Workload): RecordedEvent[] {
  const recordedAt = '2026-11-26T00:00:00.000Z';
  return workload.singles.map(
    (placed, index) =>
      ({
        type: placed.event.type,
        data: placed.event.data,
        eventId: placed.eventId,
        streamId: placed.streamId,
        revision: placed.revision,
        position: index + 1,
        schemaVersion: 1,
        metadata: {},
        recordedAt,
      }) as RecordedEvent,
  );
}
