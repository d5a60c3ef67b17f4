import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { syntheticHistory } from '../testing/synthetic-history';
import { compileCheck, REFUSED } from './compiled-check';
import { EventCatalogue } from './event-catalogue';
import { ledgerCatalogue, ledgerEventSchema } from './ledger-catalogue';

/**
 * The oracle is zod itself: for every value, the compiled check must give zod's verdict and, when
 * it accepts, exactly zod's output (the same keys in the same order, `undefined` kept where zod
 * keeps it). Values come from a generator that reads the schema (mostly valid events of every type,
 * every optional field present, absent or explicitly undefined, unknown keys added) and from
 * mutating those at a random place with hostile values (wrong types, boundaries in code units and
 * code points, NUL, bad dates, missing keys, `__proto__`), plus the events the real deciders write.
 */

type Def = { readonly type: string; readonly [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const checksOf = (schema: unknown) =>
  ((defOf(schema).checks ?? []) as unknown[]).map((check) => defOf(check) as Record<string, unknown>);

/** Strings a leaf is likely to meet, good and bad, tried before random text. */
const stringPool = [
  '',
  'a',
  'EUR',
  'JPY',
  'BHD',
  'EUD',
  'eur',
  'DE',
  'de',
  '🇩🇪',
  'D',
  'x'.repeat(40),
  'x'.repeat(41),
  'x'.repeat(200),
  'x'.repeat(201),
  '😀'.repeat(100),
  '😀'.repeat(101),
  '😀'.repeat(201),
  'a\u0000b',
  '2026-03-02T09:00:00Z',
  '2026-03-02T09:00:00.123+01:00',
  '2024-02-29T23:59:59-14:00',
  '2026-02-30T09:00:00Z',
  '2026-03-02T09:00:00',
  '2026-03-02',
  '2026-03-02T24:00:00Z',
];
const hostile: unknown[] = [
  undefined,
  null,
  true,
  false,
  0,
  -0,
  1,
  -1,
  2,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  2 ** 53,
  2 ** 53 - 1,
  -(2 ** 53),
  ...stringPool,
  [],
  [1],
  [undefined],
  {},
  { a: 1 },
  'ship',
  'pickup',
  'none',
  'physical',
  'recount',
  'OrderPlaced',
  'Paid',
  'AddressChanged',
];

/** A generator that follows the schema: mostly valid values, refined by zod's verdict per leaf. */
function arbitraryOf(schema: z.ZodType): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const checks = checksOf(schema);
  const leaf = (arbitrary: fc.Arbitrary<unknown>) =>
    fc.oneof(
      { weight: 4, arbitrary: arbitrary.filter((value) => schema.safeParse(value).success) },
      { weight: 1, arbitrary },
    );
  switch (def.type) {
    case 'string': {
      const max = Number(checks.find((check) => check.check === 'max_length')?.maximum ?? 12);
      const text = fc.oneof(
        fc.constantFrom(...stringPool),
        fc.string({ maxLength: Math.min(max, 12) }),
        fc.string({ unit: 'grapheme', maxLength: 6 }),
        fc
          .date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true })
          .map((date) => date.toISOString()),
      );
      return leaf(text);
    }
    case 'number':
      return leaf(fc.oneof(fc.integer({ min: -3, max: 50_000 }), fc.constantFrom(...hostile)));
    case 'boolean':
      return leaf(fc.boolean());
    case 'enum':
    case 'literal':
      return fc.constantFrom(...(schema as unknown as { _zod: { values: Set<unknown> } })._zod.values);
    case 'optional':
      return arbitraryOf(def.innerType as z.ZodType);
    case 'array': {
      const min = Number(checks.find((check) => check.check === 'min_length')?.minimum ?? 0);
      return fc.array(arbitraryOf(def.element as z.ZodType), { minLength: min, maxLength: min + 2 });
    }
    case 'union':
      return fc.oneof(...(def.options as z.ZodType[]).map((option) => arbitraryOf(option)));
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const fields = Object.entries(shape).map(([key, field]) => {
        const optional = defOf(field).type === 'optional';
        const value = arbitraryOf(field);
        // An optional field absent, present as undefined, or present with a value.
        const slot = optional
          ? fc.oneof(
              fc.constant({ absent: true }),
              fc.constant({ value: undefined }),
              value.map((v) => ({ value: v })),
            )
          : value.map((v) => ({ value: v }));
        return slot.map((s) => [key, s] as const);
      });
      const extra = fc.option(fc.constantFrom('extra', 'notes', 'amountCents'), { nil: undefined });
      return fc.tuple(fc.tuple(...fields), extra).map(([slots, extraKey]) => {
        const object: Record<string, unknown> = {};
        for (const [key, slot] of slots) if (!('absent' in slot)) object[key] = slot.value;
        if (extraKey !== undefined) object[extraKey] = 'ignored';
        return object;
      });
    }
    default:
      throw new Error(`no generator for ${def.type}`);
  }
}

/** Every place in a value: its path and the value there. */
function places(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const found = [path];
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) found.push(...places(item, [...path, index]));
  } else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) found.push(...places(item, [...path, key]));
  return found;
}

type Mutation = 'replace' | 'delete' | 'proto' | 'extra';

