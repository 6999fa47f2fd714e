import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { importOptional, isMissingPackage, loadOptional } from './optional.js';

const require = createRequire(import.meta.url);
const ABSENT = 'agentflow-not-installed-package';

describe('optional dependencies', () => {
  it('a missing CommonJS package fails with AF_VALIDATION naming the package to install', () => {
    let caught: unknown;
    try {
      loadOptional(() => require(ABSENT), ABSENT, 'the feature');
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({
      code: 'AF_VALIDATION',
      message: `the feature needs the package ${ABSENT}, which is not installed: run \`npm install ${ABSENT}\``,
      details: { missingPackage: ABSENT },
    });
  });

  it('a missing ES module package likewise', async () => {
    await expect(importOptional(() => import(ABSENT), ABSENT, 'PostgreSQL')).rejects.toMatchObject({
      code: 'AF_VALIDATION',
      details: { missingPackage: ABSENT },
    });
  });

  it('an installed package loads; other failures (a package missing something else) pass through unchanged', async () => {
    expect(loadOptional(() => require('zod') as { z: unknown }, 'zod', 'x').z).toBeDefined();
    const other = Object.assign(new Error(`Cannot find module 'left-pad' required by ${ABSENT}`), {
      code: 'MODULE_NOT_FOUND',
    });
    expect(isMissingPackage(other, ABSENT)).toBe(false);
    expect(() =>
      loadOptional(
        () => {
          throw other;
        },
        ABSENT,
        'x',
      ),
    ).toThrow(other);
    await expect(importOptional(() => Promise.reject(new Error('boom')), 'zod', 'x')).rejects.toThrow('boom');
  });
});
