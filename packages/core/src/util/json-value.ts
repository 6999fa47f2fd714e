/**
 * Whether a value can be stored as JSON within `ValueLimits` (the engine checks step outputs, execution inputs and
 * payloads with it before anything is committed). It walks the value as `JSON.stringify` would (`toJSON`
 * first, own enumerable keys, `undefined`/functions/symbols left out of objects and `null` in arrays) and adds up
 * the length of the text it would write, escapes aside, stopping as soon as a limit is passed: the walk costs at
 * most about `maxChars` steps whatever the value (each one adds at least a character), and nothing for a number,
 * a boolean or a string, which most outputs are.
 */
import type { ValueLimits } from '@agentflow/protocol';

/** What is wrong with a value: `invalid` (not JSON), or `too-large` (size or depth); `path` as `root.a[0].b`. */
export interface ValueFault {
  kind: 'invalid' | 'too-large';
  path: string;
  message: string;
}

/**
 * The length of `value`'s JSON text (0 for a lone number, boolean or null, which are not measured: they cannot be
 * long), or its first fault (named `root` in the path).
 */
export function measureJson(value: unknown, limits: ValueLimits, root: string): number | ValueFault {
  switch (typeof value) {
    case 'string':
      return value.length + 2 > limits.maxChars ? tooLong(root, limits) : value.length + 2;
    case 'object':
    case 'bigint': {
      if (value === null) return 0;
      const walk = new JsonWalk(limits, root);
      return walk.fault(value) ?? walk.length;
    }
    default:
      return 0;
  }
}

/** The first fault of `value` (named `root` in the path), or undefined when it can be stored. */
export function jsonValueFault(value: unknown, limits: ValueLimits, root: string): ValueFault | undefined {
  const measured = measureJson(value, limits, root);
  return typeof measured === 'number' ? undefined : measured;
}

function tooLong(path: string, limits: ValueLimits): ValueFault {
  return {
    kind: 'too-large',
    path,
    message: `its JSON is longer than ${limits.maxChars} characters`,
  };
}

/** Thrown inside the walk to stop it; carries the fault. */
class Stop {
  constructor(readonly fault: ValueFault) {}
}

class JsonWalk {
  private chars = 0;
  /** The objects and arrays being walked, outermost first (a cycle is one that is already here). */
  private readonly open: object[] = [];
  /** The key of each value below the root on the current path. */
  private readonly keys: (string | number)[] = [];

  constructor(
    private readonly limits: ValueLimits,
    private readonly root: string,
  ) {}

  /** The JSON text's length so far (all of it once `fault` found none). */
  get length(): number {
    return this.chars;
  }

  fault(value: unknown): ValueFault | undefined {
    try {
      this.visit(value, '');
      return undefined;
    } catch (error) {
      if (error instanceof Stop) return error.fault;
      // A getter or toJSON threw (JSON.stringify would have too).
      const reason = error instanceof Error ? error.message : String(error);
      return this.stop('invalid', `reading it threw: ${reason.slice(0, 200)}`).fault;
    }
  }

  private path(): string {
    let path = this.root;
    for (const k of this.keys) path += typeof k === 'number' ? `[${k}]` : `.${k}`;
    return path;
  }

  private stop(kind: ValueFault['kind'], message: string): Stop {
    return new Stop({ kind, path: this.path(), message });
  }

  private add(n: number): void {
    this.chars += n;
    if (this.chars > this.limits.maxChars) throw new Stop(tooLong(this.path(), this.limits));
  }

  private visit(input: unknown, key: string): void {
    let value = input;
    if (
      (typeof value === 'object' && value !== null) ||
      // JSON.stringify asks a BigInt for toJSON too (BigInt.prototype.toJSON, if someone defined it).
      typeof value === 'bigint'
    ) {
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') value = toJSON.call(value, key);
    }
    switch (typeof value) {
      case 'string':
        this.add(value.length + 2);
        return;
      case 'number':
        this.add(numberChars(value));
        return;
      case 'boolean':
        this.add(value ? 4 : 5);
        return;
      case 'bigint':
        throw this.stop('invalid', 'a BigInt is not a JSON value');
      case 'object':
        if (value === null) {
          this.add(4);
          return;
        }
        this.container(value);
        return;
      default:
        // undefined, a function or a symbol: `null` in an array (an object leaves its key out before this).
        this.add(4);
    }
  }

  private container(value: object): void {
    if (this.open.includes(value)) throw this.stop('invalid', 'it refers to itself (a cycle)');
    if (this.open.length >= this.limits.maxDepth) {
      throw this.stop('too-large', `it is nested deeper than ${this.limits.maxDepth} levels`);
    }
    this.open.push(value);
    this.add(2);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (i > 0) this.add(1);
        this.keys.push(i);
        this.visit(value[i], String(i));
        this.keys.pop();
      }
    } else {
      let first = true;
      for (const k of Object.keys(value)) {
        this.keys.push(k);
        const v = (value as Record<string, unknown>)[k];
        if (v !== undefined && typeof v !== 'function' && typeof v !== 'symbol') {
          this.add(k.length + (first ? 3 : 4));
          first = false;
          this.visit(v, k);
        }
        this.keys.pop();
      }
    }
    this.open.pop();
  }
}

/** Characters of a number in JSON (`null` for NaN and the infinities); exact for integers below 1e21. */
function numberChars(n: number): number {
  if (!Number.isFinite(n)) return 4;
  if (Number.isInteger(n) && Math.abs(n) < 1e21) {
    let digits = n < 0 ? 2 : 1;
    for (let x = Math.abs(n); x >= 10; x = Math.floor(x / 10)) digits++;
    return digits;
  }
  return String(n).length;
}
