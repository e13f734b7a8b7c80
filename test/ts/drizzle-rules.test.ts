/**
 * Design rules on Drizzle schemas: findings on the TypeScript, fixes as TypeScript edits in the file's
 * style, every fixed text re-parsed and re-checked by the rule tester.
 */
import { ruleTester } from '../helpers/rule-tester';

const USERS = `import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const users = pgTable("users", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  name: text("name").notNull(),
});
`;

ruleTester('fk-missing-index', {
  valid: [
    {
      name: 'index in the callback',
      language: 'typescript',
      code: `${USERS}
        export const notes = pgTable("notes", {
          id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
          authorId: integer("author_id").notNull().references(() => users.id, { onDelete: "cascade" }),
        }, (t) => [index("notes_author_id_idx").on(t.authorId)]);
      `,
    },
    {
      name: 'composite primary key leads with the column',
      language: 'typescript',
      code: `import { integer, pgTable, primaryKey } from 'drizzle-orm/pg-core';
        import { users } from './users';

        export const follows = pgTable('follows', {
          userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
          otherId: integer('other_id').notNull(),
        }, (t) => ({ pk: primaryKey({ columns: [t.userId, t.otherId] }) }));
      `,
      files: { 'users.ts': "import { integer, pgTable } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', { id: integer('id').primaryKey() });\n" },
    },
  ],
  invalid: [
    {
      name: 'no callback: one is created, index imported',
      language: 'typescript',
      code: `
        import { integer, pgTable, text } from "drizzle-orm/pg-core";
        import { users } from "./users";

        export const notes = pgTable("notes", {
          id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
          body: text("body").notNull(),
          authorId: integer("author_id").notNull().references(() => users.id, { onDelete: "cascade" }),
                                                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ fk-missing-index
        });
      `,
      files: { 'users.ts': 'import { integer, pgTable } from "drizzle-orm/pg-core";\nexport const users = pgTable("users", { id: integer("id").primaryKey() });\n' },
      output: [`
        import { integer, pgTable, text, index } from "drizzle-orm/pg-core";
        import { users } from "./users";

        export const notes = pgTable("notes", {
          id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
          body: text("body").notNull(),
          authorId: integer("author_id").notNull().references(() => users.id, { onDelete: "cascade" }),
        }, (t) => [
          index("notes_author_id_idx").on(t.authorId),
        ]);
      `],
    },
    {
      name: 'array callback: the index is added to it, through a re-export',
      language: 'typescript',
      code: `
        import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
        import { users } from './index';

        export const notes = pgTable('notes', {
          id: uuid('id').primaryKey().defaultRandom(),
          title: text('title').notNull(),
          authorId: uuid('author_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
                                                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ fk-missing-index
        }, (table) => [
          index('notes_title_idx').on(table.title),
        ]);
      `,
      files: {
        'index.ts': "export * from './users';\n",
        'users.ts': "import { pgTable, uuid } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', { id: uuid('id').primaryKey() });\n",
      },
      output: [`
        import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
        import { users } from './index';

        export const notes = pgTable('notes', {
          id: uuid('id').primaryKey().defaultRandom(),
          title: text('title').notNull(),
          authorId: uuid('author_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
        }, (table) => [
          index('notes_title_idx').on(table.title),
          index('notes_author_id_idx').on(table.authorId),
        ]);
      `],
    },
    {
      name: 'object callback (older drizzle): a named entry is added',
      language: 'typescript',
      code: `
        import { index, integer, pgTable } from "drizzle-orm/pg-core";

        export const users = pgTable("users", { id: integer("id").primaryKey() });

        export const posts = pgTable("posts", {
          id: integer("id").primaryKey(),
          authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
                                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ fk-missing-index
          editorId: integer("editor_id").references(() => users.id, { onDelete: "set null" }),
        }, (t) => ({
          editorIdx: index("posts_editor_idx").on(t.editorId),
        }));
      `,
      output: [`
        import { index, integer, pgTable } from "drizzle-orm/pg-core";

        export const users = pgTable("users", { id: integer("id").primaryKey() });

        export const posts = pgTable("posts", {
          id: integer("id").primaryKey(),
          authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
          editorId: integer("editor_id").references(() => users.id, { onDelete: "set null" }),
        }, (t) => ({
          editorIdx: index("posts_editor_idx").on(t.editorId),
          authorIdIdx: index("posts_author_id_idx").on(t.authorId),
        }));
      `],
    },
    {
      name: 'composite key with an index on its first column: that index is widened, not doubled',
      language: 'typescript',
      code: `
        import { foreignKey, index, integer, pgTable, primaryKey } from "drizzle-orm/pg-core";

        export const orgs = pgTable("orgs", { id: integer("id"), region: integer("region") }, (t) => [primaryKey({ columns: [t.id, t.region] })]);

        export const members = pgTable("members", {
          id: integer("id").primaryKey(),
          orgId: integer("org_id").notNull(),
          orgRegion: integer("org_region").notNull(),
        }, (t) => [
          index("members_org_id_idx").on(t.orgId),
          foreignKey({ columns: [t.orgId, t.orgRegion], foreignColumns: [orgs.id, orgs.region] }).onDelete("cascade"),
          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ fk-missing-index
        ]);
      `,
      output: [`
        import { foreignKey, index, integer, pgTable, primaryKey } from "drizzle-orm/pg-core";

        export const orgs = pgTable("orgs", { id: integer("id"), region: integer("region") }, (t) => [primaryKey({ columns: [t.id, t.region] })]);

        export const members = pgTable("members", {
          id: integer("id").primaryKey(),
          orgId: integer("org_id").notNull(),
          orgRegion: integer("org_region").notNull(),
        }, (t) => [
          index("members_org_id_idx").on(t.orgId, t.orgRegion),
          foreignKey({ columns: [t.orgId, t.orgRegion], foreignColumns: [orgs.id, orgs.region] }).onDelete("cascade"),
        ]);
      `],
    },
  ],
});

ruleTester('prefer-timestamptz', {
  valid: [
    {
      name: 'withTimezone',
      language: 'typescript',
      code: `import { pgTable, serial, timestamp } from "drizzle-orm/pg-core";\nexport const e = pgTable("e", { id: serial("id").primaryKey(), at: timestamp("at", { withTimezone: true }).notNull() });\n`,
    },
  ],
  invalid: [
    {
      name: 'options object gets withTimezone',
      language: 'typescript',
      code: `
        import { bigint, pgTable, timestamp } from "drizzle-orm/pg-core";
        export const events = pgTable("events", {
          id: bigint("id", { mode: "number" }).primaryKey(),
          at: timestamp("at", { mode: "string" }).notNull().defaultNow(),
              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ prefer-timestamptz
        });
      `,
      output: [`
        import { bigint, pgTable, timestamp } from "drizzle-orm/pg-core";
        export const events = pgTable("events", {
          id: bigint("id", { mode: "number" }).primaryKey(),
          at: timestamp("at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
        });
      `],
    },
    {
      name: 'no options: an options object is added',
      language: 'typescript',
      code: `
        import { bigint, pgTable, timestamp } from "drizzle-orm/pg-core";
        export const events = pgTable("events", {
          id: bigint("id", { mode: "number" }).primaryKey(),
          at: timestamp("at").notNull(),
              ^^^^^^^^^^^^^^^ prefer-timestamptz
        });
      `,
      output: [`
        import { bigint, pgTable, timestamp } from "drizzle-orm/pg-core";
        export const events = pgTable("events", {
          id: bigint("id", { mode: "number" }).primaryKey(),
          at: timestamp("at", { withTimezone: true }).notNull(),
        });
      `],
    },
  ],
});
