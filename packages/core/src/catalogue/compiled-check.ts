import type { z } from 'zod';

/**
 * A zod schema turned into one generated function, for the happy path of validation: every append
 * and every imported event goes through the catalogue, and zod's general machinery (a payload
 * object and an issues array per field, a wrapper per check, calls it cannot inline) costs a few
 * microseconds an event: more than the database insert it guards, on a large import.
 *
 * The function gives zod's verdict and zod's output (unknown keys stripped, keys in the shape's
 * order, an optional key present as `undefined` kept), or `REFUSED`. It never says why: on
 * `REFUSED` the caller asks zod itself, so every message still comes from zod. Each leaf rule is
 * either the same comparison zod's check makes (`x > 0`, `Number.isSafeInteger(x)`, a pattern
 * test, the refinement's own function) or, where only a cheap bound is sure (a length near its
 * limit, counted in code points), zod's own check function run on a payload. Anything else in a
 * schema (transforms, defaults, plain unions, catch-alls, checks it does not know) makes
 * `compileCheck` answer `undefined`, and that schema stays with zod. Equal verdicts and outputs
 * are tested against zod on generated good and bad events (compiled-check.test.ts).
 */
export const REFUSED: unique symbol = Symbol('refused');

export type CompiledCheck = (value: unknown) => unknown;

/** What a zod 4 schema or check exposes to libraries that read it (`zod/v4/core`'s `_zod`). */
interface ZodInternals {
  readonly _zod: {
    readonly def: Readonly<Record<string, unknown>> & { readonly type: string; readonly checks?: readonly unknown[] };
    readonly traits: ReadonlySet<string>;
    readonly optin?: string;
    readonly optout?: string;
    readonly values?: ReadonlySet<unknown>;
    readonly check?: ZodCheckRun;
  };
}

interface Payload {
  value: unknown;
  issues: unknown[];
}

type ZodCheckRun = (payload: Payload) => unknown;

class NotCompilable extends Error {}

/** The compiled check of `schema`, or undefined when it uses something this compiler does not know. */
export function compileCheck(schema: z.ZodType): CompiledCheck | undefined {
  const code = new Code();
  let root: string;
  try {
    root = code.function(schema as unknown as ZodInternals);
  } catch (error) {
    if (error instanceof NotCompilable) return undefined;
    throw error;
  }
  try {
    const build = new Function('r', 'REFUSED', 'refined', 'passes', `${code.text()}\nreturn ${root};`);
    return build(code.refs, REFUSED, refined, passes) as CompiledCheck;
  } catch {
    // Code generation may be forbidden (--disallow-code-generation-from-strings): zod it is.
    return undefined;
  }
}

/** A refinement's answer as zod reads it: truthy passes; a promise cannot be awaited here. */
function refined(result: unknown): boolean {
  return !(result instanceof Promise) && Boolean(result);
}

const payload: Payload = { value: undefined, issues: [] };

/** zod's own check on `value`: the exact rule, where a shortcut would not be sure. */
function passes(check: ZodCheckRun, value: unknown): boolean {
  payload.value = value;
  if (payload.issues.length > 0) payload.issues = [];
  return !(check(payload) instanceof Promise) && payload.issues.length === 0;
}

/** String formats that are a pattern test and nothing more. */
const patternFormats = new Set(['datetime', 'date', 'time', 'regex']);

/**
 * The generated source: one function per object, array, optional or union; leaves (strings,
 * numbers, booleans, enums, literals) are inline tests. Constants (sets, patterns, refinements,
 * zod's check functions) are passed in by reference as `r[i]`, never written into the source.
 */
class Code {
  readonly refs: unknown[] = [];
  readonly #functions: string[] = [];

  text(): string {
    return this.#functions.join('\n');
  }

  ref(value: unknown): string {
    this.refs.push(value);
    return `r[${this.refs.length - 1}]`;
  }

