/**
 * Heavy libraries that only some deployments use, loaded on first use instead of at start: an embedded server
 * that never sends mail, queries a database, parses a page or stores artifacts in S3 does not pay for them
 * (together ~45 MB of the idle server's RSS). Each is a CommonJS build loaded with `require`, so callers stay
 * synchronous; types come from the ordinary type-only imports.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function once<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(name) as T;
    return loaded;
  };
}

export const loadPg = once<typeof import('pg')>('pg');
export const loadNodemailer = once<typeof import('nodemailer')>('nodemailer');
export const loadCheerio = once<typeof import('cheerio')>('cheerio');
export const loadS3 = once<typeof import('@aws-sdk/client-s3')>('@aws-sdk/client-s3');
