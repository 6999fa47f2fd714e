/**
 * Column conventions every schema module shares: times are `timestamptz` read as Dates (millisecond values in the
 * API), and server-generated ids are UUID text. Not part of the exported schema (drizzle-kit and the `schema`
 * namespace see tables only).
 */
import { sql } from 'drizzle-orm';

export const tz = { withTimezone: true, mode: 'date' } as const;
export const uuidDefault = sql`gen_random_uuid()::text`;
