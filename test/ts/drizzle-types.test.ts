/**
 * Column-type and key rules on Drizzle schemas: findings at the column builders, fixes as TypeScript edits,
 * every fixed text re-parsed and re-checked by the rule tester.
 */
import { ruleTester } from '../helpers/rule-tester';

ruleTester('fk-type-mismatch', {
  valid: [
    {
      name: 'the same type on both sides',
      language: 'typescript',
      code: `import { bigint, pgTable } from "drizzle-orm/pg-core";
        export const users = pgTable("users", { id: bigint("id", { mode: "number" }).primaryKey() });
        export const posts = pgTable("posts", {
          id: bigint("id", { mode: "number" }).primaryKey(),
          authorId: bigint("author_id", { mode: "number" }).notNull().references(() => users.id),
        });
      `,
    },
  ],
  invalid: [
    {
      name: 'integer column referencing a bigint key',
      language: 'typescript',
      code: `
        import { bigint, index, integer, pgTable } from "drizzle-orm/pg-core";
        export const users = pgTable("users", { id: bigint("id", { mode: "number" }).primaryKey() });
        export const posts = pgTable("posts", {
          id: bigint("id", { mode: "number" }).primaryKey(),
          authorId: integer("author_id").notNull().references(() => users.id, { onDelete: "cascade" }),
                    ^^^^^^^^^^^^^^^^^^^^ fk-type-mismatch
        }, (t) => [index("posts_author_id_idx").on(t.authorId)]);
      `,
      output: [`
        import { bigint, index, pgTable } from "drizzle-orm/pg-core";
        export const users = pgTable("users", { id: bigint("id", { mode: "number" }).primaryKey() });
        export const posts = pgTable("posts", {
          id: bigint("id", { mode: "number" }).primaryKey(),
          authorId: bigint("author_id", { mode: "number" }).notNull().references(() => users.id, { onDelete: "cascade" }),
        }, (t) => [index("posts_author_id_idx").on(t.authorId)]);
      `],
    },
  ],
});

ruleTester('prefer-uuidv7', {
  valid: [
    {
      name: 'no database default',
      language: 'typescript',
      code: `import { pgTable, uuid } from "drizzle-orm/pg-core";\nexport const e = pgTable("e", { id: uuid("id").primaryKey() });\n`,
    },
  ],
  invalid: [
    {
      name: 'defaultRandom on the primary key',
      language: 'typescript',
      code: `
        import { pgTable, text, uuid } from "drizzle-orm/pg-core";
        export const notes = pgTable("notes", {
          id: uuid("id").primaryKey().defaultRandom(),
              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ prefer-uuidv7
          body: text("body").notNull(),
        });
      `,
      output: [],
    },
    {
      name: 'PostgreSQL 18: defaultRandom() becomes default(sql`uuidv7()`), sql imported on its own line',
      language: 'typescript',
      config: { postgresVersion: 18 },
      code: `
        import { pgTable, text, uuid } from "drizzle-orm/pg-core";
        export const notes = pgTable("notes", {
          id: uuid("id").primaryKey().defaultRandom(),
              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ prefer-uuidv7
          body: text("body").notNull(),
        });
      `,
      output: [`
        import { pgTable, text, uuid } from "drizzle-orm/pg-core";
        import { sql } from "drizzle-orm";
        export const notes = pgTable("notes", {
          id: uuid("id").primaryKey().default(sql\`uuidv7()\`),
          body: text("body").notNull(),
        });
      `],
    },
    {
      name: 'PostgreSQL 18: a written default gets the new expression, sql already imported',
      language: 'typescript',
      config: { postgresVersion: 18 },
      code: `
        import { sql } from "drizzle-orm";
        import { pgTable, uuid } from "drizzle-orm/pg-core";
        export const notes = pgTable("notes", {
          id: uuid("id").primaryKey().default(sql\`gen_random_uuid()\`),
                                              ^^^^^^^^^^^^^^^^^^^^^^ prefer-uuidv7
        });
      `,
      output: [`
        import { sql } from "drizzle-orm";
        import { pgTable, uuid } from "drizzle-orm/pg-core";
        export const notes = pgTable("notes", {
          id: uuid("id").primaryKey().default(sql\`uuidv7()\`),
        });
      `],
    },
    {
      name: "PostgreSQL 18: sql added to the file's drizzle-orm import",
      language: 'typescript',
      config: { postgresVersion: 18 },
      code: `
        import { relations } from "drizzle-orm";
        import { pgTable, uuid } from "drizzle-orm/pg-core";
        export const notes = pgTable("notes", {
          id: uuid("id").primaryKey().defaultRandom(),
              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ prefer-uuidv7
        });
        export const notesRelations = relations(notes, () => ({}));
      `,
      output: [`
        import { relations, sql } from "drizzle-orm";
        import { pgTable, uuid } from "drizzle-orm/pg-core";
        export const notes = pgTable("notes", {
          id: uuid("id").primaryKey().default(sql\`uuidv7()\`),
        });
        export const notesRelations = relations(notes, () => ({}));
      `],
    },
  ],
});

