import { LedgerError } from '../errors/ledger-error';

/** Where a bad event was found, so the message can send the reader straight to it. */
export interface EventLocation {
  readonly streamId?: string;
  readonly revision?: number;
  readonly file?: string;
  readonly line?: number;
}

export interface EventIssue {
  /** The dotted path to the field, from the event's root: `data.lines.0.unitPrice.currency`. */
  readonly path: string;
  readonly reason: string;
}

function describeLocation(location: EventLocation): string {
  const parts: string[] = [];
  if (location.file !== undefined)
    parts.push(location.line === undefined ? location.file : `${location.file}:${location.line}`);
  else if (location.line !== undefined) parts.push(`line ${location.line}`);
  if (location.streamId !== undefined) parts.push(`stream ${location.streamId}`);
  if (location.revision !== undefined) parts.push(`revision ${location.revision}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/**
 * An event that does not match the catalogue: it names the event, each field and the reason.
 * @remedy Correct the event's data as `issues` says (docs/events.md describes each event).
 */
export class EventValidationError extends LedgerError {
  readonly code = 'EVENT_INVALID' as const;
  readonly eventType: string;
  readonly issues: readonly EventIssue[];
  readonly location: EventLocation;

  constructor(eventType: string, issues: readonly EventIssue[], location: EventLocation = {}) {
    const listed = issues.map((issue) => `${issue.path || '(event)'}: ${issue.reason}`).join('; ');
    super(`invalid ${eventType} event${describeLocation(location)}: ${listed}`);
    this.eventType = eventType;
    this.issues = issues;
    this.location = location;
  }
}

/**
 * An event type the catalogue does not know, such as one written by a foreign writer.
 * @remedy Check the type's spelling; events of another application belong in streams of their
 * own, or in a store of their own.
 */
export class UnknownEventTypeError extends LedgerError {
  readonly code = 'EVENT_UNKNOWN_TYPE' as const;
  readonly eventType: string;
  readonly location: EventLocation;

  constructor(eventType: string, location: EventLocation = {}) {
    super(`unknown event type "${eventType}"${describeLocation(location)}`);
    this.eventType = eventType;
    this.location = location;
  }
}
