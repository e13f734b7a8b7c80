/**
 * The hover on a finding, read at a glance: the editor already shows the finding's message above it,
 * so this adds one line of what and why (the rule's summary), one line of what to do in this project,
 * the fix's SQL when it is a short statement, and a link to the rule's page for the rest.
 */
import type { Finding } from '../model/findings';
import { ruleById } from '../rules/registry';
import { docsUrl } from './docs';

/** Most words a finding's hover may have, code blocks aside (a test holds every rule case to it). */
export const HOVER_WORD_LIMIT = 90;

/** Words a reader reads in a hover: code blocks and link targets do not count. */
export function hoverWords(markdown: string): number {
  const prose = markdown.replace(/```[\s\S]*?```/g, ' ').replace(/\]\([^)]*\)/g, ']');
  return prose.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** The first sentence of a text, not cut inside `code` or after an abbreviation such as "e.g.". */
export function firstSentence(text: string): string {
  let inCode = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '`') inCode = !inCode;
    if (inCode || text[i] !== '.') continue;
    if (/\b(e\.g|i\.e|etc|vs)\.$/i.test(text.slice(Math.max(0, i - 4), i + 1))) continue;
    if (i + 1 === text.length || /^\s+[A-Z`(]/.test(text.slice(i + 1))) return text.slice(0, i + 1);
  }
  return text;
}

/** The fix's text when it is a whole short SQL statement (a fragment such as `CONCURRENTLY ` says nothing alone). */
function shortSql(f: Finding, text: string): string | undefined {
  const fix = f.fixes.find((x) => x.preferred) ?? f.fixes[0];
  if (!fix || !/\.sql$/i.test(f.uri.replace(/\.(postgres|postgresql|sqlite|sqlite3|mysql|cockroach)$/i, ''))) return undefined;
  const inserted = fix.edits.map((e) => e.newText.trim()).filter(Boolean);
  if (inserted.length !== 1) return undefined;
  const sql = inserted[0];
  // A statement the fix only moves is already on screen.
  return sql.length <= 200 && sql.split('\n').length <= 4 && /;$/.test(sql) && /^[A-Z]/.test(sql) && !text.includes(sql) ? sql : undefined;
}

/** What to do here: the rule's project-aware advice, else the preferred fix, else the rule's first suggestion. */
export function adviceOf(f: Finding): string | undefined {
  if (f.advice) return f.advice;
  const fix = f.fixes.find((x) => x.preferred) ?? f.fixes[0];
  if (fix) return `${fix.title.replace(/\.$/, '')} (quick fix).`;
  const meta = ruleById(f.rule)?.meta;
  return meta ? firstSentence(meta.fix) : undefined;
}

/** One finding in full (the first at the cursor) or as one line (the others). */
export function findingMarkdown(f: Finding, full: boolean, text: string): string {
  const meta = ruleById(f.rule)?.meta;
  const link = `[${f.rule}](${docsUrl(f.rule)})`;
  if (!meta) return `${link} (${f.severity})`;
  if (!full) return `${link} (${f.severity}): ${meta.summary}`;
  const lines = [`${link} (${f.severity}): ${meta.summary}`];
  const advice = adviceOf(f);
  if (advice) lines.push('', `**What to do:** ${advice}`);
  const sql = shortSql(f, text);
  if (sql) lines.push('', '```sql', sql, '```');
  return lines.join('\n');
}
