/**
 * Known sandbox-escape and denial-of-service payloads, rewritten for QuickJS. Sources: the vm2 advisories
 * (CVE-2022-36067, CVE-2023-29017, CVE-2023-29199, CVE-2023-30547, CVE-2023-32314, CVE-2023-37466,
 * CVE-2023-37903), isolated-vm and node:vm escape write-ups (constructor chains, prototype tricks, host callback
 * `caller` walks), n8n expression and Code-node escapes (CVE-2025-68613 and its follow-ups), Flowise CustomMCP's
 * `Function()` RCE (CVE-2025-59528), and classic resource exhaustion (loops, recursion, allocation, ReDoS).
 *
 * Every payload tries to reach the host: on success it would set `globalThis.__afSandboxCanary = 'pwned'` in the
 * host, return `process.env.AF_SANDBOX_SECRET`, or create the file `%MARKER%` (replaced by the test with a temp
 * path). The test asserts none of that happens and that each run ends in a clean result.
 */
export interface EscapePayload {
  name: string;
  code: string;
}

const PWN = `globalThis.__afSandboxCanary = 'pwned'; process.env.AF_SANDBOX_SECRET`;
const EXEC = `process.mainModule.require('child_process').execSync('touch %MARKER%').toString()`;

export const ESCAPE_CORPUS: EscapePayload[] = [
  // Direct host globals.
  { name: 'process global', code: PWN },
  { name: 'require child_process', code: `require('child_process').execSync('touch %MARKER%')` },
  { name: 'module.require', code: `module.require('fs').writeFileSync('%MARKER%', 'x')` },
  { name: 'global alias', code: `global.process.env.AF_SANDBOX_SECRET` },
  { name: 'Buffer', code: `Buffer.from('x').constructor.constructor('return process')().env` },
  { name: 'dynamic import fs', code: `import('fs').then((fs) => fs.writeFileSync('%MARKER%', 'x'))` },
  { name: 'static import', code: `import fs from 'fs'; fs.writeFileSync('%MARKER%', 'x')` },
  { name: 'import.meta', code: `import.meta.url` },
  { name: 'qjs std/os modules', code: `std.loadFile('/etc/passwd') + os.exec(['touch', '%MARKER%'])` },
  { name: 'fetch metadata', code: `fetch('http://169.254.169.254/latest/meta-data/')` },
  { name: 'XMLHttpRequest', code: `new XMLHttpRequest().open('GET', 'http://127.0.0.1/')` },
  { name: 'timers', code: `setTimeout(() => { ${PWN} }, 0)` },
  { name: 'WebAssembly', code: `new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))` },
  { name: 'Worker', code: `new Worker('data:text/javascript,1')` },
  { name: 'Deno/Bun', code: `Deno.run({ cmd: ['touch', '%MARKER%'] }) || Bun.spawn(['touch', '%MARKER%'])` },
  // Constructor chains (vm / vm2 / n8n expression classics).
  {
    name: 'globalThis.constructor.constructor',
    code: `globalThis.constructor.constructor('return process')().env`,
  },
  { name: 'this.constructor.constructor', code: `this.constructor.constructor('${PWN}')()` },
  { name: 'Function return this', code: `Function('return this')().process.env` },
  { name: 'Function RCE (Flowise CustomMCP)', code: `Function('return ' + "${EXEC}")()` },
  { name: 'new Function process', code: `new Function('return process.mainModule')().require('fs')` },
  { name: 'array constructor chain', code: `[].constructor.constructor('return process')()` },
  { name: 'string method chain', code: `''.sub.constructor('return process')().env` },
  { name: 'error constructor chain', code: `new Error().constructor.constructor('return process')()` },
  { name: 'input constructor chain', code: `input.constructor.constructor('return process')().env` },
  { name: 'async function constructor', code: `(async () => {}).constructor('return process')()` },
  {
    name: 'generator function constructor',
    code: `(function* () {}).constructor('yield process')().next().value.env`,
  },
  {
    name: 'async generator prototype chain',
    code: `Object.getPrototypeOf(Object.getPrototypeOf(async function* () {})).constructor('return process')()`,
  },
  { name: 'Reflect.construct Function', code: `Reflect.construct(Function, ['return process'])().env` },
  { name: 'indirect eval', code: `(0, eval)('this').process.env` },
  { name: 'direct eval', code: `eval('process.env.AF_SANDBOX_SECRET')` },
  { name: 'with statement', code: `with (globalThis) { process.env.AF_SANDBOX_SECRET }` },
  { name: '__proto__ chain', code: `globalThis.__proto__.constructor.constructor('return process')()` },
  { name: 'n8n expression escape', code: `(function () { return this })().process.mainModule.require('fs')` },
  { name: 'sloppy this in callback', code: `[1].map(function () { return this.process.env })` },
  // Host callbacks: the captured console functions are the only host functions in the sandbox.
  { name: 'console.log constructor', code: `console.log.constructor('return process')().env` },
  {
    name: 'console.log prototype constructor',
    code: `Object.getPrototypeOf(console.log).constructor('return globalThis')().process.env`,
  },
  {
    name: 'caller walk from host callback',
    code: `let leaked; console.log({ toJSON() { leaked = arguments.callee.caller; return 1 } });
      leaked && leaked.constructor('return process')()`,
  },
  {
    name: 'strict caller access',
    code: `function f() { 'use strict'; return f.caller } console.log({ toJSON: f }); f.caller`,
  },
  {
    name: 'host function properties',
    code: `Object.getOwnPropertyNames(console.log).map((k) => console.log[k])`,
  },
  {
    name: 'console.log bound/called with odd this',
    code: `Reflect.apply(console.log, new Proxy({}, { get() { ${PWN} } }), [globalThis]); console.log.call.call(1)`,
  },
  {
    name: 'Symbol.toPrimitive in log argument',
    code: `console.log({ [Symbol.toPrimitive]() { return process.env.AF_SANDBOX_SECRET } }, Symbol('x'), 1n)`,
  },
  {
    name: 'inspect.custom in log argument',
    code: `console.log({ [Symbol.for('nodejs.util.inspect.custom')]: () => process.env })`,
  },
  { name: 'replace console', code: `console.log = () => process.exit(1); console.log('x'); 1` },
  // vm2 advisories, rewritten.
  {
    name: 'vm2 CVE-2022-36067 prepareStackTrace',
    code: `Error.prepareStackTrace = (e, frames) => frames[0].getThis().constructor.constructor('return process')();
      new Error().stack.env`,
  },
  {
    name: 'vm2 CVE-2023-29017 async prepareStackTrace',
    code: `Error.prepareStackTrace = (e, frames) => { frames.constructor.constructor('return process')().mainModule.require('child_process').execSync('touch %MARKER%') };
      (async () => { throw new Error('x') })()`,
  },
  {
    name: 'vm2 CVE-2023-29199 handler sanitization',
    code: `const err = new Error(); err.name = { toString: new Proxy(() => '', { apply(t, thiz, args) {
        const p = args.constructor.constructor('return process')(); throw ${EXEC.replace('process', 'p')}; } }) };
      try { err.stack } catch (out) { out }`,
  },
  {
    name: 'vm2 CVE-2023-30547 handleException',
    code: `const e = new Error(); e.name = Symbol(); try { e.stack } catch (x) { x.constructor.constructor('return process')().env }`,
  },
  {
    name: 'vm2 CVE-2023-32314 Proxy getPrototypeOf',
    code: `const p = new Proxy({}, { getPrototypeOf() { return Function('return process')() } });
      Object.getPrototypeOf(p).env`,
  },
  {
    name: 'vm2 CVE-2023-37466 Promise species',
    code: `async function fn() { (function stack() { new Error().stack; stack(); })(); }
      const p = fn();
      p.constructor = { [Symbol.species]: class FakePromise { constructor(executor) {
        executor((x) => x, (err) => err.constructor.constructor('return process')().mainModule.require('child_process').execSync('touch %MARKER%'));
      } } };
      p.then();`,
  },
  {
    name: 'vm2 CVE-2023-37903 inspect Proxy',
    code: `const obj = { [Symbol.for('nodejs.util.inspect.custom')]: (depth, opt, inspect) => inspect.constructor('return process')() };
      console.log(new Proxy(obj, {}))`,
  },
  // Prototype pollution aimed at the host.
  { name: 'pollute Object.prototype', code: `Object.prototype.polluted = 'pwned'; ({}).polluted` },
  { name: '__proto__ key in output', code: `JSON.parse('{"__proto__": {"polluted": "pwned"}}')` },
  {
    name: 'constructor.prototype key in output',
    code: `({ constructor: { prototype: { polluted: 'pwned' } } })`,
  },
  { name: 'replace Array.prototype.map', code: `Array.prototype.map = () => { ${PWN} }; [1].map(String)` },
  { name: 'replace JSON.stringify', code: `JSON.stringify = () => '{"escaped":true}'; ({ a: 1 })` },
  { name: 'toJSON on output', code: `({ toJSON() { return globalThis.process || 'no process' } })` },
  { name: 'getter on output', code: `({ get secret() { return process.env.AF_SANDBOX_SECRET } })` },
  {
    name: 'mutate input',
    code: `input.nested.value = 'pwned'; input.nested.__proto__.polluted = 'pwned'; input`,
  },
  {
    name: 'SharedArrayBuffer + Atomics.wait',
    code: `Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)`,
  },
  // Error reporting paths: thrown values the host inspects.
  { name: 'throw getter loops', code: `throw { get message() { for (;;) {} }, get name() { for (;;) {} } }` },
  { name: 'throw proxy', code: `throw new Proxy({}, { get() { ${PWN} } })` },
  { name: 'throw with host-looking stack', code: `const e = new Error('x'); e.stack = process; throw e` },
  // Resource exhaustion.
  { name: 'infinite loop', code: `for (;;) {}` },
  { name: 'infinite loop in finally', code: `try { for (;;) {} } finally { for (;;) {} }` },
  { name: 'catch the interrupt', code: `for (;;) { try { for (;;) {} } catch (e) {} }` },
  { name: 'deep recursion', code: `function f() { return f() } f()` },
  {
    name: 'mutual recursion via getters',
    code: `const o = { get a() { return this.b }, get b() { return this.a } }; o.a`,
  },
  { name: 'huge string', code: `'x'.repeat(2 ** 30).length` },
  { name: 'string doubling', code: `let s = 'x'; for (;;) s += s` },
  { name: 'huge array', code: `new Array(2 ** 32 - 1).fill(1).length` },
  { name: 'typed array bomb', code: `new Float64Array(2 ** 28).length` },
  { name: 'typed array accumulation', code: `const a = []; for (;;) a.push(new Uint8Array(1 << 20))` },
  { name: 'string accumulation', code: `const a = []; for (let i = 0; ; i++) a.push('x'.repeat(1e6) + i)` },
  { name: 'map flood', code: `const m = new Map(); for (let i = 0; ; i++) m.set(i, { i })` },
  { name: 'object flood', code: `const a = []; for (;;) a.push({ x: [1, 2, 3] })` },
  { name: 'heavy native calls between interrupt checks', code: `for (;;) 'x'.repeat(1e6).length` },
  { name: 'ReDoS', code: `/(a+)+$/.test('a'.repeat(40) + 'b')` },
  { name: 'promise job flood', code: `(async function f() { await null; return f() })()` },
  { name: 'never-settling promise', code: `await new Promise(() => {})` },
  { name: 'sort comparator loop', code: `[3, 2, 1].sort(() => { for (;;) {} })` },
  { name: 'JSON.parse deep nesting', code: `JSON.parse('['.repeat(200000))` },
  {
    name: 'parser deep nesting',
    code: `new Function('return ' + '('.repeat(100000) + '1' + ')'.repeat(100000))()`,
  },
  { name: 'BigInt explosion', code: `(2n ** 10000000n).toString().length` },
  { name: 'log flood', code: `for (;;) console.log('x'.repeat(100000))` },
  { name: 'output too large', code: `'x'.repeat(4 * 1024 * 1024)` },
];
