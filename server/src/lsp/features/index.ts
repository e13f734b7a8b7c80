/**
 * Editor features beyond diagnostics, hovers and code actions: the schema report, fix-all over files,
 * SQL formatting and the rule list. server.ts calls `registerFeatures` once and merges the capabilities.
 */
import type { InitializeParams, ServerCapabilities } from 'vscode-languageserver';
import type { FeatureContext } from './context';
import { registerFixAll } from './fix-all';
import { registerFormatting } from './formatting';
import { registerReport } from './report';
import { registerRuleList } from './rules';

export type { FeatureContext } from './context';

export interface Features {
  capabilities(params: InitializeParams): Partial<ServerCapabilities>;
  initialized(): void;
}

export function registerFeatures(ctx: FeatureContext): Features {
  registerReport(ctx);
  registerFixAll(ctx);
  registerRuleList(ctx);
  let initialized = () => {};
  return {
    capabilities(params) {
      const formatting = registerFormatting(ctx, params);
      initialized = formatting.initialized;
      return formatting.capabilities;
    },
    initialized: () => initialized(),
  };
}
