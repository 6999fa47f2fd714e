/**
 * The unusual-text corpus of unicode-text.test.ts against PostgreSQL (DATABASE_URL, a schema of its own): NUL and
 * lone surrogates are refused with a 400 naming the field before PostgreSQL could answer `invalid byte sequence
 * for encoding "UTF8"` (a 500); BOM, right-to-left text, combining marks and 4-byte emoji come back exactly,
 * the `name` and `description` columns included.
 */
import { createRuntime, ROLES, type Runtime } from '@agentflow/runtime';
import { schema } from '@agentflow/store-sql';
import { createScriptedProvider } from '@agentflow/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, greetRules, principal, WS1, WS2 } from './test-support/fixtures.js';
import {
  ACCEPTED_TEXT,
  checkRefusals,
  checkRoundTrips,
  REFUSED_LITERALS,
} from './test-support/unicode-corpus.js';

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;

describe.skipIf(!databaseUrl || !redisUrl)(
  'unusual text on PostgreSQL (needs DATABASE_URL and REDIS_URL)',
  () => {
    const schemaName = `srvtext_${process.pid}_${Date.now()}`;
    let runtime: Runtime;
    let app: FastifyInstance;

    beforeAll(async () => {
      runtime = await createRuntime({
        env: { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, AGENTFLOW_DB_SCHEMA: schemaName },
        models: createScriptedProvider({ rules: greetRules }),
      });
      await runtime.store.db
        .insert(schema.users)
        .values(
          [WS1, WS2].flatMap((ws) =>
            ROLES.map((role) => ({ id: principal(role, ws).userId, email: `${role}@${ws}.test` })),
          ),
        );
      await runtime.store.db.insert(schema.workspaces).values([
        { id: WS1, name: 'one', plan: 'pro' },
        { id: WS2, name: 'two', plan: 'pro' },
      ]);
      app = await createTestServer(runtime);
    }, 60_000);

    afterAll(async () => {
      await app?.close();
      await runtime?.store.db.execute(`drop schema if exists "${schemaName}" cascade`);
      await runtime?.close();
    });

    it('refuses NUL and lone surrogates in every stored field with 400 AF_VALIDATION and the path', async () => {
      expect(await checkRefusals(app)).toBe(REFUSED_LITERALS.length * 12);
    });

    it('stores BOM, RTL, combining marks and 4-byte emoji exactly as sent, columns included', async () => {
      expect(await checkRoundTrips(app)).toBe(ACCEPTED_TEXT.length);
    });
  },
);
