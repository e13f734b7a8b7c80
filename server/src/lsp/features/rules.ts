/** `dbDesign/rules`: every rule with its documentation link, for the client's "Show Rule Documentation". */
import { docsUrl } from '../../engine/docs';
import { allRules } from '../../rules/registry';
import { RuleListRequest, type RuleInfo } from '../protocol';
import type { FeatureContext } from './context';

export function registerRuleList(ctx: FeatureContext): void {
  ctx.connection.onRequest(RuleListRequest, (): RuleInfo[] =>
    allRules.map((r) => ({
      id: r.meta.id,
      summary: r.meta.summary,
      category: r.meta.category,
      defaultSeverity: r.meta.defaultSeverity,
      fixable: r.meta.fixable,
      docs: docsUrl(r.meta.id),
    })),
  );
}
