/**
 * The one config file, `db-design.json`, found in the checked file's folder or any parent, read by
 * the language server and the CLI alike. Editor settings and CLI flags layer on top of it.
 */
import * as path from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { SEVERITIES, type SeveritySetting } from '../model/findings';
import type { Dialect } from '../model/schema';
import { allRules, ruleById } from '../rules/registry';
import type { MigrationsConfig } from '../workspace/migrations';
import type { RunnerId } from '../model/migration-file';
import { RUNNER_IDS } from '../workspace/runners';

export const CONFIG_FILE = 'db-design.json';
export const DEFAULT_PG_VERSION = 16;

/** A rule's setting as written: a severity, or `[severity, options]` as in ESLint. */
export type RuleSetting = SeveritySetting | [SeveritySetting, Record<string, unknown>];

export interface ConfigFile {
  dialect?: 'postgresql' | 'sqlite' | 'mysql';
  postgresVersion?: number;
  prisma?: { engine?: 6 | 7 };
  rules?: Record<string, RuleSetting>;
  /** Glob-like path fragments to skip (matched against `/`-separated paths). */
  ignore?: string[];
  /** How migrations are found and run, when the layout does not say (or says it wrong). */
  migrations?: {
    /** The runner that applies them (otherwise detected from file names and marker comments). */
    runner?: RunnerId;
    /** Folders (relative to this file) whose .sql files are migrations, applied in version/name order. */
    folder?: string | string[];
    /** Whether each migration file runs inside a transaction (otherwise the runner's known behaviour). */
    inTransaction?: boolean;
    /** The last migration that has run everywhere: it and those before it are history, never edited. */
    baseline?: string;
  };
}

/** Layers on top of the file: editor settings (per resource) or CLI flags. */
export interface ConfigOverrides {
  /** Use this config file instead of searching for one (`--config`). */
  configFile?: string;
  dialect?: Dialect;
  /** Where `dialect` comes from, for the reason shown with the engine (`--dialect`, `dbDesign.dialect setting`). */
  dialectFrom?: string;
  postgresVersion?: number;
  prismaEngine?: 6 | 7;
  rules?: Record<string, SeveritySetting>;
  /** `--changed-since <ref>`: migrations changed since this git ref are new, the others history. */
  changedSince?: string;
}

export interface ResolvedConfig {
  /** The config file used, if any. */
  file?: string;
  dialect?: Dialect;
  /** Where `dialect` was set: the config file's name, or the override's own label. */
  dialectFrom?: string;
  pgVersion: number;
  prismaEngine?: 6 | 7;
  ignore: string[];
  /** The `migrations` section, with folders resolved against the config file. */
  migrations: MigrationsConfig;
  /** The git ref migrations are new since (`--changed-since`); otherwise the merge-base with the default branch. */
  changedSince?: string;
  /** Problems with the config file itself (bad JSON, unknown rule ids); shown, never fatal. */
  errors: string[];
  severity(ruleId: string): SeveritySetting;
  options(ruleId: string): Record<string, unknown>;
}

export interface ConfigHost {
  readFile(fsPath: string): string | undefined;
}

const DIALECTS = new Set(['postgresql', 'sqlite', 'mysql']);

/** A config file found: where, and its text. */
export type FoundConfig = { file: string; text: string };

/**
 * What the lookup found for each folder it walked through (null: nothing at or above it), for callers that
 * look up many files while the files on disk stay the same (`db-design check` over a tree of migrations).
 */
export type ConfigLookups = Map<string, FoundConfig | null>;

/**
 * What `loadConfig` remembers for a caller that loads the config of many files while the files on disk stay the
 * same: where each folder's config file is, and each config file resolved (by its path and the overrides).
 */
export interface ConfigMemo {
  folders: ConfigLookups;
  resolved: Map<string, ResolvedConfig>;
}

