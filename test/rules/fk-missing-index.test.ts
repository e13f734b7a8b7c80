import { ruleTester } from '../helpers/rule-tester';

const DS = (provider: string) => `datasource db {\n  provider = "${provider}"\n}\n`;

const prismaBlog = (provider: string, extra = '') => `
${DS(provider)}
model User {
  id    Int    @id
  posts Post[]
}

model Post {
  id       Int  @id
  authorId Int
  author   User @relation(fields: [authorId], references: [id])${extra}
}
`;

ruleTester('fk-missing-index', {
  valid: [
    { name: 'prisma @@index on the FK', language: 'prisma', code: prismaBlog('postgresql', '\n\n  @@index([authorId])') },
    { name: 'prisma composite index led by the FK', language: 'prisma', code: prismaBlog('postgresql', '\n  createdAt DateTime @db.Timestamptz(3)\n\n  @@index([authorId, createdAt])') },
    { name: 'prisma FK is unique (1-1)', language: 'prisma', code: prismaBlog('postgresql').replace('authorId Int', 'authorId Int  @unique') },
    { name: 'prisma on MySQL: InnoDB indexes FKs itself', language: 'prisma', code: prismaBlog('mysql') },
    {
      name: 'prisma relationMode = "prisma": no constraint, and Prisma itself asks for the index',
      language: 'prisma',
      code: prismaBlog('postgresql').replace('provider = "postgresql"', 'provider     = "postgresql"\n  relationMode = "prisma"'),
    },
    {
      name: 'prisma composite FK covered by the composite PK in another order',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }
        model Tenant {
          id   Int @id
          subs Sub[]
          refs Ref[]
        }
        model Sub {
          tenantId Int
          id       Int
          tenant   Tenant @relation(fields: [tenantId], references: [id], onDelete: Cascade)
          refs     Ref[]
          @@id([tenantId, id])
        }
        model Ref {
          id       Int @id
          tenantId Int
          subId    Int
          tenant   Tenant @relation(fields: [tenantId], references: [id], onDelete: Cascade)
          sub      Sub    @relation(fields: [subId, tenantId], references: [id, tenantId], onDelete: Cascade)
          @@index([tenantId, subId])
        }
      `,
    },
    {
      name: 'sql: index created later in the same file',
      language: 'sql',
      code: `
        CREATE TABLE users (id bigint PRIMARY KEY);
        CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint REFERENCES users (id));
        CREATE INDEX ON posts (author_id);
      `,
    },
    {
      name: 'sql: FK columns lead the primary key of a junction table',
      language: 'sql',
      code: `
        CREATE TABLE users (id bigint PRIMARY KEY);
        CREATE TABLE roles (id bigint PRIMARY KEY);
        CREATE TABLE user_roles (
          user_id bigint REFERENCES users (id),
          role_id bigint REFERENCES roles (id),
          PRIMARY KEY (user_id, role_id)
        );
        CREATE INDEX user_roles_role_id_idx ON user_roles (role_id);
      `,
    },
    {
      name: 'sql: unique constraint leads with the FK',
      language: 'sql',
      code: `
        CREATE TABLE users (id bigint PRIMARY KEY);
        CREATE TABLE profiles (id bigint PRIMARY KEY, user_id bigint NOT NULL UNIQUE REFERENCES users (id));
      `,
    },
    {
      name: 'sql: MySQL folder',
      language: 'sql',
      file: 'mysql/001.sql',
      code: `
        CREATE TABLE users (id bigint PRIMARY KEY);
        CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint REFERENCES users (id));
      `,
    },
    {
      name: 'sql: suppressed with a comment',
      language: 'sql',
      code: `
        CREATE TABLE users (id bigint PRIMARY KEY);
        CREATE TABLE posts (
          id bigint PRIMARY KEY,
          -- db-design-disable-next-line fk-missing-index -- a dozen rows, never deleted
          author_id bigint REFERENCES users (id)
        );
      `,
    },
  ],
  invalid: [
    {
      name: 'prisma relation without index',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }
        model User {
          id    Int    @id
          posts Post[]
        }

        model Post {
          id       Int  @id
          authorId Int
          author   User @relation(fields: [authorId], references: [id])
          ^^^^^^ fk-missing-index
        }
      `,
      output: [
        `
        datasource db {
          provider = "postgresql"
        }
        model User {
          id    Int    @id
          posts Post[]
        }

        model Post {
          id       Int  @id
          authorId Int
          author   User @relation(fields: [authorId], references: [id])

          @@index([authorId])
        }
      `,
      ],
    },
    {
      name: 'prisma composite relation with an @@index on its first field: the index is widened, not doubled',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }
        model Rule {
          id             String
          emailAccountId String
          actions        Action[]

          @@id([id, emailAccountId])
        }

        model Action {
          id             String @id
          ruleId         String
          emailAccountId String
          rule           Rule   @relation(fields: [ruleId, emailAccountId], references: [id, emailAccountId])
          ^^^^ fk-missing-index

          @@index([ruleId], map: "Action_rule_idx")
        }
      `,
      output: [
        `
        datasource db {
          provider = "postgresql"
        }
        model Rule {
          id             String
          emailAccountId String
          actions        Action[]

          @@id([id, emailAccountId])
        }

        model Action {
          id             String @id
          ruleId         String
          emailAccountId String
          rule           Rule   @relation(fields: [ruleId, emailAccountId], references: [id, emailAccountId])

          @@index([ruleId, emailAccountId], map: "Action_rule_idx")
        }
      `,
      ],
    },
    {
      name: 'prisma: a table at the limit of too-many-indexes gets no fix (one more index would bring out that finding)',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }
        model User {
          id    Int    @id
          posts Post[]
        }

        model Post {
          id       Int  @id
          a        Int
          b        Int
          c        Int
          d        Int
          e        Int
          f        Int
          g        Int
          authorId Int
          author   User @relation(fields: [authorId], references: [id])
          ^^^^^^ fk-missing-index

          @@index([a])
          @@index([b])
          @@index([c])
          @@index([d])
          @@index([e])
          @@index([f])
          @@index([g])
        }
      `,
      output: [],
    },
    {
      name: 'prisma: the same table with too-many-indexes turned off gets the index',
      language: 'prisma',
      config: { rules: { 'too-many-indexes': 'off' } },
      code: `
        datasource db {
          provider = "postgresql"
        }
        model User {
          id    Int    @id
          posts Post[]
        }

        model Post {
          id       Int  @id
          a        Int
          b        Int
          c        Int
          d        Int
          e        Int
          f        Int
          g        Int
          authorId Int
          author   User @relation(fields: [authorId], references: [id])
          ^^^^^^ fk-missing-index

          @@index([a])
          @@index([b])
          @@index([c])
          @@index([d])
          @@index([e])
          @@index([f])
          @@index([g])
        }
      `,
      output: [
        `
        datasource db {
          provider = "postgresql"
        }
        model User {
          id    Int    @id
          posts Post[]
        }

        model Post {
          id       Int  @id
          a        Int
          b        Int
          c        Int
          d        Int
          e        Int
          f        Int
          g        Int
          authorId Int
          author   User @relation(fields: [authorId], references: [id])

          @@index([a])
          @@index([b])
          @@index([c])
          @@index([d])
          @@index([e])
          @@index([f])
          @@index([g])
          @@index([authorId])
        }
      `,
      ],
    },
    {
      name: 'prisma: a key on one enum column of 3 values gets no fix (index-low-cardinality would report its index)',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }
        enum Rank {
          Acolyte
          Knight
          Templar
        }
        model RankInfo {
          type    Rank     @id
          players Player[]
        }

        model Player {
          id       Int      @id
          rankType Rank
          rank     RankInfo @relation(fields: [rankType], references: [type])
          ^^^^ fk-missing-index
        }
      `,
      output: [],
    },
    {
      name: 'prisma on SQLite',
      language: 'prisma',
      code: `
        datasource db {
          provider = "sqlite"
        }
        model User {
          id    Int    @id
          posts Post[]
        }

        model Post {
          id       Int  @id
          authorId Int
          author   User @relation(fields: [authorId], references: [id])
          ^^^^^^ fk-missing-index
        }
      `,
    },
    {
      name: 'prisma index on the second column only does not count',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }
        model User {
          id    Int    @id
          posts Post[]
        }

        model Post {
          id        Int      @id
          createdAt DateTime @db.Timestamptz(3)
          authorId  Int
          author    User     @relation(fields: [authorId], references: [id])
          ^^^^^^ fk-missing-index

          @@index([createdAt, authorId])
        }
      `,
    },
    {
      name: 'sql inline REFERENCES',
      language: 'sql',
      code: `
        CREATE TABLE users (id bigint PRIMARY KEY);
        CREATE TABLE posts (
          id bigint PRIMARY KEY,
          author_id bigint NOT NULL REFERENCES users (id)
                                    ^^^^^^^^^^^^^^^^^^^^^ fk-missing-index
        );
      `,
      output: [
        `
        CREATE TABLE users (id bigint PRIMARY KEY);
        CREATE TABLE posts (
          id bigint PRIMARY KEY,
          author_id bigint NOT NULL REFERENCES users (id)
        );
        CREATE INDEX posts_author_id_idx ON posts (author_id);
      `,
      ],
    },
    {
      name: 'sql table-level composite FOREIGN KEY, index on one column only',
      language: 'sql',
      code: `
        CREATE TABLE orders (tenant_id bigint, id bigint, PRIMARY KEY (tenant_id, id));
        CREATE TABLE lines (
          id bigint PRIMARY KEY,
          tenant_id bigint NOT NULL,
          order_id bigint NOT NULL,
          FOREIGN KEY (order_id, tenant_id) REFERENCES orders (id, tenant_id)
          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ fk-missing-index
        );
        CREATE INDEX lines_order_id_idx ON lines (order_id);
      `,
      // A second index on (order_id, tenant_id) would make this one redundant: it is widened instead.
      output: [
        `
        CREATE TABLE orders (tenant_id bigint, id bigint, PRIMARY KEY (tenant_id, id));
        CREATE TABLE lines (
          id bigint PRIMARY KEY,
          tenant_id bigint NOT NULL,
          order_id bigint NOT NULL,
          FOREIGN KEY (order_id, tenant_id) REFERENCES orders (id, tenant_id)
        );
        CREATE INDEX lines_order_id_idx ON lines (order_id, tenant_id);
      `,
      ],
    },
    {
      name: "sql: drizzle-kit's SQLite migration, an index on the key's first column in the same file: widened, quoted as written",
      language: 'sql',
      file: 'drizzle/0000_init.sql',
      files: { 'drizzle.config.ts': 'export default { dialect: "sqlite", out: "./drizzle" };\n' },
      code: `
        CREATE TABLE \`tags\` (\`id\` text NOT NULL, \`userId\` text NOT NULL, PRIMARY KEY(\`userId\`, \`id\`));
        --> statement-breakpoint
        CREATE TABLE \`actions\` (
        \t\`id\` text PRIMARY KEY NOT NULL,
        \t\`userId\` text NOT NULL,
        \t\`tagId\` text,
        \tFOREIGN KEY (\`userId\`,\`tagId\`) REFERENCES \`tags\`(\`userId\`,\`id\`) ON UPDATE no action ON DELETE cascade
        \t^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ fk-missing-index
        );
        --> statement-breakpoint
        CREATE INDEX \`actions_userId_idx\` ON \`actions\` (\`userId\`);
      `,
      output: [
        `
        CREATE TABLE \`tags\` (\`id\` text NOT NULL, \`userId\` text NOT NULL, PRIMARY KEY(\`userId\`, \`id\`));
        --> statement-breakpoint
        CREATE TABLE \`actions\` (
        \t\`id\` text PRIMARY KEY NOT NULL,
        \t\`userId\` text NOT NULL,
        \t\`tagId\` text,
        \tFOREIGN KEY (\`userId\`,\`tagId\`) REFERENCES \`tags\`(\`userId\`,\`id\`) ON UPDATE no action ON DELETE cascade
        );
        --> statement-breakpoint
        CREATE INDEX \`actions_userId_idx\` ON \`actions\` (\`userId\`, \`tagId\`);
      `,
      ],
    },
    {
      name: 'sql: the index on the first column was built by an earlier migration: it stays as it ran; a new migration builds the wider one CONCURRENTLY and drops it CONCURRENTLY',
      language: 'sql',
      file: 'migrations/0002_lines.sql',
      config: { migrations: { runner: 'plain' } },
      files: {
        'migrations/0001_init.sql':
          'CREATE TABLE orders (tenant_id bigint, id bigint, PRIMARY KEY (tenant_id, id));\n' +
          'CREATE TABLE lines (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, order_id bigint NOT NULL);\n' +
          'CREATE INDEX lines_order_id_idx ON lines (order_id);\n',
      },
      code: `
        ALTER TABLE lines ADD CONSTRAINT lines_order_fk FOREIGN KEY (order_id, tenant_id) REFERENCES orders (id, tenant_id);
                                         ^^^^^^^^^^^^^^ fk-missing-index
      `,
      // The edits go to the new migration (its text: test/workspace/fixes.test.ts); this file stays as it is.
      output: [
        `
        ALTER TABLE lines ADD CONSTRAINT lines_order_fk FOREIGN KEY (order_id, tenant_id) REFERENCES orders (id, tenant_id);
      `,
      ],
    },
    {
      name: 'sql: the narrow index an earlier migration built, in a Prisma migration (a transaction): the build and the drop each get a new migration of their own',
      language: 'sql',
      file: 'prisma/migrations/20240102000000_lines/migration.sql',
      files: {
        'prisma/migrations/20240101000000_init/migration.sql':
          'CREATE TABLE "orders" ("tenant_id" BIGINT, "id" BIGINT, PRIMARY KEY ("tenant_id", "id"));\n' +
          'CREATE TABLE "lines" ("id" BIGINT PRIMARY KEY, "tenant_id" BIGINT NOT NULL, "order_id" BIGINT NOT NULL);\n' +
          'CREATE INDEX "lines_order_id_idx" ON "lines" ("order_id");\n',
        'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
      },
      code: `
        ALTER TABLE "lines" ADD CONSTRAINT "lines_order_fkey" FOREIGN KEY ("order_id", "tenant_id") REFERENCES "orders" ("id", "tenant_id");
                                           ^^^^^^^^^^^^^^^^^^ fk-missing-index
      `,
      output: [
        `
        ALTER TABLE "lines" ADD CONSTRAINT "lines_order_fkey" FOREIGN KEY ("order_id", "tenant_id") REFERENCES "orders" ("id", "tenant_id");
      `,
      ],
    },
    {
      name: 'sql: the narrow index an earlier migration built has INCLUDE columns: no fix (a new index from its columns alone would drop them)',
      language: 'sql',
      file: 'migrations/0002_lines.sql',
      config: { migrations: { runner: 'plain' } },
      files: {
        'migrations/0001_init.sql':
          'CREATE TABLE orders (tenant_id bigint, id bigint, PRIMARY KEY (tenant_id, id));\n' +
          'CREATE TABLE lines (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, order_id bigint NOT NULL, qty int);\n' +
          'CREATE INDEX lines_order_id_idx ON lines (order_id) INCLUDE (qty);\n',
      },
      code: `
        ALTER TABLE lines ADD CONSTRAINT lines_order_fk FOREIGN KEY (order_id, tenant_id) REFERENCES orders (id, tenant_id);
                                         ^^^^^^^^^^^^^^ fk-missing-index
      `,
      output: [],
    },
    {
      name: 'sql: the narrow index an earlier migration built, runner not known: no fix (CONCURRENTLY may land in its transaction)',
      language: 'sql',
      file: 'db/updates/0002_lines.sql',
      files: {
        'db/updates/0001_init.sql':
          'CREATE TABLE orders (tenant_id bigint, id bigint, PRIMARY KEY (tenant_id, id));\n' +
          'CREATE TABLE lines (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, order_id bigint NOT NULL);\n' +
          'CREATE INDEX lines_order_id_idx ON lines (order_id);\n',
      },
      code: `
        ALTER TABLE lines ADD CONSTRAINT lines_order_fk FOREIGN KEY (order_id, tenant_id) REFERENCES orders (id, tenant_id);
                                         ^^^^^^^^^^^^^^ fk-missing-index
      `,
      output: [],
    },
    {
      name: 'sql ALTER TABLE ADD CONSTRAINT',
      language: 'sql',
      code: `
        CREATE TABLE users (id bigint PRIMARY KEY);
        CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint);
        ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id);
                                         ^^^^^^^^^^^^^^^ fk-missing-index
      `,
      output: [
        `
        CREATE TABLE users (id bigint PRIMARY KEY);
        CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint);
        ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id);
        CREATE INDEX posts_author_id_idx ON posts (author_id);
      `,
      ],
    },
    {
      name: "sql: drizzle-kit's idempotent DO block is replayed; the fix goes after the block",
      language: 'sql',
      code: `
        CREATE TABLE "users" ("id" serial PRIMARY KEY);
        CREATE TABLE "posts" ("id" serial PRIMARY KEY, "author_id" integer NOT NULL);
        DO $$ BEGIN
         ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
                                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ fk-missing-index
        EXCEPTION
         WHEN duplicate_object THEN null;
        END $$;
      `,
      output: [
        `
        CREATE TABLE "users" ("id" serial PRIMARY KEY);
        CREATE TABLE "posts" ("id" serial PRIMARY KEY, "author_id" integer NOT NULL);
        DO $$ BEGIN
         ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
        EXCEPTION
         WHEN duplicate_object THEN null;
        END $$;
        CREATE INDEX posts_author_id_idx ON posts (author_id);
      `,
      ],
    },
    {
      name: 'sql: a table an earlier migration made, in a Prisma migration (a transaction): CONCURRENTLY, in a new migration of its own',
      language: 'sql',
      file: 'prisma/migrations/20240102000000_author/migration.sql',
      files: {
        'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE "users" ("id" BIGINT PRIMARY KEY);\nCREATE TABLE "posts" ("id" BIGINT PRIMARY KEY, "author_id" BIGINT);\n',
        'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
      },
      code: `
        ALTER TABLE "posts" ADD COLUMN "title" TEXT;
        ALTER TABLE "posts" ADD CONSTRAINT "posts_author_fkey" FOREIGN KEY ("author_id") REFERENCES "users" ("id");
                                           ^^^^^^^^^^^^^^^^^^^ fk-missing-index
      `,
      output: [
        `
        ALTER TABLE "posts" ADD COLUMN "title" TEXT;
        ALTER TABLE "posts" ADD CONSTRAINT "posts_author_fkey" FOREIGN KEY ("author_id") REFERENCES "users" ("id");
      `,
      ],
    },
    {
      name: 'sql: a table an earlier migration made, in psql scripts (no transaction): CONCURRENTLY in place',
      language: 'sql',
      file: 'migrations/0002_author.sql',
      config: { migrations: { runner: 'plain' } },
      files: { 'migrations/0001_init.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint);\n' },
      code: `
        ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id);
                                         ^^^^^^^^^^^^^^^ fk-missing-index
      `,
      output: [
        `
        ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id);
        CREATE INDEX CONCURRENTLY posts_author_id_idx ON posts (author_id);
      `,
      ],
    },
    {
      name: 'sql: a table an earlier migration made, runner not known: no fix (CONCURRENTLY may land in its transaction)',
      language: 'sql',
      file: 'db/updates/0002_author.sql',
      files: { 'db/updates/0001_init.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint);\n' },
      code: `
        ALTER TABLE posts ADD CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id);
                                         ^^^^^^^^^^^^^^^ fk-missing-index
      `,
      output: [],
    },
    {
      name: "drizzle-kit's SQLite table rebuild: the index goes after the rename (not onto the old table about to be dropped), with its own breakpoint",
      language: 'sql',
      file: 'drizzle/0001_rebuild.sql',
      files: {
        'drizzle.config.ts': 'export default { dialect: "sqlite", out: "./drizzle" };\n',
        'drizzle/0000_init.sql': 'CREATE TABLE `users` (`id` integer PRIMARY KEY);\n--> statement-breakpoint\nCREATE TABLE `posts` (`id` integer PRIMARY KEY, `author_id` integer);\n',
      },
      code: `
        PRAGMA foreign_keys=OFF;--> statement-breakpoint
        CREATE TABLE \`__new_posts\` (\`id\` integer PRIMARY KEY, \`author_id\` integer, FOREIGN KEY (\`author_id\`) REFERENCES \`users\`(\`id\`));
                                                                                   ^^^^^^^^^^^^^^^^^^^^^^^^^ fk-missing-index
        --> statement-breakpoint
        INSERT INTO \`__new_posts\`("id", "author_id") SELECT "id", "author_id" FROM \`posts\`;--> statement-breakpoint
        DROP TABLE \`posts\`;--> statement-breakpoint
        ALTER TABLE \`__new_posts\` RENAME TO \`posts\`;--> statement-breakpoint
        PRAGMA foreign_keys=ON;
      `,
      output: [
        `
        PRAGMA foreign_keys=OFF;--> statement-breakpoint
        CREATE TABLE \`__new_posts\` (\`id\` integer PRIMARY KEY, \`author_id\` integer, FOREIGN KEY (\`author_id\`) REFERENCES \`users\`(\`id\`));
        --> statement-breakpoint
        INSERT INTO \`__new_posts\`("id", "author_id") SELECT "id", "author_id" FROM \`posts\`;--> statement-breakpoint
        DROP TABLE \`posts\`;--> statement-breakpoint
        ALTER TABLE \`__new_posts\` RENAME TO \`posts\`;--> statement-breakpoint
        CREATE INDEX posts_author_id_idx ON posts (author_id);--> statement-breakpoint
        PRAGMA foreign_keys=ON;
      `,
      ],
    },
    {
      name: 'sql: a table a later migration renames (a rebuild spread over migrations, as pop writes it): the index is made on the name this migration uses',
      language: 'sql',
      file: 'migrations/0002_posts.sql',
      config: { migrations: { runner: 'plain', inTransaction: true } },
      files: {
        'migrations/0001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
        'migrations/0003_rename.sql': 'ALTER TABLE posts_new RENAME TO posts;\n',
      },
      code: `
        CREATE TABLE posts_new (id bigint PRIMARY KEY, author_id bigint REFERENCES users (id));
                                                                        ^^^^^^^^^^^^^^^^^^^^^ fk-missing-index
      `,
      output: [
        `
        CREATE TABLE posts_new (id bigint PRIMARY KEY, author_id bigint REFERENCES users (id));
        CREATE INDEX posts_new_author_id_idx ON posts_new (author_id);
      `,
      ],
    },
    {
      name: 'sql on SQLite (folder name)',
      language: 'sql',
      file: 'sqlite/001.sql',
      code: `
        CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT);
        CREATE TABLE posts (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES users (id));
                                                                      ^^^^^^^^^^^^^^^^^^^^^ fk-missing-index
      `,
    },
  ],
});
