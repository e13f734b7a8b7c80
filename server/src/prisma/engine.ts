/**
 * Access to Prisma's own schema engine (prisma-schema-wasm), in two versions: the 7.x build and the
 * 6.19 build. The 7.x engine rejects every Prisma 6 schema (`url = env(...)` in the datasource is gone)
 * and the 6.19 engine rejects Prisma 7 schemas (no `url`), so each schema is checked by the engine of
 * the Prisma version it was written for.
 *
 * Each wasm module is ~3 MB and compiles synchronously on `require`: it is loaded on first use. The
 * `require` calls name the packages literally so a bundler can follow them. A Rust panic surfaces as a
 * thrown JS error; every call here returns an error value instead of throwing.
 */
import type { SourceText } from '../model/frontend';
import type { Datamodel } from './datamodel';
import { lintAside } from './engine-thread';

export type EngineVersion = 6 | 7;

export type EngineResult<T> = { ok: true; value: T } | { ok: false; error: string };

export interface LintDiagnostic {
  uri: string;
  /** UTF-16 offsets into that file's text. */
  start: number;
  end: number;
  message: string;
  warning: boolean;
}

interface Wasm {
  lint(input: string): string;
  get_datamodel(params: string): string;
  format(schema: string, params: string): string;
  preview_features(): string;
}

const modules: Partial<Record<EngineVersion, Wasm>> = {};

function load(version: EngineVersion): EngineResult<Wasm> {
  const cached = modules[version];
  if (cached) return { ok: true, value: cached };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = (version === 7 ? require('@prisma/prisma-schema-wasm') : require('prisma-schema-wasm-6')) as Wasm;
    modules[version] = mod;
    return { ok: true, value: mod };
  } catch (err) {
    return { ok: false, error: `cannot load the Prisma ${version} schema engine: ${message(err)}` };
  }
}

function message(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/**
 * The engine stops at a byte-order mark ("does not start with any known Prisma schema keyword").
 * A space of the same length keeps every offset the engine reports valid for the original text.
 */
function engineText(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
}

function filesJson(files: readonly SourceText[]): [string, string][] {
  return files.map((f) => [f.uri, engineText(f.text)]);
}

let calls = 0;

/** How many times the engine was called so far in this process (a work counter for tests and benchmarks). */
export function engineCalls(): number {
  return calls;
}

function call<T>(version: EngineVersion, run: (wasm: Wasm) => T): EngineResult<T> {
  calls++;
  const wasm = load(version);
  if (!wasm.ok) return wasm;
  try {
    return { ok: true, value: run(wasm.value) };
  } catch (err) {
    return { ok: false, error: message(err) };
  }
}

interface RawLint {
  file_name: string;
  start: number;
  end: number;
  text: string;
  is_warning: boolean;
}

/** Prisma's errors and warnings for a schema (all its files), with offsets into each file. */
export function lint(version: EngineVersion, files: readonly SourceText[]): EngineResult<LintDiagnostic[]> {
  return call(version, (wasm) => {
    const raw = JSON.parse(wasm.lint(JSON.stringify(filesJson(files)))) as RawLint[];
    return raw.map((d) => ({ uri: d.file_name, start: d.start, end: d.end, message: d.text, warning: d.is_warning }));
  });
}

/**
 * Prisma's lint of `files`, and `meanwhile()`, which may ask the engine too: the lint runs on the engine
 * thread when it can (engine-thread.ts), else here first. The same answers either way.
 */
export function lintWhile<T>(version: EngineVersion, files: readonly SourceText[], meanwhile: () => T): [EngineResult<LintDiagnostic[]>, T] {
  const later = lintLater(version, files);
  const other = meanwhile();
  return [later.answer(), other];
}

/**
 * Prisma's lint of `files`, started on the engine thread when it can run there: the returned function gives
 * the answer (waiting for it the first time), so the caller can do other work meanwhile. Else linted here at
 * once. The same answer either way.
 */
export function lintLater(version: EngineVersion, files: readonly SourceText[]): { answer: () => EngineResult<LintDiagnostic[]>; aside: boolean } {
  const pending = lintAside(version, files);
  if (!pending) {
    const now = lint(version, files);
    return { answer: () => now, aside: false };
  }
  let answered: EngineResult<LintDiagnostic[]> | undefined;
  return {
    answer: () => {
      if (!answered) {
        const m = pending();
        if (m) calls++;
        answered = m ?? lint(version, files);
      }
      return answered;
    },
    aside: true,
  };
}

/**
 * The resolved datamodel (models, fields, relations, indexes), with no source positions. Fails on a
 * schema with validation errors, so callers lint first.
 */
export function getDatamodel(version: EngineVersion, files: readonly SourceText[]): EngineResult<Datamodel> {
  return call(version, (wasm) => JSON.parse(wasm.get_datamodel(JSON.stringify({ prismaSchema: filesJson(files) }))) as Datamodel);
}

/**
 * `prisma format` of one file of the schema. The engine returns text unchanged when the schema does
 * not parse, and also when `uri` is not URL-shaped (`file:///...`): it parses it as a URL.
 */
export function format(version: EngineVersion, files: readonly SourceText[], uri: string, tabSize = 2): EngineResult<string> {
  return call(version, (wasm) => {
    const params = JSON.stringify({ textDocument: { uri }, options: { tabSize, insertSpaces: true } });
    const out = JSON.parse(wasm.format(JSON.stringify(filesJson(files)), params)) as [string, string][];
    const text = out.find(([u]) => u === uri)?.[1];
    if (text === undefined) throw new Error(`format returned no text for ${uri}`);
    const original = files.find((f) => f.uri === uri)?.text ?? '';
    if (original.charCodeAt(0) !== 0xfeff) return text;
    return '\ufeff' + (text.startsWith(' ') ? text.slice(1) : text);
  });
}

/** Preview features this engine knows. */
export function previewFeatures(version: EngineVersion): EngineResult<string[]> {
  return call(version, (wasm) => JSON.parse(wasm.preview_features()) as string[]);
}
