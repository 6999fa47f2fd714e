import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findTextProblems, scanJsonText } from '@agentflow/protocol';
import { CliError } from './errors.js';

/**
 * Reads a workflow definition: a JSON file, or a JavaScript module (`.js`, `.mjs`) whose default export is the
 * workflow. The result is not validated here; the engine does that, reporting every problem with its path.
 */
export async function loadWorkflowFile(file: string, cwd: string): Promise<unknown> {
  const path = resolve(cwd, file);
  const ext = extname(path).toLowerCase();
  if (ext === '.js' || ext === '.mjs') {
    await readText(path, file); // a clear "cannot read" before import() reports it differently
    let module: { default?: unknown };
    try {
      module = (await import(pathToFileURL(path).href)) as { default?: unknown };
    } catch (error) {
      throw new CliError(`${file}: cannot load module: ${messageOf(error)}`);
    }
    if (module.default === undefined) throw new CliError(`${file}: the module has no default export`);
    return checkText(module.default, file);
  }
  if (ext === '.ts' || ext === '.mts') {
    throw new CliError(`${file}: TypeScript workflow files are not supported; use JSON or a .js module`);
  }
  return parseJson(await readText(path, file), file);
}

/** Reads a JSON file (scripts, `@file` inputs). */
export async function loadJsonFile(file: string, cwd: string): Promise<unknown> {
  return parseJson(await readText(resolve(cwd, file), file), file);
}

/** `--input` takes inline JSON or `@path` to a JSON file. */
export async function parseInputArg(value: string | undefined, cwd: string): Promise<unknown> {
  if (value === undefined) return null;
  if (value.startsWith('@')) return loadJsonFile(value.slice(1), cwd);
  return parseJson(value, '--input');
}

async function readText(path: string, shown: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${shown}: no such file`);
    if (code === 'EISDIR') throw new CliError(`${shown}: is a directory, not a file`);
    throw new CliError(`${shown}: cannot read: ${messageOf(error)}`);
  }
}

/**
 * Parses JSON; on failure says where (line and column) instead of throwing a SyntaxError. Strings holding a NUL
 * or a lone surrogate are refused with their path, as the server refuses them (`checkText: false` skips this for
 * backups, whose stored values may legitimately hold them: the store keeps such JSON escaped). Nesting deeper than
 * `JSON_LIMITS.maxDepth` (64) is refused before parsing, as the server does: such a value could not be stored.
 * Local files may hold any number of keys (a backup to import, a large input).
 */
export function parseJson(text: string, shown: string, options: { checkText?: boolean } = {}): unknown {
  const issue = scanJsonText(text, { maxEntries: Number.POSITIVE_INFINITY });
  if (issue) {
    throw new CliError(
      `${shown}: ${issue.message}${issue.path === '' ? '' : ` at ${issue.path}`} (${issue.code})`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${shown}: invalid JSON: ${describeJsonError(text, error)}`);
  }
  return options.checkText === false ? value : checkText(value, shown);
}

/**
 * The server's rule for text (`textProblem` in @agentflow/protocol): no NUL character and no lone UTF-16
 * surrogate in any string or key, refused with the path of each, before anything is stored or sent.
 */
function checkText<T>(value: T, shown: string): T {
  const issues = findTextProblems(value, '', 5);
  if (issues.length === 0) return value;
  const where = issues.map((i) => `${i.path === '' ? '(root)' : i.path} ${i.message}`).join('; ');
  throw new CliError(`${shown}: text that cannot be stored: ${where} (AF_VALIDATION)`);
}

function describeJsonError(text: string, error: unknown): string {
  const message = messageOf(error);
  const at = /position (\d+)/.exec(message);
  if (!at) return message;
  const offset = Number(at[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${message.replace(/ at position \d+.*$/, '')} (line ${line}, column ${column})`;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
