/**
 * Edits to `db-design.json` for the editor's "Turn off <rule> for this project" and "Change <rule>
 * severity" actions: the rule's setting changed in place (its options kept), comments and formatting
 * of the rest of the file left alone, or a new file when there is none.
 */
import * as path from 'node:path';
import { modify, parse as parseJsonc } from 'jsonc-parser';
import type { SeveritySetting } from '../model/findings';
import { lineBreak } from '../model/text';
import { CONFIG_FILE } from './config';

export interface ConfigTextEdit {
  offset: number;
  length: number;
  content: string;
}

/** The text edits that set `rules[ruleId]` to `severity` in an existing config text. */
export function setRuleSeverityEdits(text: string, ruleId: string, severity: SeveritySetting): ConfigTextEdit[] {
  const eol = lineBreak(text);
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  const formattingOptions = { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol };
  const raw = parseJsonc(text, [], { allowTrailingComma: true }) as { rules?: Record<string, unknown> } | undefined;
  // `[severity, { options }]`: only the severity changes.
  const current = raw?.rules?.[ruleId];
  const at = Array.isArray(current) ? ['rules', ruleId, 0] : ['rules', ruleId];
  if (!text.trim()) return [{ offset: 0, length: text.length, content: newConfigText(ruleId, severity) }];
  return modify(text, at, severity, { formattingOptions });
}

/** A whole new db-design.json holding one rule setting. */
export function newConfigText(ruleId: string, severity: SeveritySetting): string {
  return `${JSON.stringify({ rules: { [ruleId]: severity } }, null, 2)}\n`;
}

/**
 * Where a project setting goes: the config file that governs the file, or else a new one at the top
 * of the workspace folder holding it (or beside it, outside any folder).
 */
export function configTarget(existing: string | undefined, fsPath: string, workspaceRoots: readonly string[]): { file: string; exists: boolean } {
  if (existing) return { file: existing, exists: true };
  const root = workspaceRoots
    .filter((r) => {
      const rel = path.relative(r, fsPath);
      return rel && !rel.startsWith('..') && !path.isAbsolute(rel);
    })
    .sort((a, b) => b.length - a.length)[0];
  return { file: path.join(root ?? path.dirname(fsPath), CONFIG_FILE), exists: false };
}
