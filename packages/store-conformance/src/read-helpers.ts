import type { EventStore, FollowMessage, GlobalPosition, RecordedEvent } from '@order-ledger/core';

export async function readAllEvents(store: EventStore, after?: GlobalPosition): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll(after === undefined ? {} : { after })) events.push(event);
  return events;
}

/**
 * Follows the store until `until` says stop, with a deadline so a store that never delivers
 * fails the test instead of hanging it.
 */
export async function followUntil(
  store: EventStore,
  options: { after?: GlobalPosition; timeoutMs?: number },
  until: (seen: readonly FollowMessage[]) => boolean,
  onMessage?: (message: FollowMessage, seen: readonly FollowMessage[]) => Promise<void> | void,
): Promise<FollowMessage[]> {
  const controller = new AbortController();
  const seen: FollowMessage[] = [];
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 60_000);
  try {
    const follow = store.follow({
      signal: controller.signal,
      ...(options.after === undefined ? {} : { after: options.after }),
    });
    for await (const message of follow) {
      seen.push(message);
      await onMessage?.(message, seen);
      if (until(seen)) break;
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return seen;
}

export function labels(messages: readonly FollowMessage[]): string[] {
  return messages.map((message) => (message.kind === 'event' ? message.event.eventId : 'caught-up'));
}