ruleTester('soft-delete-unique', {
  valid: [
    {
      name: 'no soft-delete column',
      language: 'typescript',
      code: `import { bigint, pgTable, text } from "drizzle-orm/pg-core";\nexport const users = pgTable("users", { id: bigint("id", { mode: "number" }).primaryKey(), email: text("email").notNull().unique() });\n`,
    },
  ],
  invalid: [
    {
      name: 'unique email beside deletedAt',
      language: 'typescript',
      code: `
        import { bigint, pgTable, text, timestamp } from "drizzle-orm/pg-core";
        export const users = pgTable("users", {
          id: bigint("id", { mode: "number" }).primaryKey(),
          email: text("email").notNull().unique(),
                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ soft-delete-unique
          deletedAt: timestamp("deleted_at", { withTimezone: true }),
        });
      `,
      output: [],
    },
  ],
});

ruleTester('money-as-float', {
  valid: [
    {
      name: 'numeric price',
      language: 'typescript',
      code: `import { bigint, numeric, pgTable } from "drizzle-orm/pg-core";\nexport const products = pgTable("products", { id: bigint("id", { mode: "number" }).primaryKey(), price: numeric("price", { precision: 12, scale: 2 }).notNull() });\n`,
    },
  ],
  invalid: [
    {
      name: 'doublePrecision price becomes numeric(12,2), imported',
      language: 'typescript',
      code: `
        import { bigint, doublePrecision, pgTable } from "drizzle-orm/pg-core";
        export const products = pgTable("products", {
          id: bigint("id", { mode: "number" }).primaryKey(),
          price: doublePrecision("price").notNull(),
                 ^^^^^^^^^^^^^^^^^^^^^^^^ money-as-float
        });
      `,
      output: [`
        import { bigint, pgTable, numeric } from "drizzle-orm/pg-core";
        export const products = pgTable("products", {
          id: bigint("id", { mode: "number" }).primaryKey(),
          price: numeric("price", { precision: 12, scale: 2 }).notNull(),
        });
      `],
    },
    {
      name: 'a float counted in cents becomes bigint',
      language: 'typescript',
      code: `
        import { bigint, doublePrecision, pgTable } from "drizzle-orm/pg-core";
        export const products = pgTable("products", {
          id: bigint("id", { mode: "number" }).primaryKey(),
          priceCents: doublePrecision("price_cents").notNull(),
                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ money-as-float
        });
      `,
      output: [`
        import { bigint, pgTable } from "drizzle-orm/pg-core";
        export const products = pgTable("products", {
          id: bigint("id", { mode: "number" }).primaryKey(),
          priceCents: bigint("price_cents", { mode: "number" }).notNull(),
        });
      `],
    },
  ],
});

ruleTester('ban-char-type', {
  valid: [
    {
      name: 'text code',
      language: 'typescript',
      code: `import { bigint, pgTable, text } from "drizzle-orm/pg-core";\nexport const c = pgTable("countries", { id: bigint("id", { mode: "number" }).primaryKey(), code: text("code").notNull() });\n`,
    },
  ],
  invalid: [
    {
      name: 'char with a length',
      language: 'typescript',
      code: `
        import { bigint, char, pgTable } from "drizzle-orm/pg-core";
        export const countries = pgTable("countries", {
          id: bigint("id", { mode: "number" }).primaryKey(),
          code: char("code", { length: 2 }).notNull(),
                ^^^^^^^^^^^^^^^^^^^^^^^^^^^ ban-char-type
        });
      `,
      output: [`
        import { bigint, pgTable, text } from "drizzle-orm/pg-core";
        export const countries = pgTable("countries", {
          id: bigint("id", { mode: "number" }).primaryKey(),
          code: text("code").notNull(),
        });
      `],
    },
  ],
});

const MANY = Array.from({ length: 9 }, (_, i) => `c${i}`);

ruleTester('too-many-indexes', {
  valid: [
    {
      name: 'eight indexes, the primary key included',
      language: 'typescript',
      code: `import { bigint, index, pgTable, text } from "drizzle-orm/pg-core";
export const wide = pgTable("wide", {
  id: bigint("id", { mode: "number" }).primaryKey(),
${MANY.map((c) => `  ${c}: text("${c}").notNull(),`).join('\n')}
}, (t) => [
${MANY.slice(0, 7).map((c) => `  index("wide_${c}_idx").on(t.${c}),`).join('\n')}
]);
`,
    },
  ],
  invalid: [
    {
      name: 'nine indexes',
      language: 'typescript',
      code: `
        import { bigint, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
        export const wide = pgTable("wide", {
                                    ^^^^^^ too-many-indexes
          id: bigint("id", { mode: "number" }).primaryKey(),
          c0: text("c0").notNull(),
          c1: text("c1").notNull(),
          c2: text("c2").notNull(),
          c3: text("c3").notNull(),
          c4: text("c4").notNull(),
          c5: text("c5").notNull(),
          c6: text("c6").notNull(),
          c7: text("c7").notNull(),
          createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
          updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
        }, (t) => [
          index("wide_c0_idx").on(t.c0),
          index("wide_c1_idx").on(t.c1),
          index("wide_c2_idx").on(t.c2),
          index("wide_c3_idx").on(t.c3),
          index("wide_c4_idx").on(t.c4),
          index("wide_c5_idx").on(t.c5),
          index("wide_c6_idx").on(t.c6),
          index("wide_c7_idx").on(t.c7),
        ]);
      `,
      output: [],
    },
  ],
});

