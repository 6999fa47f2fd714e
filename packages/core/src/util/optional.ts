import { AgentFlowError } from '@agentflow/protocol';

/**
 * Optional dependencies (issue 18, item 7): drivers and SDKs that only some deployments use (pg, bullmq, ioredis,
 * @aws-sdk/client-s3, nodemailer, ...) are optional peer dependencies of the packages that support them, loaded on
 * first use. When one is not installed, the feature that needs it fails with AF_VALIDATION naming the package to
 * install, instead of Node's bare "Cannot find module". The loader is the caller's (`() => require('pg')`), so the
 * specifier stays in the adapter that owns it.
 */
export function loadOptional<T>(load: () => T, pkg: string, feature: string): T {
  try {
    return load();
  } catch (error) {
    throw missingPackage(error, pkg, feature);
  }
}

/** `loadOptional` for an ES module (`() => import('pg')`). */
export async function importOptional<T>(load: () => Promise<T>, pkg: string, feature: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw missingPackage(error, pkg, feature);
  }
}

/** Whether `error` says that `pkg` itself (not something it imports) could not be found. */
export function isMissingPackage(error: unknown, pkg: string): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') return false;
  return error.message.includes(`'${pkg}'`) || error.message.includes(`"${pkg}"`);
}

function missingPackage(error: unknown, pkg: string, feature: string): unknown {
  if (!isMissingPackage(error, pkg)) return error;
  return new AgentFlowError(
    'AF_VALIDATION',
    `${feature} needs the package ${pkg}, which is not installed: run \`npm install ${pkg}\``,
    { details: { missingPackage: pkg }, cause: error },
  );
}
