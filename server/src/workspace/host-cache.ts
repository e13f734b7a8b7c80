/**
 * Reading the workspace for the SQL analysis: a host that remembers what it read (and what callers worked out
 * from it) while the workspace's revision stays the same, and other files' text by URI.
 */
import { URI } from 'vscode-uri';
import type { WorkspaceHost } from './migrations';

/** The text of another file of the workspace, by URI (for hovers that say where something was created). */
export function reader(host: WorkspaceHost): (uri: string) => string | undefined {
  return (uri) => {
    try {
      const parsed = URI.parse(uri);
      return parsed.scheme === 'file' ? host.readFile(parsed.fsPath) : undefined;
    } catch {
      return undefined;
    }
  };
}

/**
 * Reads through to the host, remembering what it read for as long as the host's revision stays the
 * same (hosts without a revision are read every time).
 */
export class CachingHost implements WorkspaceHost {
  private rev: number | undefined;
  private files = new Map<string, string | undefined>();
  private dirs = new Map<string, { name: string; isDir: boolean }[]>();

  /** The wrapped host's revision, when it has one. */
  readonly revision?: () => number;

  constructor(private readonly host: WorkspaceHost & { revision?(): number }) {
    if (host.revision) this.revision = () => host.revision!();
  }

  private fresh(): boolean {
    const rev = this.host.revision?.();
    if (rev === undefined) return false;
    if (rev !== this.rev) {
      this.rev = rev;
      this.files.clear();
      this.dirs.clear();
      this.memos.clear();
    }
    return true;
  }

  private memos = new Map<string, unknown>();

  /**
   * What a caller works out from the files and keeps while they stay the same (`name` tells callers apart): made
   * again once the revision moves; undefined for a host without a revision, where nothing may be kept.
   */
  perRevision<T>(name: string, make: () => T): T | undefined {
    if (!this.fresh()) return undefined;
    let memo = this.memos.get(name) as T | undefined;
    if (memo === undefined) {
      memo = make();
      this.memos.set(name, memo);
    }
    return memo;
  }

  readFile(fsPath: string): string | undefined {
    if (!this.fresh()) return this.host.readFile(fsPath);
    if (this.files.has(fsPath)) return this.files.get(fsPath);
    const text = this.host.readFile(fsPath);
    this.files.set(fsPath, text);
    return text;
  }

  readDir(fsPath: string): { name: string; isDir: boolean }[] {
    if (!this.fresh()) return this.host.readDir(fsPath);
    let entries = this.dirs.get(fsPath);
    if (!entries) {
      entries = this.host.readDir(fsPath);
      this.dirs.set(fsPath, entries);
    }
    return entries;
  }
}