const LONG = 'customer_lifetime_value_excluding_refunds_and_chargebacks_in_cents';

ruleTester('identifier-too-long', {
  valid: [
    {
      name: 'names within 63 bytes',
      language: 'typescript',
      code: `import { bigint, pgTable } from "drizzle-orm/pg-core";\nexport const customers = pgTable("customers", { id: bigint("id", { mode: "number" }).primaryKey(), lifetimeValue: bigint("lifetime_value", { mode: "number" }) });\n`,
    },
  ],
  invalid: [
    {
      name: 'a column name over 63 bytes',
      language: 'typescript',
      code: `
        import { bigint, pgTable } from "drizzle-orm/pg-core";
        export const customers = pgTable("customers", {
          id: bigint("id", { mode: "number" }).primaryKey(),
          lifetimeValue: bigint("${LONG}", { mode: "number" }),
                                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ identifier-too-long
        });
      `,
      output: [],
    },
  ],
});

ruleTester('index-low-cardinality', {
  valid: [
    {
      name: 'partial index on the flag',
      language: 'typescript',
      code: `import { bigint, boolean, index, pgTable } from "drizzle-orm/pg-core";
        import { sql } from "drizzle-orm";
        export const users = pgTable("users", {
          id: bigint("id", { mode: "number" }).primaryKey(),
          active: boolean("active").notNull(),
        }, (t) => [index("users_active_idx").on(t.active).where(sql\`active\`)]);
      `,
    },
  ],
  invalid: [
    {
      name: 'plain index on a boolean',
      language: 'typescript',
      code: `
        import { bigint, boolean, index, pgTable } from "drizzle-orm/pg-core";
        export const users = pgTable("users", {
          id: bigint("id", { mode: "number" }).primaryKey(),
          active: boolean("active").notNull(),
        }, (t) => [index("users_active_idx").on(t.active)]);
                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ index-low-cardinality
      `,
      output: [],
    },
  ],
});

ruleTester('multi-valued-column', {
  valid: [
    {
      name: 'a text array',
      language: 'typescript',
      code: `import { bigint, pgTable, text } from "drizzle-orm/pg-core";\nexport const posts = pgTable("posts", { id: bigint("id", { mode: "number" }).primaryKey(), tags: text("tags").array() });\n`,
    },
  ],
  invalid: [
    {
      name: 'comma-separated ids in text',
      language: 'typescript',
      code: `
        import { bigint, pgTable, text } from "drizzle-orm/pg-core";
        export const posts = pgTable("posts", {
          id: bigint("id", { mode: "number" }).primaryKey(),
          tagIds: text("tag_ids"),
                       ^^^^^^^^^ multi-valued-column
        });
      `,
      output: [],
    },
  ],
});

ruleTester('prefer-identity', {
  valid: [
    {
      name: 'identity column',
      language: 'typescript',
      code: `import { integer, pgTable } from "drizzle-orm/pg-core";\nexport const e = pgTable("e", { id: integer("id").primaryKey().generatedByDefaultAsIdentity() });\n`,
    },
  ],
  invalid: [
    {
      name: 'serial: the integer builder, imported, made an identity',
      language: 'typescript',
      code: `
        import { pgTable, serial, text } from "drizzle-orm/pg-core";
        export const notes = pgTable("notes", {
          id: serial("id").primaryKey(),
              ^^^^^^^^^^^^ prefer-identity
          body: text("body").notNull(),
        });
      `,
      output: [`
        import { pgTable, text, integer } from "drizzle-orm/pg-core";
        export const notes = pgTable("notes", {
          id: integer("id").generatedByDefaultAsIdentity().primaryKey(),
          body: text("body").notNull(),
        });
      `],
    },
    {
      name: 'bigserial keeps its mode as bigint',
      language: 'typescript',
      code: `
        import { bigint, bigserial, pgTable } from "drizzle-orm/pg-core";
        export const events = pgTable("events", {
          id: bigserial("id", { mode: "number" }).primaryKey(),
              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ prefer-identity
        });
      `,
      output: [`
        import { bigint, pgTable } from "drizzle-orm/pg-core";
        export const events = pgTable("events", {
          id: bigint("id", { mode: "number" }).generatedByDefaultAsIdentity().primaryKey(),
        });
      `],
    },
  ],
});
