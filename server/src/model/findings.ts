/**
 * What the analysis produces: findings with their fixes, as plain data in UTF-16 offsets. The LSP
 * layer and the CLI turn these into their own shapes; nothing here knows either.
 */
import type { Span, SourceRef } from './text';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';
export const SEVERITIES: readonly SeveritySetting[] = ['off', 'hint', 'info', 'warning', 'error'];

export interface TextEdit {
  uri: string;
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  /** Edits of one fix never overlap; they may touch several files (multi-file Prisma schemas). */
  edits: TextEdit[];
  /** Safe fixes change no behaviour a user relies on and are applied by fix-all / fix-on-save. */
  safe: boolean;
  /** Marks the fix VS Code should pick first (`isPreferred`). */
  preferred?: boolean;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  uri: string;
  span: Span;
  fixes: Fix[];
  /** Other places worth showing with the finding (the FK's parent table, the statement that fixed it). */
  related?: { message: string; at: SourceRef }[];
  /** What to do in this project (its runner, engine, PostgreSQL version), one sentence for the hover. */
  advice?: string;
  tags?: ('unnecessary' | 'deprecated')[];
}

/**
 * Gives `finding` fixes rendered when first read. The editor reads the fixes of the findings under the
 * cursor (code actions, hover) or of one file on request (fix all); rendering every fix of every finding up
 * front was a third of the time spent on a large file. The result is kept, so each fix renders once.
 */
export function withLazyFixes<T extends Omit<Finding, 'fixes'>>(finding: T, render: () => Fix[]): T & Finding {
  let fixes: Fix[] | undefined;
  return Object.defineProperty(finding, 'fixes', {
    enumerable: true,
    configurable: true,
    get: () => (fixes ??= render()),
    set: (v: Fix[]) => {
      fixes = v;
    },
  }) as T & Finding;
}

/** A copy of `finding` without its fixes, read without rendering them (a spread would render them). */
export function withoutFixes(finding: Finding): Omit<Finding, 'fixes'> {
  const out: Partial<Finding> = {};
  for (const key of Object.keys(finding) as (keyof Finding)[]) if (key !== 'fixes') (out as Record<string, unknown>)[key] = finding[key];
  return out as Omit<Finding, 'fixes'>;
}
