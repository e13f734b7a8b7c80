import { ruleTester } from '../helpers/rule-tester';

const blog = (provider: string, relation: string, authorId = 'Int') => `
datasource db {
  provider = "${provider}"
}

model User {
  id    Int    @id
  posts Post[]
}

model Post {
  id       Int  @id
  authorId ${authorId}
  author   ${authorId.endsWith('?') ? 'User?' : 'User'} ${relation}

  @@index([authorId])
}
`;

ruleTester('fk-on-delete', {
  valid: [
    { name: 'prisma onDelete: Cascade', language: 'prisma', code: blog('postgresql', '@relation(fields: [authorId], references: [id], onDelete: Cascade)') },
    { name: 'prisma onDelete: Restrict on MySQL', language: 'prisma', code: blog('mysql', '@relation(fields: [authorId], references: [id], onDelete: Restrict)') },
    { name: 'sql ON DELETE SET NULL', language: 'sql', code: 'CREATE TABLE u (id bigint PRIMARY KEY);\nCREATE TABLE p (id bigint PRIMARY KEY, u bigint REFERENCES u ON DELETE SET NULL);\n' },
    { name: 'sql ON DELETE NO ACTION written out', language: 'sql', code: 'CREATE TABLE u (id bigint PRIMARY KEY);\nCREATE TABLE p (id bigint PRIMARY KEY, u bigint REFERENCES u (id) ON UPDATE CASCADE ON DELETE NO ACTION);\n' },
  ],
  invalid: [
    {
      name: 'prisma required relation: Cascade or Restrict (no SetNull)',
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
          author   User @relation(fields: [authorId], references: [id]) // by
          ^^^^^^ fk-on-delete

          @@index([authorId])
        }
      `,
      output: [
        blog('postgresql', '@relation(fields: [authorId], references: [id], onDelete: Cascade) // by').replace(/^\n/, ''),
        blog('postgresql', '@relation(fields: [authorId], references: [id], onDelete: Restrict) // by').replace(/^\n/, ''),
      ],
    },
    {
      name: 'prisma optional relation on SQLite: SetNull is offered too; onUpdate stays',
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
          id       Int   @id
          authorId Int?
          author   User? @relation(fields: [authorId], references: [id], onUpdate: Cascade)
          ^^^^^^ fk-on-delete

          @@index([authorId])
        }
      `,
      output: ['Cascade', 'SetNull', 'Restrict'].map((a) =>
        blog('sqlite', `@relation(fields: [authorId], references: [id], onUpdate: Cascade, onDelete: ${a})`, 'Int?').replace(/^\n/, '').replace('id       Int  @id', 'id       Int   @id'),
      ),
    },
    {
      name: 'prisma on SQL Server: NoAction instead of Restrict',
      language: 'prisma',
      code: `
        datasource db {
          provider = "sqlserver"
        }

        model User {
          id    Int    @id
          posts Post[]
        }

        model Post {
          id       Int  @id
          authorId Int
          author   User @relation(fields: [authorId], references: [id])
          ^^^^^^ fk-on-delete

          @@index([authorId])
        }
      `,
      output: [
        blog('sqlserver', '@relation(fields: [authorId], references: [id], onDelete: Cascade)').replace(/^\n/, ''),
        blog('sqlserver', '@relation(fields: [authorId], references: [id], onDelete: NoAction)').replace(/^\n/, ''),
      ],
    },
    {
      name: 'prisma on SQL Server: an action that would open a second cascade path is not offered',
      language: 'prisma',
      code: `
        datasource db {
          provider = "sqlserver"
        }

        model User {
          id       Int       @id
          posts    Post[]
          comments Comment[]
        }

        model Post {
          id       Int       @id
          authorId Int
          author   User      @relation(fields: [authorId], references: [id], onDelete: Cascade, onUpdate: NoAction)
          comments Comment[]

          @@index([authorId])
        }

        model Comment {
          id     Int  @id
          postId Int
          post   Post @relation(fields: [postId], references: [id], onUpdate: NoAction)
          ^^^^ fk-on-delete
          userId Int
          user   User @relation(fields: [userId], references: [id], onDelete: Cascade, onUpdate: NoAction)

          @@index([postId])
          @@index([userId])
        }
      `,
      output: [`
        datasource db {
          provider = "sqlserver"
        }

        model User {
          id       Int       @id
          posts    Post[]
          comments Comment[]
        }

        model Post {
          id       Int       @id
          authorId Int
          author   User      @relation(fields: [authorId], references: [id], onDelete: Cascade, onUpdate: NoAction)
          comments Comment[]

          @@index([authorId])
        }

        model Comment {
          id     Int  @id
          postId Int
          post   Post @relation(fields: [postId], references: [id], onUpdate: NoAction, onDelete: NoAction)
          userId Int
          user   User @relation(fields: [userId], references: [id], onDelete: Cascade, onUpdate: NoAction)

          @@index([postId])
          @@index([userId])
        }
      `],
    },
    {
      name: 'sql: after the referenced column list, keeping ON UPDATE and the statement case',
      language: 'sql',
      code: `
        create table users (id bigint primary key);
        create table posts (id bigint primary key, author_id bigint references users (id) on update cascade);
                                                                    ^^^^^^^^^^^^^^^^^^^^^ fk-on-delete
      `,
      output: ['cascade', 'set null', 'restrict'].map(
        (a) => `
        create table users (id bigint primary key);
        create table posts (id bigint primary key, author_id bigint references users (id) on delete ${a} on update cascade);
      `,
      ),
    },
    {
      name: 'sql: a nullable table-level foreign key gets SET NULL too; the actions are an option',
      language: 'sql',
      config: { rules: { 'fk-on-delete': ['info', { actions: ['SetNull', 'Cascade'] }] } },
      code: `
        CREATE TABLE users (id bigint PRIMARY KEY);
        CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint, FOREIGN KEY (author_id) REFERENCES public.users);
                                                                     ^^^^^^^^^^^^^^^^^^^^^^^ fk-on-delete
      `,
      output: ['SET NULL', 'CASCADE'].map(
        (a) => `
        CREATE TABLE users (id bigint PRIMARY KEY);
        CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint, FOREIGN KEY (author_id) REFERENCES public.users ON DELETE ${a});
      `,
      ),
    },
  ],
});
