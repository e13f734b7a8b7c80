/**
 * More design rules on Drizzle schemas (pg-core): type changes as another builder (imported, the old one's
 * import removed when nothing else uses it), `onDelete`
 * on a reference, and findings a schema carries without a fix this front end renders. Every fixed text is
 * re-parsed and re-checked by the rule tester.
 */
import { ruleTester } from '../helpers/rule-tester';

/** A table with its bookkeeping columns, so only the rule under test speaks. */
const table = (columns: string, imports = '') => `
  import { bigint, pgTable, timestamp${imports} } from "drizzle-orm/pg-core";

  export const products = pgTable("products", {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
${columns}
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  });
`;

ruleTester('prefer-text-over-varchar', {
  valid: [{ name: 'text', language: 'typescript', code: table('    title: text("title").notNull(),', ', text') }],
  invalid: [
    {
      name: 'varchar without a length becomes text, imported',
      language: 'typescript',
      code: table('    sku: varchar("sku").notNull(),\n         ^^^^^^^^^^^^^^ prefer-text-over-varchar', ', varchar'),
      output: [table('    sku: text("sku").notNull(),', ', text')],
    },
    {
      name: 'varchar with a length: the length goes (the CHECK variant is not offered in TypeScript)',
      language: 'typescript',
      code: table('    title: varchar("title", { length: 200 }),\n           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ prefer-text-over-varchar', ', text, varchar'),
      output: [table('    title: text("title"),', ', text')],
    },
    {
      name: 'varchar still used by another column: its import stays',
      language: 'typescript',
      code: table('    sku: varchar("sku").notNull(),\n         ^^^^^^^^^^^^^^ prefer-text-over-varchar\n    code: varchar("code").notNull(),\n          ^^^^^^^^^^^^^^^ prefer-text-over-varchar', ', varchar'),
      output: [table('    sku: text("sku").notNull(),\n    code: varchar("code").notNull(),', ', varchar, text')],
    },
  ],
});

ruleTester('prefer-jsonb', {
  valid: [],
  invalid: [
    {
      name: 'json becomes jsonb',
      language: 'typescript',
      code: table('    attributes: json("attributes"),\n                ^^^^^^^^^^^^^^^^^^ prefer-jsonb', ', json'),
      output: [table('    attributes: jsonb("attributes"),', ', jsonb')],
    },
  ],
});

ruleTester('prefer-bigint-pk', {
  valid: [],
  invalid: [
    {
      name: 'integer key becomes bigint in number mode',
      language: 'typescript',
      code: `
        import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

        export const tags = pgTable("tags", {
          id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
              ^^^^^^^^^^^^^ prefer-bigint-pk
          label: text("label").notNull(),
          createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
          updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
        });
      `,
      output: [`
        import { pgTable, text, timestamp, bigint } from "drizzle-orm/pg-core";

        export const tags = pgTable("tags", {
          id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
          label: text("label").notNull(),
          createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
          updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
        });
      `],
    },
  ],
});

ruleTester('fk-on-delete', {
  valid: [],
  invalid: [
    {
      name: 'onDelete added to the reference',
      language: 'typescript',
      code: `
        import { bigint, index, pgTable, timestamp } from "drizzle-orm/pg-core";

        export const users = pgTable("users", {
          id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
          createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
          updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
        });

        export const notes = pgTable("notes", {
          id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
          authorId: bigint("author_id", { mode: "number" }).notNull().references(() => users.id),
                                                                      ^^^^^^^^^^^^^^^^^^^^^^^^^^ fk-on-delete
          createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
          updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
        }, (t) => [index("notes_author_id_idx").on(t.authorId)]);
      `,
      output: [`
        import { bigint, index, pgTable, timestamp } from "drizzle-orm/pg-core";

        export const users = pgTable("users", {
          id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
          createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
          updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
        });

        export const notes = pgTable("notes", {
          id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
          authorId: bigint("author_id", { mode: "number" }).notNull().references(() => users.id, { onDelete: "cascade" }),
          createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
          updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
        }, (t) => [index("notes_author_id_idx").on(t.authorId)]);
      `, `
        import { bigint, index, pgTable, timestamp } from "drizzle-orm/pg-core";

        export const users = pgTable("users", {
          id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
          createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
          updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
        });

        export const notes = pgTable("notes", {
          id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
          authorId: bigint("author_id", { mode: "number" }).notNull().references(() => users.id, { onDelete: "restrict" }),
          createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
          updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
        }, (t) => [index("notes_author_id_idx").on(t.authorId)]);
      `],
    },
  ],
});

ruleTester('require-timestamps', {
  valid: [{ name: 'both timestamps', language: 'typescript', code: table('') }],
  invalid: [
    {
      name: 'a table without them',
      language: 'typescript',
      code: `
        import { bigint, pgTable, text } from "drizzle-orm/pg-core";

        export const invoices = pgTable("invoices", {
                                        ^^^^^^^^^^ require-timestamps
          id: bigint("id", { mode: "number" }).primaryKey(),
          number: text("number").notNull(),
        });
      `,
    },
  ],
});

ruleTester('enum-like-text', {
  valid: [],
  invalid: [
    {
      name: 'free text with a literal default',
      language: 'typescript',
      code: table('    status: text("status").notNull().default("active"),\n                 ^^^^^^^^ enum-like-text', ', text'),
    },
  ],
});

ruleTester('redundant-index', {
  valid: [],
  invalid: [
    {
      name: 'an index the unique constraint covers',
      language: 'typescript',
      code: `
        import { bigint, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

        export const products = pgTable("products", {
          id: bigint("id", { mode: "number" }).primaryKey(),
          code: text("code").notNull().unique(),
          createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
          updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
        }, (t) => [index("products_code_idx").on(t.code)]);
                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ redundant-index
      `,
    },
  ],
});
