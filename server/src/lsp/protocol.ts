/**
 * The custom protocol between the db-design client and server, declared once for both sides.
 * Plain strings and interfaces (no jsonrpc types) so the client and the server can each use their
 * own library version.
 */
import type { Severity, SeveritySetting } from '../model/findings';

/** Code action kind for fix-on-save: `"editor.codeActionsOnSave": { "source.fixAll.db-design": "explicit" }`. */
export const FIX_ALL_KIND = 'source.fixAll.db-design';

export const ServerState = { Starting: 'starting', Ready: 'ready' } as const;
export type ServerState = (typeof ServerState)[keyof typeof ServerState];

/** Server → client: state and, after each analysis, the finding counts of a file (for the status bar). */
export const StatusNotification = 'dbDesign/status';
export interface StatusParams {
  state: ServerState;
  uri?: string;
  counts?: Record<Severity, number>;
}

/** Sent by the client in `initializationOptions`. */
export interface ClientInitOptions {
  /** The official Prisma extension is active and already shows Prisma's own diagnostics. */
  prismaExtensionActive?: boolean;
}

/** The `dbDesign` settings section, read per resource through workspace/configuration. */
export interface EditorSettings {
  enable: boolean;
  rules: Record<string, SeveritySetting>;
  dialect: 'postgresql' | 'sqlite' | 'mysql' | undefined;
  postgresVersion: number | undefined;
  prismaEngine: 6 | 7 | undefined;
}
