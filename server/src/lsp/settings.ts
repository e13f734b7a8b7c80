/**
 * The `dbDesign` settings section as the server reads it, per resource. The Settings UI writes `"auto"`
 * for the values db-design.json or detection decide, and `"6"` / `"7"` for the Prisma engine; settings
 * written before that (`null`, the numbers `6` / `7`) read the same. Anything unknown counts as `auto`.
 */
import type { SeveritySetting } from '../model/findings';
import type { EditorSettings } from './protocol';

export const DEFAULT_SETTINGS: EditorSettings = { enable: true, rules: {}, dialect: undefined, postgresVersion: undefined, prismaEngine: undefined };

const SEVERITY_SETTINGS = new Set<SeveritySetting>(['off', 'hint', 'info', 'warning', 'error']);
const DIALECTS = new Set(['postgresql', 'sqlite', 'mysql'] as const);

/** The settings from what workspace/configuration answered (any JSON: users edit settings.json by hand). */
export function readSettings(raw: unknown): EditorSettings {
  const s = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const rules: Record<string, SeveritySetting> = {};
  if (s.rules && typeof s.rules === 'object') {
    for (const [id, v] of Object.entries(s.rules)) if (SEVERITY_SETTINGS.has(v as SeveritySetting)) rules[id] = v as SeveritySetting;
  }
  const dialect = [...DIALECTS].find((d) => d === s.dialect);
  const engine = String(s.prismaEngine);
  return {
    enable: s.enable !== false,
    rules,
    dialect,
    postgresVersion: typeof s.postgresVersion === 'number' && s.postgresVersion > 0 ? s.postgresVersion : undefined,
    prismaEngine: engine === '6' ? 6 : engine === '7' ? 7 : undefined,
  };
}
