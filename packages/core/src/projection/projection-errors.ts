import { LedgerError } from '../errors/ledger-error';
import type { RecordedEvent } from '../event-store/types';

/**
 * A projection could not fold an event (a poison event). The runner stops here instead of
 * skipping it: the checkpoint stays at the last good event, so nothing is silently lost.
 * @remedy Read the cause and the event named in the message, fix the projection so it folds that
 * event, and run it again: it resumes at that event.
 */
export class ProjectionFailedError extends LedgerError {
  readonly code = 'PROJECTION_FAILED' as const;
  readonly projection: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  readonly eventType: string;

  constructor(projection: string, event: RecordedEvent, cause: unknown) {
    super(
      `projection ${projection} stopped at ${event.type} (stream ${event.streamId}, revision ${event.revision}, position ${event.position}): ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.projection = projection;
    this.streamId = event.streamId;
    this.revision = event.revision;
    this.position = event.position;
    this.eventType = event.type;
  }
}
