/**
 * Heavy libraries that only some deployments use, loaded on first use instead of at start: an embedded server
 * that never sends mail, queries a database, parses a page or stores artifacts in S3 does not pay for them
 * (together ~45 MB of the idle server's RSS). Each is a CommonJS build loaded with `require`, so callers stay
 * synchronous; types come from the ordinary type-only imports.
 *
 * pg, pg-cursor, nodemailer and @aws-sdk/client-s3 are optional peer dependencies (package.json): a deployment that
 * uses the feature installs them. Missing, the feature fails with AF_VALIDATION naming the package to install.
 */
import { createRequire } from 'node:module';
import { loadOptional } from '@agentflow/core';
import type MailComposer from 'nodemailer/lib/mail-composer';

const require = createRequire(import.meta.url);

function once<T>(name: string, feature: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= loadOptional(() => require(name) as T, name, feature);
    return loaded;
  };
}

export const loadPg = once<typeof import('pg')>('pg', 'sql_query (PostgreSQL)');
export const loadPgCursor = once<typeof import('pg-cursor')>('pg-cursor', 'sql_query (PostgreSQL)');
export const loadNodemailer = once<typeof import('nodemailer')>(
  'nodemailer',
  'send_email and invitation mail (SMTP)',
);
/** nodemailer's message builder (`gmail_send`); a missing nodemailer fails as `loadNodemailer` does. */
export function loadMailComposer(): typeof MailComposer {
  loadOptional(() => require.resolve('nodemailer'), 'nodemailer', 'gmail_send');
  return require('nodemailer/lib/mail-composer') as typeof MailComposer;
}
export const loadCheerio = once<typeof import('cheerio')>('cheerio', 'web_fetch');
export const loadS3 = once<typeof import('@aws-sdk/client-s3')>(
  '@aws-sdk/client-s3',
  'S3 artifacts (ARTIFACTS_URL=s3://...)',
);
