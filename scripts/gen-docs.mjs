// Renderers for the files scripts/gen.mjs derives from rule metadata and from package.json.
import * as fs from 'node:fs';
import * as path from 'node:path';

const SEVERITIES = ['off', 'hint', 'info', 'warning', 'error'];
const TARGET_NAMES = { prisma: 'Prisma', pg: 'PostgreSQL', sqlite: 'SQLite', mysql: 'MySQL' };

function fence(language, code) {
  return '```' + language + '\n' + code.replace(/\n$/, '') + '\n```';
}

export function renderRuleDoc(meta) {
  const out = [
    `# ${meta.id}`,
    '',
    meta.summary,
    '',
    '| | |',
    '|---|---|',
    `| Category | ${meta.category} |`,
    `| Default severity | \`${meta.defaultSeverity}\` |`,
    `| Applies to | ${meta.appliesTo.map((t) => TARGET_NAMES[t]).join(', ')} |`,
    `| Quick fix | ${meta.fixable ? 'yes' : 'no'} |`,
    '',
    '## Why',
    '',
    meta.why,
    '',
  ];
  if (meta.principle) out.push('## Principle', '', meta.principle, '');
  out.push('## What to do', '', meta.fix, '');
  if (meta.options && Object.keys(meta.options).length) {
    out.push('## Options', '', '| option | type | default | meaning |', '|---|---|---|---|');
    for (const [name, o] of Object.entries(meta.options)) {
      out.push(`| \`${name}\` | ${o.type} | \`${JSON.stringify(o.default)}\` | ${o.description} |`);
    }
    out.push('');
  }
  if (meta.examples.length) {
    out.push('## Examples', '', 'These examples are run as tests: the first is flagged, the second is not.', '');
    for (const ex of meta.examples) {
      const lang = ex.language === 'prisma' ? 'prisma' : 'sql';
      out.push(`### ${ex.language === 'prisma' ? 'Prisma' : 'SQL'}`, '', 'Flagged:', '', fence(lang, ex.bad), '', 'Fine:', '', fence(lang, ex.good), '');
    }
  }
  out.push(
    '## Configuration',
    '',
    'In `db-design.json`:',
    '',
    fence('json', JSON.stringify({ rules: { [meta.id]: meta.defaultSeverity === 'off' ? 'warning' : 'off' } }, null, 2)),
    '',
    'Suppress one finding with a comment on the line before it:',
    '',
    fence('sql', `-- db-design-disable-next-line ${meta.id} -- reason`),
    '',
  );
  return out.join('\n');
}

export function renderRuleIndex(metas) {
  const out = [
    '# Rules',
    '',
    '## How the defaults are chosen',
    '',
    '- `error`: the migration or statement fails when it runs, or changes rows nobody meant it to (a NOT NULL column',
    '  without a default on a table that has rows, CONCURRENTLY inside a transaction, DELETE without WHERE).',
    '- `warning`: it costs in production as it stands (a foreign key without an index scans the child table on every',
    '  join and parent delete; an index built without CONCURRENTLY stops writes), or it is a design choice that gets',
    '  expensive to undo once the table holds data (timestamp without time zone, json instead of jsonb).',
    '- `info`: worth knowing when you work on that table, rarely worth a change on its own (bookkeeping timestamps,',
    '  32-bit keys, varchar limits).',
    '- `hint`: a suggestion; the editor marks it faintly and the Problems panel leaves it out.',
    '- `off`: a practice some teams follow on purpose and others do not (a lock timeout before every statement).',
    '',
    'Rules marked *production* below hurt a running system when left in place: the schema report lists their',
    'findings first, before conventions of any severity. Any default can be changed for a project in',
    '`db-design.json` (`"rules": { "prefer-timestamptz": "info" }`) or in the editor setting `dbDesign.rules`.',
    'How many findings each rule gives on real projects with these defaults, and why each default is what it',
    'is: [Default severities](../severity.md).',
    '',
    '| rule | category | default | production | applies to | fix | summary |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const m of metas) {
    out.push(`| [\`${m.id}\`](${m.id}.md) | ${m.category} | \`${m.defaultSeverity}\` | ${m.hurtsProduction ? 'yes' : ''} | ${m.appliesTo.map((t) => TARGET_NAMES[t]).join(', ')} | ${m.fixable ? 'yes' : ''} | ${m.summary} |`);
  }
  out.push('');
  return out.join('\n');
}

function optionSchema(o) {
  if (o.type === 'string[]') return { type: 'array', items: { type: 'string' }, description: o.description, default: o.default };
  return { type: o.type, description: o.description, default: o.default };
}