/** Finds the nearest db-design.json at or above `dir`; with `lookups`, each folder is looked at once. */
export function findConfigFile(host: ConfigHost, dir: string, lookups?: ConfigLookups): FoundConfig | undefined {
  const walked: string[] = [];
  let found: FoundConfig | null = null;
  for (let current = path.resolve(dir); ; ) {
    const known = lookups?.get(current);
    if (known !== undefined) {
      found = known;
      break;
    }
    walked.push(current);
    const candidate = path.join(current, CONFIG_FILE);
    const text = host.readFile(candidate);
    if (text !== undefined) {
      found = { file: candidate, text };
      break;
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  if (lookups) for (const d of walked) lookups.set(d, found);
  return found ?? undefined;
}

export function parseConfig(text: string, file: string): { config: ConfigFile; errors: string[] } {
  const parseErrors: ParseError[] = [];
  const raw: unknown = parseJsonc(text, parseErrors, { allowTrailingComma: true });
  const errors = parseErrors.map((e) => `${file}: ${printParseErrorCode(e.error)} at offset ${e.offset}`);
  if (raw === undefined || raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { config: {}, errors: errors.length ? errors : [`${file}: expected a JSON object`] };
  }
  const obj = raw as Record<string, unknown>;
  const config: ConfigFile = {};
  if (obj.dialect !== undefined) {
    if (typeof obj.dialect === 'string' && DIALECTS.has(obj.dialect)) config.dialect = obj.dialect as ConfigFile['dialect'];
    else errors.push(`${file}: "dialect" must be one of postgresql, sqlite, mysql`);
  }
  if (obj.postgresVersion !== undefined) {
    if (typeof obj.postgresVersion === 'number' && obj.postgresVersion >= 9 && obj.postgresVersion <= 30) {
      config.postgresVersion = Math.floor(obj.postgresVersion);
    } else errors.push(`${file}: "postgresVersion" must be a PostgreSQL major version such as 16`);
  }
  if (obj.prisma && typeof obj.prisma === 'object') {
    const engine = (obj.prisma as Record<string, unknown>).engine;
    if (engine === 6 || engine === 7) config.prisma = { engine };
    else if (engine !== undefined) errors.push(`${file}: "prisma.engine" must be 6 or 7`);
  }
  if (Array.isArray(obj.ignore)) config.ignore = obj.ignore.filter((g): g is string => typeof g === 'string');
  if (obj.migrations !== undefined) {
    const m = obj.migrations as Record<string, unknown>;
    if (typeof m !== 'object' || m === null || Array.isArray(m)) errors.push(`${file}: "migrations" must be an object`);
    else {
      config.migrations = {};
      if (m.runner !== undefined) {
        if (typeof m.runner === 'string' && (RUNNER_IDS as readonly string[]).includes(m.runner)) config.migrations.runner = m.runner as RunnerId;
        else errors.push(`${file}: "migrations.runner" must be one of ${RUNNER_IDS.join(', ')}`);
      }
      if (m.folder !== undefined) {
        if (typeof m.folder === 'string' || (Array.isArray(m.folder) && m.folder.every((f) => typeof f === 'string'))) config.migrations.folder = m.folder as string | string[];
        else errors.push(`${file}: "migrations.folder" must be a path or a list of paths`);
      }
      if (m.inTransaction !== undefined) {
        if (typeof m.inTransaction === 'boolean') config.migrations.inTransaction = m.inTransaction;
        else errors.push(`${file}: "migrations.inTransaction" must be true or false`);
      }
      if (m.baseline !== undefined) {
        if (typeof m.baseline === 'string' && m.baseline.trim()) config.migrations.baseline = m.baseline.trim();
        else errors.push(`${file}: "migrations.baseline" must be the name of a migration`);
      }
    }
  }
  if (obj.rules !== undefined) {
    if (typeof obj.rules !== 'object' || obj.rules === null || Array.isArray(obj.rules)) {
      errors.push(`${file}: "rules" must be an object of rule id to severity`);
    } else {
      config.rules = {};
      for (const [id, value] of Object.entries(obj.rules as Record<string, unknown>)) {
        if (!ruleById(id)) {
          errors.push(`${file}: unknown rule "${id}"`);
          continue;
        }
        const setting = normaliseRuleSetting(value);
        if (setting) config.rules[id] = setting;
        else errors.push(`${file}: rule "${id}" must be one of ${SEVERITIES.join(', ')}, or [severity, { options }]`);
      }
    }
  }
  return { config, errors };
}

function normaliseRuleSetting(value: unknown): RuleSetting | undefined {
  if (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value)) return value as SeveritySetting;
  if (Array.isArray(value) && typeof value[0] === 'string' && (SEVERITIES as readonly string[]).includes(value[0])) {
    const options = value[1];
    return [value[0] as SeveritySetting, options && typeof options === 'object' ? (options as Record<string, unknown>) : {}];
  }
  return undefined;
}

export function resolveConfig(file: ConfigFile, filePath: string | undefined, errors: string[], overrides: ConfigOverrides = {}): ResolvedConfig {
  /** Each rule's options, worked out once: rules read them, none changes them. */
  const options = new Map<string, Readonly<Record<string, unknown>>>();
  return {
    file: filePath,
    dialect: overrides.dialect ?? file.dialect,
    dialectFrom: overrides.dialect ? (overrides.dialectFrom ?? 'settings') : file.dialect && filePath ? path.basename(filePath) : undefined,
    pgVersion: overrides.postgresVersion ?? file.postgresVersion ?? DEFAULT_PG_VERSION,
    prismaEngine: overrides.prismaEngine ?? file.prisma?.engine,
    ignore: file.ignore ?? [],
    migrations: {
      runner: file.migrations?.runner,
      folders: file.migrations?.folder === undefined ? undefined : Array.isArray(file.migrations.folder) ? file.migrations.folder : [file.migrations.folder],
      inTransaction: file.migrations?.inTransaction,
      baseline: file.migrations?.baseline,
      baseDir: filePath ? path.dirname(filePath) : undefined,
    },
    changedSince: overrides.changedSince,
    errors,
    severity(ruleId) {
      const override = overrides.rules?.[ruleId];
      if (override) return override;
      const setting = file.rules?.[ruleId];
      if (setting !== undefined) return Array.isArray(setting) ? setting[0] : setting;
      return ruleById(ruleId)?.meta.defaultSeverity ?? 'off';
    },
    options(ruleId) {
      let resolved = options.get(ruleId);
      if (!resolved) {
        const defaults: Record<string, unknown> = {};
        for (const [name, option] of Object.entries(ruleById(ruleId)?.meta.options ?? {})) defaults[name] = option.default;
        const setting = file.rules?.[ruleId];
        resolved = Object.freeze(Array.isArray(setting) ? { ...defaults, ...setting[1] } : defaults);
        options.set(ruleId, resolved);
      }
      return resolved;
    },
  };
}

/** Reads and resolves the config that governs a file in `dir`. */
export function loadConfig(host: ConfigHost, dir: string, overrides?: ConfigOverrides, memo?: ConfigMemo): ResolvedConfig {
  const explicit = overrides?.configFile;
  const explicitText = explicit ? host.readFile(explicit) : undefined;
  if (explicit && explicitText === undefined) return resolveConfig({}, explicit, [`${explicit}: cannot read the file`], overrides);
  const found = explicit ? { file: explicit, text: explicitText! } : findConfigFile(host, dir, memo?.folders);
  const key = memo ? `${found?.file ?? ''}\u0000${JSON.stringify(overrides ?? {})}` : undefined;
  const known = key === undefined ? undefined : memo?.resolved.get(key);
  if (known) return known;
  let config: ResolvedConfig;
  if (!found) config = resolveConfig({}, undefined, [], overrides);
  else {
    const { config: file, errors } = parseConfig(found.text, found.file);
    config = resolveConfig(file, found.file, errors, overrides);
  }
  if (key !== undefined) memo?.resolved.set(key, config);
  return config;
}

/** True when a `/`-separated path matches one of the ignore patterns (`*` within a segment, `**` across). */
export function isIgnored(posixPath: string, patterns: string[]): boolean {
  return patterns.some((p) => globToRegExp(p).test(posixPath));
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // Unanchored at the start so `generated/**` matches below any folder, as .gitignore users expect.
  return new RegExp(`(^|/)${re}($|/)`);
}

export function allRuleIds(): string[] {
  return allRules.map((r) => r.meta.id);
}
