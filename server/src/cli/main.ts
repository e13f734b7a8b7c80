/**
 * The `db-design` command: the same engine as the language server, for CI and scripts.
 * Exit status: 0 clean (warnings within --max-warnings), 1 findings over the bar, 2 usage error,
 * unreadable path or internal failure. Never a bare stack trace.
 */
import { parseArgs } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import * as fs from 'node:fs';
import type { ConfigOverrides } from '../engine/config';
import { PACKAGE_VERSION } from '../engine/version';
import { SEVERITIES, type SeveritySetting } from '../model/findings';
import { ruleById } from '../rules/registry';
import { check, UsageError } from './check';
import { rulesTable, toJson, toSarif, toText } from './format';
import { REPORT_FORMATS, type ReportFormat } from '../report';
import { reportCommand } from './report';

const USAGE = `Usage: db-design <command> [options]

Commands:
  check [paths...]   Check .prisma and .sql files (default: .)
  rules              List every rule
  report [paths...]  Schema report: ER diagram, tables, FK index coverage, type hygiene, findings

Options for check:
  --format text|json|sarif   Output format (default: text)
  --config <file>            Use this db-design.json instead of searching for one
  --dialect postgresql|sqlite|mysql
  --pg-version <n>           PostgreSQL major version (default: 16)
  --rule <id>=<severity>     Override a rule's severity (repeatable)
  --max-warnings <n>         Exit 1 when there are more warnings than this
  --changed-since <ref>      Report only what changed since a git ref: files added or changed (a schema
                             file: only its changed lines); the whole history is still read
  --fix                      Apply safe fixes and write the files
  --no-exit-code             Exit 0 even with findings (for demos)

Options for report (also --config, --dialect, --pg-version, --rule):
  --format md|html|json      Output format (default: md)
  --out <file>               Write the report to this file instead of stdout

  -h, --help                 Show this help
  -v, --version              Show the version`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        config: { type: 'string' },
        dialect: { type: 'string' },
        'pg-version': { type: 'string' },
        rule: { type: 'string', multiple: true },
        'max-warnings': { type: 'string' },
        fix: { type: 'boolean' },
        'changed-since': { type: 'string' },
        'no-exit-code': { type: 'boolean' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (err) {
    return usage((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    process.stdout.write(`${PACKAGE_VERSION}\n`);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE + '\n');
    return values.help ? 0 : 2;
  }

  if (command === 'rules') {
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') return usage(`rules: --format must be text or json`);
    process.stdout.write(rulesTable(format) + '\n');
    return 0;
  }
  if (command !== 'check' && command !== 'report') return usage(`unknown command "${command}"`);

  const format = values.format ?? (command === 'report' ? 'md' : 'text');
  if (command === 'report' && !(REPORT_FORMATS as readonly string[]).includes(format)) return usage('report: --format must be md, html or json');
  if (command === 'check' && !['text', 'json', 'sarif'].includes(format)) return usage('--format must be text, json or sarif');
  const overrides: ConfigOverrides = { rules: {} };
  if (values.dialect) {
    if (!['postgresql', 'sqlite', 'mysql'].includes(values.dialect)) return usage('--dialect must be postgresql, sqlite or mysql');
    overrides.dialect = values.dialect as ConfigOverrides['dialect'];
    overrides.dialectFrom = '--dialect';
  }
  if (values['pg-version']) {
    const n = Number(values['pg-version']);
    if (!Number.isInteger(n) || n < 9 || n > 30) return usage('--pg-version must be a PostgreSQL major version such as 16');
    overrides.postgresVersion = n;
  }
  for (const r of values.rule ?? []) {
    const m = /^([a-z0-9-]+)=([a-z]+)$/.exec(r);
    if (!m || !ruleById(m[1]) || !(SEVERITIES as readonly string[]).includes(m[2])) {
      return usage(`--rule ${r}: expected <rule-id>=<${SEVERITIES.join('|')}> with a known rule id (see \`db-design rules\`)`);
    }
    overrides.rules![m[1]] = m[2] as SeveritySetting;
  }
  let maxWarnings = Infinity;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) return usage('--max-warnings must be a whole number');
  }
  if (values['changed-since'] !== undefined) {
    if (!values['changed-since'].trim() || values['changed-since'].startsWith('-')) return usage('--changed-since needs a git ref, such as origin/main or HEAD~3');
    overrides.changedSince = values['changed-since'];
  }
  if (values.config) {
    if (!fs.existsSync(values.config)) return usage(`--config ${values.config}: no such file`);
    overrides.configFile = values.config;
  }

  if (command === 'report') {
    try {
      const report = await reportCommand(paths, { format: format as ReportFormat, out: values.out, overrides });
      for (const note of report.notes) process.stderr.write(`db-design: ${note}\n`);
      if (report.stdout !== undefined) process.stdout.write(report.stdout.endsWith('\n') ? report.stdout : report.stdout + '\n');
      else process.stderr.write(`db-design: wrote ${report.written}\n`);
      return 0;
    } catch (err) {
      if (err instanceof UsageError) return usage(err.message);
      throw err;
    }
  }

  let result;
  try {
    result = await check(paths.length ? paths : ['.'], overrides, !!values.fix);
  } catch (err) {
    if (err instanceof UsageError) return usage(err.message);
    throw err;
  }
  for (const e of result.configErrors) process.stderr.write(`db-design: config: ${e}\n`);
  for (const f of result.failures) process.stderr.write(`db-design: ${f.path}: ${f.message}\n`);
  if (result.changedSince) {
    const n = result.changedSince.leftOut;
    process.stderr.write(`db-design: --changed-since ${result.changedSince.ref}: left out ${n} finding${n === 1 ? '' : 's'} in files or lines unchanged since then\n`);
  }

  const output = format === 'json' ? toJson(result) : format === 'sarif' ? toSarif(result) : toText(result, !!process.stdout.isTTY && !process.env.NO_COLOR);
  process.stdout.write(output + '\n');

  if (result.failures.length) return 2;
  if (values['no-exit-code']) return 0;
  const all = result.files.flatMap((f) => f.findings);
  const errors = all.filter((f) => f.severity === 'error').length;
  const warnings = all.filter((f) => f.severity === 'warning').length;
  return errors > 0 || warnings > maxWarnings ? 1 : 0;
}

function usage(message: string): number {
  process.stderr.write(`db-design: ${message}\n\n${USAGE}\n`);
  return 2;
}

// The same bundle runs `check`'s worker threads (cli/parallel.ts): they are not the command.
if (isMainThread) runCommand();

function runCommand(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`db-design: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
