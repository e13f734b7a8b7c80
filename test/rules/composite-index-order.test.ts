import { ruleTester } from '../helpers/rule-tester';

const DS = (provider: string) => `datasource db {\n  provider = "${provider}"\n}\n`;

ruleTester('composite-index-order', {
  valid: [
    { name: 'prisma: equality first', language: 'prisma', code: `${DS('postgresql')}\nmodel O {\n  id        Int      @id\n  userId    Int\n  createdAt DateTime @db.Timestamptz(3)\n\n  @@index([userId, createdAt])\n}\n` },
    { name: 'prisma: keyset pagination (created, id)', language: 'prisma', code: `${DS('postgresql')}\nmodel O {\n  id        Int      @id\n  createdAt DateTime @db.Timestamptz(3)\n\n  @@index([createdAt, id])\n}\n` },
    { name: 'prisma: a nullable timestamp is usually tested with IS NULL', language: 'prisma', code: `${DS('postgresql')}\nmodel O {\n  id        Int       @id\n  userId    Int\n  deletedAt DateTime? @db.Timestamptz(3)\n\n  @@index([deletedAt, userId])\n}\n` },
    { name: 'prisma: unique constraints are named by their order', language: 'prisma', code: `${DS('postgresql')}\nmodel O {\n  id     Int      @id\n  day    DateTime @db.Timestamptz(3)\n  userId Int\n\n  @@unique([day, userId])\n}\n` },
    { name: 'sql: the key right behind the timestamp (keyset order, then a ride-along column)', language: 'sql', code: 'CREATE TABLE p (id bigint PRIMARY KEY, published_at timestamptz NOT NULL, community_id bigint);\nCREATE INDEX ON p (published_at, id, community_id);\n' },
    { name: 'sql: timestamp in the middle (covering shape)', language: 'sql', code: 'CREATE TABLE e (id bigint PRIMARY KEY, site int NOT NULL, at timestamptz NOT NULL, browser text);\nCREATE INDEX ON e (site, at, browser);\n' },
    { name: 'sql: date is an equality key as often as not', language: 'sql', code: 'CREATE TABLE s (id bigint PRIMARY KEY, day date NOT NULL, site int NOT NULL);\nCREATE INDEX ON s (day, site);\n' },
  ],
  invalid: [
    {
      name: 'prisma: fields reordered, sort options kept',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }

        model Order {
          id        Int      @id
          userId    Int
          status    String
          createdAt DateTime @db.Timestamptz(3)

          @@index([createdAt(sort: Desc), userId, status])
          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ composite-index-order
        }
      `,
      output: [`
        datasource db {
          provider = "postgresql"
        }

        model Order {
          id        Int      @id
          userId    Int
          status    String
          createdAt DateTime @db.Timestamptz(3)

          @@index([userId, status, createdAt(sort: Desc)])
        }
      `],
    },
    {
      name: 'prisma on MySQL with mapped names',
      language: 'prisma',
      code: `
        datasource db {
          provider = "mysql"
        }

        model Order {
          id        Int      @id
          userId    Int      @map("user_id")
          createdAt DateTime @map("created_at")

          @@index([createdAt, userId])
          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ composite-index-order
        }
      `,
      output: [`
        datasource db {
          provider = "mysql"
        }

        model Order {
          id        Int      @id
          userId    Int      @map("user_id")
          createdAt DateTime @map("created_at")

          @@index([userId, createdAt])
        }
      `],
    },
    {
      name: 'sql: the column list is rewritten, DESC kept',
      language: 'sql',
      code: `
        CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, created_at timestamptz NOT NULL);
        CREATE INDEX orders_recent_idx ON orders USING btree (created_at DESC, user_id);
        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ composite-index-order
      `,
      output: [`
        CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, created_at timestamptz NOT NULL);
        CREATE INDEX orders_recent_idx ON orders USING btree (user_id, created_at DESC);
      `],
    },
  ],
});