  /** A JavaScript test that is true when `x` (a variable name) passes the leaf `schema`; undefined for a non-leaf. */
  leaf(schema: ZodInternals, x: string): string | undefined {
    const def = schema._zod.def;
    if (def.coerce === true) throw new NotCompilable('coercion');
    let base: string;
    switch (def.type) {
      case 'string':
        base = `typeof ${x} === "string"`;
        break;
      case 'number':
        base = `typeof ${x} === "number" && Number.isFinite(${x})`;
        break;
      case 'boolean':
        base = `typeof ${x} === "boolean"`;
        break;
      case 'enum':
      case 'literal': {
        if (schema._zod.values === undefined) throw new NotCompilable('values');
        base = `${this.ref(schema._zod.values)}.has(${x})`;
        break;
      }
      default:
        return undefined;
    }
    return [base, ...this.#checks(schema, x, def.type === 'string')].map((test) => `(${test})`).join(' && ');
  }

  /** Emits a function returning the parsed value or REFUSED, and gives its name. */
  function(schema: ZodInternals): string {
    const name = `f${this.#functions.length}`;
    this.#functions.push('');
    const def = schema._zod.def;
    if (def.coerce === true) throw new NotCompilable('coercion');
    const leaf = this.leaf(schema, 'v');
    let body: string;
    if (leaf !== undefined) body = `return ${leaf} ? v : REFUSED;`;
    else if (def.type === 'optional') body = `return v === undefined ? undefined : ${this.#inner(def)}(v);`;
    else if (def.type === 'array') body = this.#array(schema);
    else if (def.type === 'object') body = this.#object(schema);
    else if (def.type === 'union') body = this.#union(def);
    else throw new NotCompilable(def.type);
    this.#functions[Number(name.slice(1))] = `function ${name}(v) {\n${body}\n}`;
    return name;
  }

  #inner(def: Readonly<Record<string, unknown>>): string {
    const inner = def.innerType as ZodInternals;
    if (inner._zod.optin !== undefined) throw new NotCompilable('defaulted optional');
    return this.function(inner);
  }

