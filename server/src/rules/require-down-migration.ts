import type { FixProposal } from '../model/intents';
import { lineBreak } from '../model/text';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'require-down-migration',
    category: 'migration',
    defaultSeverity: 'info',
    appliesTo: ['pg', 'sqlite', 'mysql'],
    fixable: true,
    summary: 'An up migration without a down migration, for a runner that uses them.',
    why:
      'Runners that apply down migrations (golang-migrate and pop `.down.sql` files, Diesel `down.sql`, goose `-- +goose Down`, ' +
      'dbmate `-- migrate:down`, sql-migrate `-- +migrate Down`, node-pg-migrate `-- Down Migration`) can only roll this ' +
      'migration back if it has one; writing it next to the change, while the change is fresh, is the cheap moment. Runners ' +
      'without down migrations (Prisma Migrate, Drizzle, Flyway Community, sqlx with plain files) are not asked. An empty ' +
      'down file counts as a deliberate "nothing to undo".',
    fix: 'Create the down file, or append the down section marker, as a stub to fill in.',
    examples: [
      { language: 'sql', file: 'db/migrations/00001_create_t.sql', bad: '-- +goose Up\nCREATE TABLE t (id bigint PRIMARY KEY);\n', good: '-- +goose Up\nCREATE TABLE t (id bigint PRIMARY KEY);\n\n-- +goose Down\nDROP TABLE t;\n' },
    ],
  },

  checkStatements(ctx) {
    const file = ctx.file;
    if (file.role !== 'migration' || file.down !== 'missing') return;
    const nl = lineBreak(file.text);
    const upMarker = file.markers.find((m) => m.direction === 'up');
    const fixes: FixProposal[] = [];
    const marker = file.runner?.downMarker;
    const end = file.text.length;
    if (marker) {
      const sep = file.text.endsWith('\n') ? nl : `${nl}${nl}`;
      fixes.push({ title: `Append ${marker}`, safe: false, preferred: true, intent: { kind: 'replace', at: { uri: file.uri, span: { start: end, end } }, newText: `${sep}${marker}${nl}` } });
    } else if (file.downFile) {
      fixes.push({ title: 'Create the down migration file', safe: false, preferred: true, intent: { kind: 'replace', at: { uri: file.downFile, span: { start: 0, end: 0 } }, newText: `-- Revert ${file.setName ?? 'the up migration'}${nl}` } });
    }
    const where = marker ? `a ${marker} section` : 'a down file';
    ctx.report({
      message: `This migration has no down migration, and ${file.runner?.name ?? 'its runner'} uses them: it cannot be rolled back. Add ${where}, even a deliberate empty one.`,
      at: upMarker ? { uri: file.uri, span: upMarker.span } : ctx.statements[0]?.view.head(2) ?? { uri: file.uri, span: { start: 0, end: 0 } },
      fixes,
    });
  },
});
