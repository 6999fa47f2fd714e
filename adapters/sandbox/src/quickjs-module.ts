import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import releaseSyncModule from '@jitl/quickjs-wasmfile-release-sync';
import {
  type CustomizeVariantOptions,
  newQuickJSWASMModuleFromVariant,
  newVariant,
  type QuickJSSyncVariant,
  type QuickJSWASMModule,
} from 'quickjs-emscripten-core';

/** A QuickJS WASM instance whose linear memory cannot grow past `maxBytes`. */
export interface QuickJSInstance {
  readonly module: QuickJSWASMModule;
  readonly maxBytes: number;
  /** Forgets earlier growth failures; called as a run starts. */
  beginRun(): void;
  /** True when the last attempt (this run) to grow the linear memory failed: an allocation ran out of memory. */
  exhausted(): boolean;
}

// The variant package is CommonJS-typed; at run time the ESM build's default export is the variant itself.
const releaseSyncVariant = ((releaseSyncModule as { default?: QuickJSSyncVariant }).default ??
  releaseSyncModule) as QuickJSSyncVariant;

/** Emscripten's INITIAL_MEMORY for this build (static data, the C stack and the first heap pages). */
const BASE_MEMORY_BYTES = 16 * 1024 * 1024;
const PAGE = 64 * 1024;
/** Instances kept per thread, one per distinct memory limit. */
const MAX_INSTANCES = 4;

/** The WebAssembly global, typed here: lib ES2023 without DOM types declares none of it. */
/** A compiled WebAssembly.Module (opaque here). */
type WasmModule = object;
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let compiled: Promise<WasmModule> | undefined;
const instances = new Map<number, Promise<QuickJSInstance>>();

/**
 * The QuickJS instance for a memory limit, created once per thread and limit. QuickJS's own malloc limit only
 * checks each allocation's size in this build (it cannot measure blocks, so totals go uncounted), so the limit
 * is enforced by capping the instance's WebAssembly memory at the build's base size plus the limit. Runs are
 * sequential within a thread and each frees its runtime, so every run starts from the base usage.
 */
export function loadQuickJS(memoryLimitBytes: number): Promise<QuickJSInstance> {
  const existing = instances.get(memoryLimitBytes);
  if (existing) return existing;
  const created = createInstance(memoryLimitBytes);
  instances.set(memoryLimitBytes, created);
  created.catch(() => instances.delete(memoryLimitBytes));
  if (instances.size > MAX_INSTANCES) {
    const oldest = instances.keys().next().value;
    if (oldest !== undefined) instances.delete(oldest);
  }
  return created;
}

/** Forgets an instance after a host-level fault (its linear memory can no longer be trusted). */
export function discardQuickJS(memoryLimitBytes: number): void {
  instances.delete(memoryLimitBytes);
}

async function createInstance(memoryLimitBytes: number): Promise<QuickJSInstance> {
  compiled ??= readFile(
    createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-release-sync/wasm'),
  ).then((bytes) => wasm.compile(bytes));
  const wasmModule = await compiled;
  const maxPages = Math.min(32_768, Math.ceil((BASE_MEMORY_BYTES + memoryLimitBytes) / PAGE));
  const memory = new wasm.Memory({ initial: BASE_MEMORY_BYTES / PAGE, maximum: maxPages });
  const variant = newVariant(releaseSyncVariant, {
    wasmModule: wasmModule as NonNullable<CustomizeVariantOptions['wasmModule']>,
    // Standard Emscripten module options, passed through verbatim (not all in the typings). Emscripten's own
    // diagnostics (e.g. an assertion after a contained fault) are dropped, not printed.
    emscriptenModule: {
      wasmMemory: memory,
      print: () => {},
      printErr: () => {},
    } as CustomizeVariantOptions['emscriptenModule'],
  });
  // Emscripten's heap growth calls memory.grow and treats a throw as "no memory"; remember how the last one went.
  let lastGrowFailed = false;
  const grow = memory.grow.bind(memory);
  memory.grow = (pages) => {
    try {
      const previous = grow(pages);
      lastGrowFailed = false;
      return previous;
    } catch (error) {
      lastGrowFailed = true;
      throw error;
    }
  };
  const module = await newQuickJSWASMModuleFromVariant(variant);
  return {
    module,
    maxBytes: maxPages * PAGE,
    beginRun: () => {
      lastGrowFailed = false;
    },
    exhausted: () => lastGrowFailed,
  };
}
