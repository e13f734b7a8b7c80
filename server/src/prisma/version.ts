/**
 * Which Prisma version a schema is written for, hence which engine checks it: an explicit setting,
 * else the Prisma installed in the workspace, else the schema's own shape. Measured on real schemas:
 * a datasource `url`/`directUrl`/`shadowDatabaseUrl` is Prisma ≤ 6 (7 moved them to prisma.config.ts,
 * and 6 requires `url`), its absence is Prisma 7.
 */
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import type { EngineVersion } from './engine';
import type { SchemaFileSystem } from './files';
import type { ScannedFile } from './syntax';

export interface EngineChoice {
  version: EngineVersion;
  reason: 'setting' | 'installed' | 'schema';
  /** The installed Prisma version, when one was found or given. */
  installed?: string;
  /**
   * The schema may be written for Prisma 5 or earlier, which the 6.19 engine checks more strictly
   * than the version the project runs (see problems.ts).
   */
  maybeLegacy: boolean;
}

const LEGACY_DATASOURCE_KEYS = new Set(['url', 'directUrl', 'shadowDatabaseUrl']);

export function majorOf(version: string | undefined): number | undefined {
  const m = version ? /(\d+)\./.exec(version) ?? /^\D*(\d+)$/.exec(version) : null;
  return m ? Number(m[1]) : undefined;
}

/** Does the schema itself say it is written for Prisma 6 or earlier? */
export function looksLikePrisma6(scans: readonly ScannedFile[]): boolean {
  return scans.some((s) => s.blocks.some((b) => b.kind === 'datasource' && b.entries.some((e) => LEGACY_DATASOURCE_KEYS.has(e.key))));
}

export function chooseEngine(
  scans: readonly ScannedFile[],
  opts: { engine?: EngineVersion; installedVersion?: string },
): EngineChoice {
  const installed = opts.installedVersion;
  const major = majorOf(installed);
  if (opts.engine === 6 || opts.engine === 7) {
    return { version: opts.engine, reason: 'setting', installed, maybeLegacy: opts.engine === 6 && major !== undefined && major <= 5 };
  }
  if (major !== undefined) return { version: major >= 7 ? 7 : 6, reason: 'installed', installed, maybeLegacy: major <= 5 };
  const six = looksLikePrisma6(scans);
  return { version: six ? 6 : 7, reason: 'schema', maybeLegacy: six };
}

const PACKAGE_FILES = [path.join('node_modules', 'prisma', 'package.json'), path.join('node_modules', '@prisma', 'client', 'package.json')];

const diskFs: Pick<SchemaFileSystem, 'readFile'> = {
  readFile(p) {
    try {
      return nodeFs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
};

// The language server asks on every keystroke; node_modules changes rarely. Disk lookups only.
const CACHE_MS = 30_000;
const cache = new Map<string, { version: string | undefined; at: number }>();

/**
 * The Prisma version installed for a schema folder: `node_modules/prisma` (the CLI, which owns the
 * engine), else `node_modules/@prisma/client`, in the folder or any folder above it.
 */
export function findInstalledPrismaVersion(schemaDir: string, fs?: Pick<SchemaFileSystem, 'readFile'>): string | undefined {
  if (!fs) {
    const hit = cache.get(schemaDir);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.version;
  }
  const reader = fs ?? diskFs;
  let version: string | undefined;
  let dir = schemaDir;
  search: for (;;) {
    for (const rel of PACKAGE_FILES) {
      const text = reader.readFile(path.join(dir, rel));
      if (text === undefined) continue;
      try {
        const v = (JSON.parse(text) as { version?: unknown }).version;
        if (typeof v === 'string') {
          version = v;
          break search;
        }
      } catch {
        // A broken package.json says nothing about the version; keep looking.
      }
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  if (!fs) cache.set(schemaDir, { version, at: Date.now() });
  return version;
}