/** `value` with one change at the place `pick` chooses; never changes the original. */
function mutate(value: unknown, pick: number, how: Mutation, replacement: unknown): unknown {
  const copy = structuredClone(value);
  const all = places(copy).filter((path) => path.length > 0);
  const path = all[pick % Math.max(all.length, 1)];
  if (path === undefined) return replacement;
  let parent = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (how === 'delete') delete parent[last];
  else if (how === 'proto') Object.defineProperty(parent, '__proto__', { value: replacement, enumerable: true });
  else if (how === 'extra') parent.unexpected = replacement;
  else parent[last] = replacement;
  return copy;
}

/** Keys in order, down the whole value, `undefined`-valued keys included: what toStrictEqual skips. */
function keyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keyOrder);
  if (typeof value !== 'object' || value === null) return typeof value;
  return Object.keys(value).map((key) => [key, keyOrder((value as Record<string, unknown>)[key])]);
}

const compiledChecks = new Map<z.ZodType, ReturnType<typeof compileCheck>>();

function expectSameVerdict(schema: z.ZodType, value: unknown): boolean {
  if (!compiledChecks.has(schema)) compiledChecks.set(schema, compileCheck(schema));
  const check = compiledChecks.get(schema);
  if (check === undefined) throw new Error('not compiled');
  const zod = schema.safeParse(value);
  const compiled = check(value);
  expect(compiled !== REFUSED, JSON.stringify(value)).toBe(zod.success);
  if (zod.success) {
    expect(compiled).toStrictEqual(zod.data);
    expect(keyOrder(compiled)).toEqual(keyOrder(zod.data));
  }
  return zod.success;
}

const events = ledgerEventSchema as unknown as z.ZodType;
const goodEvent = arbitraryOf(events);
const mutatedEvent = fc
  .tuple(
    goodEvent,
    fc.nat(),
    fc.constantFrom<Mutation>('replace', 'replace', 'replace', 'delete', 'proto', 'extra'),
    fc.constantFrom(...hostile),
  )
  .map(([value, pick, how, replacement]) => mutate(value, pick, how, replacement));

describe('the compiled check', () => {
  it('compiles every event of the ledger catalogue, and the catalogue as a whole', () => {
    for (const option of ledgerEventSchema.def.options) expect(compileCheck(option)).toBeDefined();
    expect(compileCheck(ledgerEventSchema)).toBeDefined();
  });

  it('gives zod’s verdict and zod’s output on generated events, and both verdicts occur for every type', () => {
    const seen = new Map<string, { good: number; bad: number }>();
    fc.assert(
      fc.property(fc.oneof(goodEvent, mutatedEvent, mutatedEvent), (value) => {
        const good = expectSameVerdict(events, value);
        const type = String((value as { type?: unknown } | null)?.type);
        const tally = seen.get(type) ?? { good: 0, bad: 0 };
        tally[good ? 'good' : 'bad'] += 1;
        seen.set(type, tally);
      }),
      { numRuns: 6000 },
    );
    for (const type of ledgerCatalogue.types) {
      expect(seen.get(type)?.good, `${type} accepted`).toBeGreaterThan(0);
      expect(seen.get(type)?.bad, `${type} refused`).toBeGreaterThan(0);
    }
  });

  it('gives zod’s verdict on the hostile values alone, at the top and as the data of each type', () => {
    for (const value of hostile) {
      expectSameVerdict(events, value);
      for (const type of ledgerCatalogue.types) expectSameVerdict(events, { type, data: value });
    }
  });

  it('agrees with zod on every event the real deciders write', () => {
    for (const { event } of syntheticHistory({ orders: 300 }).events) {
      expect(expectSameVerdict(events, JSON.parse(JSON.stringify(event)))).toBe(true);
    }
  });

  it('reads each field as often as zod does, and asks with `in` whether it is there', () => {
    const readsOf = (parse: (value: unknown) => unknown): number => {
      let reads = 0;
      const data = { at: '2026-03-02T09:00:00Z', lineIds: ['l1'] };
      const watched = new Proxy(data, {
        get: (target, key, receiver) => {
          if (key === 'at') reads += 1;
          return Reflect.get(target, key, receiver);
        },
      });
      parse({ type: 'DigitalDelivered', data: watched });
      return reads;
    };
    const compiled = compileCheck(events);
    expect(readsOf((value) => compiled?.(value))).toBe(readsOf((value) => events.parse(value)));
    expect(readsOf((value) => compiled?.(value))).toBe(1);
  });

  it('leaves to zod what it does not know, so a catalogue built on it still parses', () => {
    for (const schema of [
      z.string().transform((text) => text.trim()),
      z.union([z.string(), z.number()]),
      z.object({ a: z.string().default('x') }),
      z.object({ a: z.string() }).passthrough(),
      z.number().optional().default(3),
      z.string().toLowerCase(),
      z.url(),
    ]) {
      expect(compileCheck(schema)).toBeUndefined();
    }
    const catalogue = new EventCatalogue(
      z.discriminatedUnion('type', [
        z.object({ type: z.literal('Noted'), data: z.object({ at: z.string(), note: z.string().trim() }) }),
      ]),
    );
    expect(catalogue.parse({ type: 'Noted', data: { at: 'now', note: '  hi  ' } })).toEqual({
      type: 'Noted',
      data: { at: 'now', note: 'hi' },
    });
  });
});