export function configSchema(metas, runnerIds) {
  const rules = {};
  for (const m of metas) {
    const severity = { enum: SEVERITIES, description: `${m.summary} (default: ${m.defaultSeverity})` };
    const options = { type: 'object', additionalProperties: false, properties: Object.fromEntries(Object.entries(m.options ?? {}).map(([k, o]) => [k, optionSchema(o)])) };
    rules[m.id] = { oneOf: [severity, { type: 'array', prefixItems: [severity, options], items: false, minItems: 1, maxItems: 2 }], markdownDescription: `${m.summary}\n\n[Docs](https://github.com/db-design/db-design/blob/main/docs/rules/${m.id}.md)` };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'db-design configuration',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      dialect: { enum: ['postgresql', 'sqlite', 'mysql'], description: 'SQL dialect of the files (otherwise detected from the Prisma datasource, folder names and content).' },
      postgresVersion: { type: 'integer', minimum: 9, maximum: 30, default: 16, description: 'PostgreSQL major version the migrations run on; lock and default-value advice depends on it.' },
      prisma: { type: 'object', additionalProperties: false, properties: { engine: { enum: [6, 7], description: "Prisma major version whose engine validates the schema (otherwise detected from the installed prisma package, then from the schema's shape)." } } },
      ignore: { type: 'array', items: { type: 'string' }, description: 'Path patterns to skip (`**` and `*` wildcards), relative to the config file.' },
      migrations: {
        type: 'object',
        additionalProperties: false,
        description: 'How SQL migrations are found and run, when the layout and marker comments do not say (or say it wrong).',
        properties: {
          runner: {
            enum: [...runnerIds],
            description: 'The tool that applies the migrations (otherwise detected from file names and marker comments).',
          },
          folder: {
            oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
            description: 'Folder(s), relative to this file, whose .sql files are migrations, applied in version or name order.',
          },
          inTransaction: {
            type: 'boolean',
            description: "Whether each migration file runs inside a transaction (otherwise the runner's known behaviour decides).",
          },
          baseline: {
            type: 'string',
            description:
              'The last migration that has run everywhere (its file name, folder or version). It and every migration before it are history: never edited by a fix, and their migration-safety findings are not shown. Without it, git decides: migrations added or changed since the merge-base with the default branch are new.',
          },
        },
      },
      rules: { type: 'object', additionalProperties: false, properties: rules, description: 'Severity per rule (`off`, `hint`, `info`, `warning`, `error`), or `[severity, { options }]`.' },
    },
  };
}

export function settingsProperties(metas) {
  return {
    type: 'object',
    default: {},
    markdownDescription: 'Severity overrides per rule, on top of `db-design.json`.',
    additionalProperties: false,
    properties: Object.fromEntries(metas.map((m) => [m.id, { type: 'string', enum: SEVERITIES, markdownDescription: `${m.summary} Default: \`${m.defaultSeverity}\`.` }])),
  };
}

const MENU_NAMES = {
  commandPalette: 'Command Palette',
  'editor/title': 'editor title bar',
  'editor/context': 'editor context menu',
  'explorer/context': 'Explorer context menu',
};

function settingType(p) {
  if (p.enum) return p.enum.map((v) => (v === null ? 'empty' : `\`${v}\``)).join(', ');
  return [].concat(p.type ?? 'any').filter((t) => t !== 'null').join(' or ');
}

function readSnippets(root, rel) {
  // .code-snippets files are JSON with comments; ours are plain JSON.
  return JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8'));
}

/** docs/commands.md: commands, settings and snippets, from package.json and the snippet files. */
export function renderCommandsDoc(pkg, root) {
  const c = pkg.contributes;
  const out = [
    '# Commands, settings and snippets',
    '',
    '## Commands',
    '',
    'Run them from the Command Palette (Ctrl+Shift+P), where they are listed under **db-design**.',
    '',
    '| command | id | also in |',
    '|---|---|---|',
  ];
  for (const cmd of c.commands) {
    const places = Object.entries(c.menus ?? {})
      .filter(([menu, items]) => menu !== 'commandPalette' && items.some((i) => i.command === cmd.command))
      .map(([menu]) => MENU_NAMES[menu] ?? menu);
    if (c.keybindings?.some((k) => k.command === cmd.command)) places.push('keybinding');
    out.push(`| ${cmd.category ? `${cmd.category}: ` : ''}${cmd.title} | \`${cmd.command}\` | ${places.join(', ')} |`);
  }
  out.push('', 'The status bar item (database icon) shows the finding counts of the current file and opens the schema report.', '');
  out.push('## Settings', '', '| setting | values | default | description |', '|---|---|---|---|');
  for (const [key, p] of Object.entries(c.configuration?.properties ?? {})) {
    const description = (p.markdownDescription ?? p.description ?? '').replace(/\n/g, ' ').replace(/\|/g, '\\|');
    const values = key === 'dbDesign.rules' ? 'rule id → `off`, `hint`, `info`, `warning`, `error`' : settingType(p);
    const def = key === 'dbDesign.rules' ? '`{}`' : p.default === null ? 'empty' : `\`${JSON.stringify(p.default)}\``;
    out.push(`| \`${key}\` | ${values} | ${def} | ${description}${key === 'dbDesign.rules' ? ' See [the rules](rules/README.md).' : ''} |`);
  }
  out.push('', '## Snippets', '');
  for (const s of c.snippets ?? []) {
    out.push(`### ${s.language === 'sql' ? 'SQL' : s.language === 'prisma' ? 'Prisma' : s.language}`, '', '| prefix | snippet | what it writes |', '|---|---|---|');
    for (const [name, snippet] of Object.entries(readSnippets(root, s.path))) {
      const prefixes = [].concat(snippet.prefix).map((x) => `\`${x}\``).join(', ');
      out.push(`| ${prefixes} | ${name} | ${snippet.description.replace(/\|/g, '\\|')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
