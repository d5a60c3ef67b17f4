import type { EventMetadata } from '../event-store/types';

/** A fresh command id, for callers that do not bring their own. */
export function newCommandId(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * The id of the `index`-th event a command writes to a stream. Derived, not random, so a command
 * retried after a lost acknowledgement writes the same ids, and the store recognises the retry.
 */
export function eventIdFor(commandId: string, streamId: string, index: number): string {
  return `${commandId}:${streamId}:${index}`;
}

/** The events a command already wrote to a stream, if it ran before. */
export function eventsOfCommand<E extends { readonly metadata: EventMetadata }>(
  events: readonly E[],
  commandId: string,
): E[] {
  return events.filter((event) => event.metadata.commandId === commandId);
}
