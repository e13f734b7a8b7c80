import type { Column } from '../model/schema';
import type { FixProposal } from '../model/intents';
import { counts, fromOptions, isFloatType, label, namesOf, numberOption, stringList, words } from './support/model';
import { defineRule } from './types';

const MONEY = [
  'price', 'amount', 'total', 'subtotal', 'balance', 'cost', 'fee', 'fees', 'salary', 'wage', 'tax', 'vat', 'revenue',
  'payment', 'payout', 'refund', 'charge', 'invoice', 'budget', 'spend', 'earnings', 'income', 'credit', 'debit', 'money',
  'currency', 'usd', 'eur', 'cents', 'tip', 'discount', 'deposit', 'withdrawal',
];

/** Words that make a money-looking name something else: `totalCount`, `priceRatio`, `feePercent`. */
const NOT_MONEY = new Set([
  'count', 'number', 'num', 'percent', 'percentage', 'pct', 'ratio', 'rate', 'score', 'weight', 'time', 'duration', 'ms',
  'seconds', 'secs', 'minutes', 'hours', 'days', 'size', 'bytes', 'tokens', 'token', 'length', 'width', 'height', 'latency',
  'multiplier', 'factor', 'probability', 'limit', 'threshold', 'share', 'id', 'ids',
]);

/** Words that say the amount is already counted in minor units: an integer is right for those, not a decimal. */
const MINOR_UNITS = new Set(['cents', 'cent', 'pennies', 'penny', 'minor']);

function moneyWord(column: Column, money: Set<string>): string | undefined {
  for (const name of namesOf(column)) {
    const ws = words(name);
    if (ws.some((w) => NOT_MONEY.has(w))) continue;
    const hit = ws.find((w) => money.has(w));
    if (hit) return hit;
  }
  return undefined;
}

/** The option `names`, lower case, once per options object. */
const moneyWords = fromOptions((o) => new Set(stringList(o.names, MONEY).map((w) => w.toLowerCase())));

export default defineRule({
  meta: {
    id: 'money-as-float',
    category: 'design',
    defaultSeverity: 'warning',
    appliesTo: ['prisma', 'pg', 'sqlite', 'mysql'],
    fixable: true,
    summary: 'Store money in an exact decimal type, never in float or double.',
    why:
      '`real`, `double precision` and Prisma `Float` are binary floating point: most decimal fractions (0.10, 0.20) ' +
      'have no exact representation, so sums drift by fractions of a cent, equal amounts compare unequal and ' +
      'rounding differs between the database, the application and the report. `numeric(p, s)` (Prisma `Decimal`) ' +
      'stores decimal digits exactly and rounds only where you say. The rule recognises money by the words in the ' +
      'column name (price, amount, total, balance, cost, fee...; an option) and ignores names that say they are ' +
      'something else (`totalCount`, `feePercent`, `costRatio`).',
    fix:
      'Use `numeric(12,2)` in SQL, `Decimal @db.Decimal(12, 2)` in Prisma (precision and scale are options; use more ' +
      'decimals for unit prices or exchange rates). In Prisma this changes the field\'s client type from `number` to ' +
      '`Decimal`, so the fix is offered, not applied on save. SQLite has no exact decimal storage: store integer minor ' +
      'units (cents) there instead.',
    principle: 'Money is counted, not measured: use a type that counts exactly.',
    options: {
      names: { type: 'string[]', default: MONEY, description: 'Words in a column or field name that mark it as money.' },
      precision: { type: 'number', default: 12, description: 'Total digits of the decimal type the fix writes.' },
      scale: { type: 'number', default: 2, description: 'Digits after the decimal point in the type the fix writes.' },
    },
    examples: [
      {
        language: 'prisma',
        bad: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Product {\n  id    Int   @id\n  price Float\n}\n',
        good: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Product {\n  id    Int     @id\n  price Decimal @db.Decimal(12, 2)\n}\n',
      },
      {
        language: 'sql',
        bad: 'CREATE TABLE products (\n  id bigint PRIMARY KEY,\n  price double precision NOT NULL\n);\n',
        good: 'CREATE TABLE products (\n  id bigint PRIMARY KEY,\n  price numeric(12,2) NOT NULL\n);\n',
      },
    ],
  },

  checkTable(ctx, table) {
    if (!counts(table)) return;
    if (ctx.dialect === 'mongodb') return;
    const money = moneyWords(ctx.options);
    const precision = numberOption(ctx.options.precision, 12);
    const scale = numberOption(ctx.options.scale, 2);
    for (const column of table.columns) {
      if (!isFloatType(column)) continue;
      const word = moneyWord(column, money);
      if (!word) continue;
      const prisma = column.type.prisma !== undefined;
      const fixes: FixProposal[] = [];
      let target: string;
      const minor = namesOf(column).some((n) => words(n).some((w) => MINOR_UNITS.has(w)));
      if (minor) {
        // `costInCents`: already counted in cents, so a whole number of them, not a decimal of cents.
        const sql = ctx.dialect === 'sqlite' ? 'integer' : 'bigint';
        target = `${prisma ? 'BigInt' : sql} (a whole number of minor units)`;
        fixes.push({
          title: `Change type to ${prisma ? 'BigInt' : sql}`,
          safe: false,
          preferred: true,
          intent: { kind: 'changeColumnType', table, column, sql, keepParams: false },
        });
      } else if (ctx.dialect === 'sqlite') {
        target = 'integer minor units (cents), since SQLite has no exact decimal type';
      } else {
        const sql = `${ctx.dialect === 'postgresql' || ctx.dialect === 'cockroachdb' ? 'numeric' : 'decimal'}(${precision},${scale})`;
        target = prisma ? `Decimal @db.Decimal(${precision}, ${scale})` : sql;
        fixes.push({
          title: `Change type to ${target}`,
          safe: false,
          preferred: true,
          intent: { kind: 'changeColumnType', table, column, sql, keepParams: false },
        });
      }
      ctx.report({
        message:
          `${label(table, column)} looks like money ("${word}") but is ${prisma ? column.type.written : column.type.written || column.type.name}, ` +
          `a binary floating-point type: amounts such as 0.10 are stored inexactly and sums drift. Use ${target}.`,
        at: column.type.source ?? column.source,
        fixes,
      });
    }
  },
});
