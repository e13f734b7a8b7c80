/**
 * What changing a column's type costs on PostgreSQL: nothing (binary compatible), a scan (the values stay
 * but are checked), a rewrite of the table and its indexes, or a rebuild of the column's indexes (a new
 * collation). The lock effects (locks.ts) and change-column-type word their notes from here.
 */
import type { ColumnType } from './schema';
import type { AlterAction } from './statements';

/**
 * What changing a column from `from` to `to` costs: `none` for the changes PostgreSQL knows to be
 * binary compatible (a longer varchar, varchar to text, a wider numeric with the same scale, cidr to
 * inet); `scan` when the values stay but must be checked (text or varchar to a varchar with a limit);
 * `rewrite` otherwise. Undefined when the old type is unknown.
 */
export function typeChangeEffect(from: ColumnType | undefined, to: ColumnType | undefined): 'none' | 'scan' | 'rewrite' | undefined {
  if (!from || !to) return undefined;
  if (from.array !== to.array) return 'rewrite';
  const a = from.name;
  const b = to.name;
  const pa = from.params;
  const pb = to.params;
  if (a === b && pa.join() === pb.join()) return 'none';
  const textual = (n: string) => n === 'varchar' || n === 'text';
  if (textual(a) && b === 'text') return 'none';
  if (textual(a) && b === 'varchar') {
    if (pb.length === 0) return 'none';
    return a === 'varchar' && pa.length > 0 && pb[0] >= pa[0] ? 'none' : 'scan';
  }
  if (a === 'varbit' && b === 'varbit') return pb.length === 0 || (pa.length > 0 && pb[0] >= pa[0]) ? 'none' : 'scan';
  if (a === 'numeric' && b === 'numeric') {
    if (pb.length === 0) return 'none';
    if (pa.length === 0) return 'rewrite';
    const [p1, s1 = 0] = pa;
    const [p2, s2 = 0] = pb;
    return s1 === s2 && p2 >= p1 ? 'none' : 'rewrite';
  }
  if (a === 'cidr' && b === 'inet') return 'none';
  return 'rewrite';
}

const UTC_ZONES = /^(utc|etc\/utc|gmt|etc\/gmt|zulu|z|universal|etc\/universal|utc0|gmt0)$/i;

/**
 * timestamp <-> timestamptz while the session time zone is UTC: the stored values are the same, and
 * PostgreSQL 12+ skips the rewrite.
 */
export function utcConversion(from: ColumnType | undefined, to: ColumnType | undefined, ctx: { pgVersion: number; timezone?: string }): boolean {
  if (!from || !to || ctx.pgVersion < 12 || !ctx.timezone || !UTC_ZONES.test(ctx.timezone.trim()) || from.array !== to.array) return false;
  const names = `${from.name}>${to.name}`;
  if (names !== 'timestamp>timestamptz' && names !== 'timestamptz>timestamp') return false;
  return to.params.length === 0 || to.params.join() === from.params.join();
}

/**
 * What an ALTER COLUMN ... TYPE costs, from the column as it stood before (`old`): `typeChangeEffect`,
 * a USING clause (always a rewrite), the UTC conversion, and `reindex` for a binary-compatible change
 * with a new collation (the rows stay, the column's indexes are rebuilt). Undefined: old type unknown.
 */
export function alterTypeEffect(
  a: Extract<AlterAction, { type: 'alter-type' }>,
  old: ColumnType | undefined,
  ctx: { pgVersion: number; timezone?: string },
): 'none' | 'scan' | 'rewrite' | 'reindex' | undefined {
  if (a.using) return 'rewrite';
  let effect = typeChangeEffect(old, a.newType);
  if (effect === 'rewrite' && utcConversion(old, a.newType, ctx)) effect = 'none';
  return effect === 'none' && a.collation ? 'reindex' : effect;
}
