/** ER diagram layout: readable at 150 tables (no overlaps, grouped, bounded). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layoutDiagram, type DiagramLayout, type NodeBox } from '../../server/src/report/diagram/layout';
import type { ReportData } from '../../server/src/report';
import { schema } from './helpers';

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
  it('150 related tables: no overlap, every relation joins its two boxes', () => {
    const data = schema(150);
    const full = layoutDiagram(data, 'columns');
    const keys = layoutDiagram(data, 'keys');
    assertReadable(data, full);
    assertReadable(data, keys);
    assert.ok(keys.height * keys.width < full.height * full.width, 'the key-columns overview is smaller');
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

  it('80 tables around two hubs use the width: the drawing is about as wide as a report canvas, in both details', () => {
    const data = schema(80, 1, 0.7);
    for (const detail of ['columns', 'keys'] as const) {
      const layout = layoutDiagram(data, detail);
      assertReadable(data, layout);
      const ratio = layout.width / layout.height;
      assert.ok(ratio >= 1 && ratio <= 3, `${detail}: aspect ratio ${ratio.toFixed(2)} (${layout.width} x ${layout.height})`);
    }
  });

  it('a hub with 40 children wraps its rank into columns instead of one column 40 boxes tall', () => {
    const data = schema(1);
    for (let i = 1; i <= 40; i++) {
      data.tables.push({ ...data.tables[0], key: `c${i}`, name: `child_${i}` });
      data.relations.push({ child: `c${i}`, childColumns: ['hub_id'], parent: 't0', parentColumns: ['id'], cardinality: 'many-to-one', optional: false, label: 'hub_id' });
    }
    const layout = layoutDiagram(data, 'columns');
    assertReadable(data, layout);
    const ratio = layout.width / layout.height;
    assert.ok(ratio >= 0.8 && ratio <= 3, `aspect ratio ${ratio.toFixed(2)}`);
    const columns = new Set(layout.nodes.filter((n) => n.key !== 't0').map((n) => Math.round(n.x)));
    assert.ok(columns.size >= 3, `children in ${columns.size} columns`);
    // Every child is to the right of the hub, and each relation enters its child from the left.
    const hub = layout.nodes.find((n) => n.key === 't0')!;
    const byKey = new Map(layout.nodes.map((n) => [n.key, n]));
    for (const e of layout.edges) {
      const child = byKey.get(data.relations[e.relation].child)!;
      assert.ok(child.x > hub.x + hub.width, `${child.key} left of its hub`);
      assert.ok(Math.abs(e.points.at(-1)!.x - child.x) < 0.5, `${child.key}: the relation does not enter from the left`);
    }
  });

  it('a dozen groups (files of a Prisma schema) are packed in rows, not stacked in one column', () => {
    const data = schema(48, 12);
    const layout = layoutDiagram(data, 'columns');
    assertReadable(data, layout);
    const ratio = layout.width / layout.height;
    assert.ok(ratio >= 0.8 && ratio <= 3, `aspect ratio ${ratio.toFixed(2)}`);
    assert.ok(new Set(layout.groups.map((g) => g.y)).size < layout.groups.length / 2, 'groups share rows');
    for (let i = 0; i < layout.groups.length; i++) {
      for (let j = i + 1; j < layout.groups.length; j++) {
        const [a, b] = [layout.groups[i], layout.groups[j]];
        assert.ok(!(a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height), `${a.name} overlaps ${b.name}`);
      }
    }
  });
});
