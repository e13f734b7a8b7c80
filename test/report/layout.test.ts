/** ER diagram layout: readable at 150 tables (no overlaps, grouped, bounded), and fast enough to run per edit. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layoutDiagram, type DiagramLayout, type NodeBox } from '../../server/src/report/diagram/layout';
import type { ReportData, ReportRelation, ReportTable } from '../../server/src/report';

const LOC = { uri: 'file:///s.sql', path: 's.sql', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };

/** A deterministic schema: `n` tables, each referencing up to three earlier ones, mostly near it. */
function schema(n: number, groups = 1): ReportData {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const tables: ReportTable[] = [];
  const relations: ReportRelation[] = [];
  for (let i = 0; i < n; i++) {
    const refs = i === 0 ? [] : Array.from({ length: Math.floor(rand() * 4) }, () => Math.max(0, i - 1 - Math.floor(rand() * 8)));
    const key = `t${i}`;
    tables.push({
      key,
      name: `table_${i}`,
      kind: 'table',
      group: groups > 1 ? `schema_${i % groups}` : '',
      columns: [
        { name: 'id', type: 'bigint', shortType: 'int8', nullable: false, keys: ['PK'], at: LOC },
        ...refs.map((r, j) => ({ name: `ref${j}_id`, type: 'bigint', shortType: 'int8', nullable: true, keys: ['FK' as const], at: LOC })),
        ...Array.from({ length: Math.floor(rand() * 8) }, (_, j) => ({ name: `attribute_${j}`, type: 'text', shortType: 'text', nullable: true, keys: [], at: LOC })),
      ],
      indexes: [],
      foreignKeys: [],
      findings: 0,
      at: LOC,
    });
    refs.forEach((r, j) => relations.push({ child: key, childColumns: [`ref${j}_id`], parent: `t${r}`, parentColumns: ['id'], cardinality: 'many-to-one', optional: true, label: `ref${j}_id` }));
  }
  return {
    version: 1,
    title: 't',
    source: { kind: 'sql', dialect: 'postgresql', files: ['s.sql'] },
    summary: { tables: n, views: 0, columns: 0, indexes: 0, relations: relations.length, enums: 0 },
    tables,
    relations,
    enums: [],
    fkCoverage: { total: 0, covered: 0, uncovered: [] },
    hygiene: [],
    findings: { counts: { error: 0, warning: 0, info: 0, hint: 0 }, byRule: [] },
    notes: [],
  };
}

function overlaps(a: NodeBox, b: NodeBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function assertReadable(data: ReportData, layout: DiagramLayout) {
  assert.equal(layout.nodes.length, data.tables.length, 'every table is drawn once');
  for (let i = 0; i < layout.nodes.length; i++) {
    const a = layout.nodes[i];
    assert.ok(a.x >= -0.5 && a.y >= -0.5 && a.x + a.width <= layout.width + 0.5 && a.y + a.height <= layout.height + 0.5, `${a.key} is outside the drawing`);
    for (let j = i + 1; j < layout.nodes.length; j++) assert.ok(!overlaps(a, layout.nodes[j]), `${a.key} overlaps ${layout.nodes[j].key}`);
  }
  assert.equal(layout.edges.length, data.relations.length, 'every relation is drawn');
  const byKey = new Map(layout.nodes.map((n) => [n.key, n]));
  for (const e of layout.edges) {
    const r = data.relations[e.relation];
    const near = (p: { x: number; y: number }, n: NodeBox) => p.x >= n.x - 2 && p.x <= n.x + n.width + 2 && p.y >= n.y - 2 && p.y <= n.y + n.height + 2;
    assert.ok(near(e.points[0], byKey.get(r.parent)!) && near(e.points.at(-1)!, byKey.get(r.child)!), `edge ${r.child} → ${r.parent} does not join its boxes`);
  }
}

describe('ER diagram layout', () => {
  it('150 related tables: no overlap, every relation joins its two boxes, both layouts within 5 s', () => {
    const data = schema(150);
    const started = Date.now();
    const full = layoutDiagram(data, 'columns');
    const keys = layoutDiagram(data, 'keys');
    const ms = Date.now() - started;
    assertReadable(data, full);
    assertReadable(data, keys);
    assert.ok(keys.height * keys.width < full.height * full.width, 'the key-columns overview is smaller');
    assert.ok(ms < 5000, `layout took ${ms} ms`);
  });

  it('groups (database schemas) are laid out as separate labelled boxes that hold their tables', () => {
    const data = schema(60, 3);
    const layout = layoutDiagram(data, 'keys');
    assertReadable(data, layout);
    assert.deepEqual(layout.groups.map((g) => g.name), ['schema_0', 'schema_1', 'schema_2']);
    for (const n of layout.nodes) {
      const group = layout.groups.find((g) => g.name === data.tables.find((t) => t.key === n.key)!.group)!;
      assert.ok(n.x >= group.x && n.y >= group.y && n.x + n.width <= group.x + group.width && n.y + n.height <= group.y + group.height, `${n.key} outside its group`);
    }
  });

  it('unrelated tables are packed into a roughly square area, not one long row', () => {
    const data = schema(1);
    for (let i = 1; i < 100; i++) data.tables.push({ ...data.tables[0], key: `u${i}`, name: `lonely_${i}` });
    const layout = layoutDiagram(data, 'columns');
    assertReadable(data, layout);
    const ratio = layout.width / layout.height;
    assert.ok(ratio > 0.5 && ratio < 4, `aspect ratio ${ratio.toFixed(2)}`);
  });
});
