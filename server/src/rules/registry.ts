import { generatedRules } from './registry.generated';
import type { Rule } from './types';

/** Every rule, in id order. The list itself is generated from the rule files (scripts/gen.mjs). */
export const allRules: readonly Rule[] = [...generatedRules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

const byId = new Map(allRules.map((r) => [r.meta.id, r]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}
