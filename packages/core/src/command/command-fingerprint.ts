import { LedgerError } from '../errors/ledger-error';

/**
 * A short digest of a command's content, kept in the metadata of the events it writes. A command
 * id sent again is a retry only if it carries the same command: a different one under a reused id
 * would otherwise be answered "already handled" and silently dropped.
 *
 * FNV-1a (64-bit) over the command's JSON with keys sorted: deterministic across processes and
 * runtimes, and needs no crypto module. It guards against mistakes, not against an adversary.
 */
export function commandFingerprint(command: unknown): string {
  const text = canonicalJson(command);
  let hash = 0xcbf29ce484222325n;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= BigInt(text.charCodeAt(index));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A command id that already named a different command.
 * @remedy Give each command an id of its own; a retry sends the same command under the same id.
 */
export class CommandIdReusedError extends LedgerError {
  readonly code = 'COMMAND_ID_REUSED' as const;
  readonly commandId: string;

  constructor(commandId: string, type: string) {
    super(
      `command id ${commandId} already recorded a different command; this ${type} needs an id of its own (a retry must send the same command)`,
    );
    this.commandId = commandId;
  }
}
