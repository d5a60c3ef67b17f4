import { inputLimits } from './input-limits';
import { NUL } from './nul-character';
import type { EventMetadata } from './types';

type MetadataValue = string | number | boolean;

/** The fields the ledger itself reads, and what each must be. */
const knownFields: Readonly<Record<string, { readonly kind: 'string' | 'boolean'; readonly maxLength?: number }>> = {
  commandId: { kind: 'string', maxLength: inputLimits.metadataIdLength },
  correlationId: { kind: 'string', maxLength: inputLimits.metadataIdLength },
  causationId: { kind: 'string', maxLength: inputLimits.metadataIdLength },
  actor: { kind: 'string', maxLength: inputLimits.metadataIdLength },
  compensates: { kind: 'string', maxLength: inputLimits.eventIdLength },
  stockFollows: { kind: 'boolean' },
};

/** The checked copy, or what is wrong with the metadata: the field (`metadata.commandId`) and why. */
export type CheckedMetadata =
  | { readonly ok: true; readonly metadata: EventMetadata }
  | { readonly ok: false; readonly field: string; readonly reason: string };

/**
 * An event's metadata as it will be stored: a fresh plain object holding each value read exactly
 * once, so a getter, a `toJSON` or a later change by the caller cannot make the stored metadata
 * differ from the checked one. Metadata must be a plain object (or absent) of strings, finite
 * numbers and booleans, without U+0000, within `inputLimits.metadataBytes` as JSON; the fields
 * the ledger reads have their own types and lengths. Keys whose value is undefined are dropped,
 * as JSON would.
 */
export function checkMetadata(raw: unknown): CheckedMetadata {
  if (raw === undefined) return { ok: true, metadata: {} };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      field: 'metadata',
      reason: `must be a plain object, not ${Array.isArray(raw) ? 'an array' : typeof raw}`,
    };
  }
  const prototype: unknown = Object.getPrototypeOf(raw);
  if (prototype !== Object.prototype && prototype !== null) {
    return { ok: false, field: 'metadata', reason: 'must be a plain object, not an instance of a class' };
  }
  const checked: Record<string, MetadataValue> = {};
  // An upper bound on the JSON's length, so the common small metadata is never serialised here.
  let bound = 2;
  for (const key of Object.keys(raw)) {
    if (key.includes(NUL)) return { ok: false, field: 'metadata', reason: 'a key holds the NUL character (U+0000)' };
    const value: unknown = (raw as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const fault = valueFault(key, value);
    if (fault !== undefined) return { ok: false, field: `metadata.${key}`, reason: fault };
    // A `__proto__` key stays a key, as JSON would keep it, instead of replacing the prototype.
    if (key === '__proto__')
      Object.defineProperty(checked, key, { value, enumerable: true, writable: true, configurable: true });
    else checked[key] = value as MetadataValue;
    bound += jsonLengthBound(key) + jsonLengthBound(value as MetadataValue) + 2;
  }
  // UTF-8 takes at most three bytes per UTF-16 code unit: under that, the limit cannot be reached.
  if (bound * 3 <= inputLimits.metadataBytes) return { ok: true, metadata: checked };
  const json = JSON.stringify(checked);
  // UTF-8 never takes fewer bytes than UTF-16 code units, so a long string is refused unencoded.
  const bytes = json.length > inputLimits.metadataBytes ? json.length : utf8.encode(json).byteLength;
  if (bytes > inputLimits.metadataBytes) {
    return {
      ok: false,
      field: 'metadata',
      reason: `is at least ${bytes} bytes as JSON; at most ${inputLimits.metadataBytes} are kept`,
    };
  }
  return { ok: true, metadata: checked };
}

/** The most code units a value can take in JSON: every unit of a string escaped as `\uXXXX`, and its quotes. */
function jsonLengthBound(value: MetadataValue): number {
  if (typeof value === 'string') return value.length * 6 + 2;
  return typeof value === 'number' ? 24 : 5;
}

const utf8 = new TextEncoder();

function valueFault(key: string, value: unknown): string | undefined {
  const known = Object.hasOwn(knownFields, key) ? knownFields[key] : undefined;
  if (known?.kind === 'boolean' && typeof value !== 'boolean') return 'must be a boolean';
  if (known?.kind === 'string') {
    if (typeof value !== 'string' || value === '') return 'must be a non-empty string';
    if (known.maxLength !== undefined && value.length > known.maxLength) {
      return `is ${value.length} characters long; at most ${known.maxLength} are allowed`;
    }
  }
  if (typeof value === 'string') return value.includes(NUL) ? 'must not contain the NUL character (U+0000)' : undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : 'must be a finite number';
  if (typeof value === 'boolean') return undefined;
  return `must be a string, a finite number or a boolean, not ${value === null ? 'null' : typeof value}`;
}
