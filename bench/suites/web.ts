/**
 * The web app's initial JavaScript per route, gzipped, from the Vite manifest of the build (apps/web/dist):
 * the login page loads the entry chunk and the app it starts (src/boot.tsx) with their static imports; the
 * editor route adds the designer chunk (React Flow) and its static imports. Targets from the web app's issue: ≤ 150 KB and ≤ 350 KB.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BenchSuite, Result } from '../types.js';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  src?: string;
}
type Manifest = Record<string, ManifestChunk>;

export const WEB_DIST = fileURLToPath(new URL('../../apps/web/dist/', import.meta.url));

/** Every JS file a chunk loads before it runs (itself and its static imports, transitively). */
export function staticClosure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) staticClosure(manifest, dep, seen);
  return seen;
}

function gzippedKb(dist: string, manifest: Manifest, keys: Iterable<string>): number {
  let bytes = 0;
  for (const key of keys) {
    const file = manifest[key]?.file;
    if (file?.endsWith('.js')) bytes += gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  }
  return bytes / 1024;
}

export function measureBundles(dist = WEB_DIST): Result[] {
  const manifestPath = join(dist, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) {
    const skipped = 'apps/web is not built (npm run build)';
    return [
      { name: 'web: initial JS, login route', unit: 'KB gz', value: 0, skipped },
      { name: 'web: initial JS, editor route', unit: 'KB gz', value: 0, skipped },
    ];
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  // The app's entry (the embeddable chat page, embed.html, is an entry of its own).
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry && k === 'index.html');
  if (!entry) throw new Error('the Vite manifest has no entry chunk');
  // The entry (the stylesheet) starts the app as a dynamic import of src/boot.tsx: both are the login's.
  const login = staticClosure(manifest, entry);
  for (const boot of (manifest[entry]!.dynamicImports ?? []).filter((k) => k.includes('boot')))
    staticClosure(manifest, boot, login);
  const designerKey = [...login]
    .flatMap((k) => manifest[k]!.dynamicImports ?? [])
    .find((k) => k.includes('designer-page'));
  if (!designerKey) throw new Error('the designer is not a separate chunk (route splitting lost)');
  const editor = staticClosure(manifest, designerKey, new Set(login));
  return [
    {
      name: 'web: initial JS, login route',
      unit: 'KB gz',
      value: gzippedKb(dist, manifest, login),
      target: { op: '<=', value: 150, label: '≤ 150 KB' },
      details: { chunks: login.size },
    },
    {
      name: 'web: initial JS, editor route',
      unit: 'KB gz',
      value: gzippedKb(dist, manifest, editor),
      target: { op: '<=', value: 350, label: '≤ 350 KB' },
      details: { chunks: editor.size },
    },
  ];
}

const suite: BenchSuite = {
  name: 'web',
  description: 'initial JavaScript per route of the built web app (gzipped)',
  run: async () => measureBundles(),
};
export default suite;