  #array(schema: ZodInternals): string {
    const element = schema._zod.def.element as ZodInternals;
    const leaf = this.leaf(element, 'x');
    const item =
      leaf !== undefined ? `if (!(${leaf})) return REFUSED; out[i] = x;` : this.#call(element, 'x', 'out[i]');
    return [
      'if (!Array.isArray(v)) return REFUSED;',
      'const n = v.length; const out = new Array(n);',
      `for (let i = 0; i < n; i += 1) { const x = v[i]; ${item} }`,
      ...this.#checks(schema, 'out', false).map((test) => `if (!(${test})) return REFUSED;`),
      'return out;',
    ].join('\n');
  }

  /** Statements that run `schema`'s function on `x` and put the result in `target`, refusing on REFUSED. */
  #call(schema: ZodInternals, x: string, target: string): string {
    return `{ const w = ${this.function(schema)}(${x}); if (w === REFUSED) return REFUSED; ${target} = w; }`;
  }

  #object(schema: ZodInternals): string {
    const def = schema._zod.def;
    if (def.catchall !== undefined) throw new NotCompilable('catchall');
    const shape = def.shape as Record<string, ZodInternals>;
    if (Object.getOwnPropertySymbols(shape).length > 0) throw new NotCompilable('symbol keys');
    const lines = ['if (typeof v !== "object" || v === null || Array.isArray(v)) return REFUSED;', 'const o = {};'];
    for (const key of Object.keys(shape)) {
      // zod never copies a `__proto__` key into its output.
      if (key === '__proto__') continue;
      const field = shape[key] as ZodInternals;
      const k = JSON.stringify(key);
      const { optin, optout } = field._zod;
      const optional = optin === 'optional' && optout === 'optional' && field._zod.def.type === 'optional';
      if (!optional && (optin !== undefined || optout !== undefined)) throw new NotCompilable('optionality');
      // Each field is read once, then asked whether it is there, in zod's order.
      if (!optional) {
        const leaf = this.leaf(field, 'x');
        lines.push(
          leaf !== undefined
            ? `{ const x = v[${k}]; if (!(${leaf})) return REFUSED; if (!(${k} in v)) return REFUSED; o[${k}] = x; }`
            : `{ const w = ${this.function(field)}(v[${k}]); if (w === REFUSED || !(${k} in v)) return REFUSED; o[${k}] = w; }`,
        );
        continue;
      }
      // Optional: undefined passes; a value that fails refuses only when the key is there.
      const inner = field._zod.def.innerType as ZodInternals;
      if (inner._zod.optin !== undefined) throw new NotCompilable('defaulted optional');
      const leaf = this.leaf(inner, 'x');
      const result = leaf !== undefined ? `(${leaf}) ? x : REFUSED` : `${this.function(inner)}(x)`;
      lines.push(
        `{ const x = v[${k}]; const w = x === undefined ? undefined : ${result}; const here = ${k} in v;`,
        `  if (w === REFUSED) { if (here) return REFUSED; } else if (here) o[${k}] = w; }`,
      );
    }
    lines.push(...this.#checks(schema, 'o', false).map((test) => `if (!(${test})) return REFUSED;`), 'return o;');
    return lines.join('\n');
  }

  #union(def: Readonly<Record<string, unknown>>): string {
    const discriminator = def.discriminator;
    if (typeof discriminator !== 'string' || def.unionFallback === true) throw new NotCompilable('plain union');
    const byValue = new Map<unknown, string>();
    for (const option of def.options as readonly ZodInternals[]) {
      const shape = option._zod.def.shape as Record<string, ZodInternals> | undefined;
      const values = shape?.[discriminator]?._zod.values;
      if (option._zod.def.type !== 'object' || values === undefined) throw new NotCompilable('union option');
      const name = this.function(option);
      for (const tag of values) {
        if (tag === undefined || byValue.has(tag)) throw new NotCompilable('ambiguous tag');
        byValue.set(tag, name);
      }
    }
    // zod picks the option by Map lookup (SameValueZero); so does this.
    const table = this.ref(new Map([...byValue.keys()].map((tag, index) => [tag, index])));
    const cases = [...byValue.values()].map((name, index) => `case ${index}: return ${name}(v);`).join(' ');
    return [
      'if (typeof v !== "object" || v === null || Array.isArray(v)) return REFUSED;',
      `switch (${table}.get(v[${JSON.stringify(discriminator)}])) { ${cases} default: return REFUSED; }`,
    ].join('\n');
  }

  /**
   * Tests for the checks on `schema` (a string format is a schema that is its own check), in zod's
   * order. On strings, lengths are counted in code points by zod: a count in code units decides
   * only when it is far enough from the limit, otherwise zod's check is asked.
   */
  #checks(schema: ZodInternals, x: string, isString: boolean): string[] {
    const all: ZodInternals[] = [];
    if (schema._zod.traits.has('$ZodCheck')) all.push(schema);
    for (const check of schema._zod.def.checks ?? []) all.push(check as ZodInternals);
    return all.map((check) => {
      const def = check._zod.def;
      const run = check._zod.check;
      if (run === undefined) throw new NotCompilable('check without a function');
      const zodCheck = `passes(${this.ref(run)}, ${x})`;
      switch (def.check) {
        case 'min_length':
          return isString
            ? `${x}.length >= ${2 * Number(def.minimum)} || ${zodCheck}`
            : `${x}.length >= ${Number(def.minimum)}`;
        case 'max_length':
          return isString
            ? `${x}.length <= ${Number(def.maximum)} || ${zodCheck}`
            : `${x}.length <= ${Number(def.maximum)}`;
        case 'length_equals':
          return isString ? zodCheck : `${x}.length === ${Number(def.length)}`;
        case 'greater_than':
          return `${x} ${def.inclusive === true ? '>=' : '>'} ${this.ref(def.value)}`;
        case 'less_than':
          return `${x} ${def.inclusive === true ? '<=' : '<'} ${this.ref(def.value)}`;
        case 'number_format':
          return def.format === 'safeint' ? `Number.isSafeInteger(${x})` : zodCheck;
        case 'string_format': {
          const pattern = def.pattern;
          if (!patternFormats.has(String(def.format)) || !(pattern instanceof RegExp))
            throw new NotCompilable(`format ${String(def.format)}`);
          const re = this.ref(pattern);
          return `(${re}.lastIndex = 0, ${re}.test(${x}))`;
        }
        case 'custom':
          if (def.when !== undefined || typeof def.fn !== 'function') throw new NotCompilable('conditional refinement');
          return `refined(${this.ref(def.fn)}(${x}))`;
        default:
          throw new NotCompilable(`check ${String(def.check)}`);
      }
    });
  }
}
