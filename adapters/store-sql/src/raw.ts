/**
 * The thin driver layer under the hot paths (step commits, execution reads and writes, leases): raw SQL text,
 * prepared once per connection and then only bound and executed. Planning the commit statement costs more than
 * running it (measured: about 2 ms planned each time vs 0.4 ms prepared on PGlite), so the hot statements bypass
 * Drizzle's query builder. Both drivers implement this interface; the statements are shared.
 */

/** A statement prepared under `name`; `types` are its parameter types in order (`jsonb`, `text`, ...). */
export interface Statement {
  readonly name: string;
  readonly text: string;
  readonly types: readonly string[];
}

export type Param = string | number | boolean | null;

export interface RawDb {
  /** Runs a prepared statement (preparing it on first use on this connection) and returns its rows. */
  run<T>(statement: Statement, params: readonly Param[]): Promise<T[]>;
  /** Runs an ad-hoc statement ($1, $2, ... placeholders) and returns its rows. */
  query<T>(text: string, params: readonly Param[]): Promise<T[]>;
}

/** Declares a statement; `$n::type` casts in `text` must match `types` (node-postgres infers from them). */
export function statement(name: string, types: readonly string[], text: string): Statement {
  return { name: `af_${name}`, text, types };
}
