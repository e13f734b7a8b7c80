/**
 * Rendering the report: Markdown with a Mermaid ER diagram GitHub can draw, and a self-contained HTML
 * page under a strict CSP where every name and comment from the schema is text, never markup.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentSecurityPolicy, mermaidErDiagram, renderHtml, renderJson, renderMarkdown, type ReportData } from '../../server/src/report';
import { MERMAID_MAX_TEXT } from '../../server/src/report/render/mermaid';
import { hostileReport } from './helpers';

describe('HTML report', () => {
  it('is one page under a strict CSP: no external resource, one nonce for the one style and the one script', async () => {
    const page = renderHtml(await hostileReport(), { nonce: 'TESTNONCE' });
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page);
    assert.ok(csp, 'no CSP meta tag');
    assert.equal(csp[1], contentSecurityPolicy('TESTNONCE'));
    assert.match(csp[1], /default-src 'none'/);
    assert.match(csp[1], /script-src 'nonce-TESTNONCE'/);
    assert.doesNotMatch(csp[1], /unsafe-inline|unsafe-eval|https?:/);
    assert.deepEqual(page.match(/<script\b[^>]*>/g), ['<script nonce="TESTNONCE">']);
    assert.deepEqual(page.match(/<style\b[^>]*>/g), ['<style nonce="TESTNONCE">']);
    assert.doesNotMatch(page, /<(link|img|iframe|object|embed|base|form)\b/i);
    // Every real tag (names are escaped, so `<` only starts our own markup; the script body aside).
    const markup = page.replace(/(<script nonce="TESTNONCE">)[\s\S]*?(<\/script>)/, '$1$2');
    for (const tag of markup.match(/<[a-zA-Z][^>]*>/g) ?? []) {
      const names = tag.replace(/="[^"]*"/g, '=""');
      assert.doesNotMatch(names, /\s(src|style|on[a-z]+)=/i, `no resource loads, inline styles or inline handlers: ${tag}`);
    }
  });

  it('shows hostile table names, column names and comments as text', async () => {
    const page = renderHtml(await hostileReport(), { nonce: 'N' });
    // Exactly our own script element: no name or comment opened or closed one.
    assert.equal(page.split('</script>').length - 1, 1);
    assert.equal(page.split('<script').length - 1, 1);
    assert.doesNotMatch(page, /<b onmouseover/);
    assert.match(page, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(page, /&lt;\/script&gt;&lt;script&gt;alert\(3\)&lt;\/script&gt;/);
    assert.match(page, /&lt;b onmouseover=alert\(4\)&gt;hi&lt;\/b&gt; &amp; &quot;quotes&quot;/);
    // Attribute values too: the key that the script filters on is escaped like everything else.
    assert.match(page, /data-key="&lt;img src=x onerror=alert\(1\)&gt;"/);
  });

  it('the page script is self-contained and cannot end its own element', () => {
    const page = renderHtml({ ...emptyData(), title: 't' }, { nonce: 'N' });
    const script = /<script nonce="N">([\s\S]*)<\/script>/.exec(page)![1];
    assert.doesNotMatch(script, /<\/script|<!--/i);
    // A syntax check: the inlined function compiles on its own, outside the module it came from.
    assert.doesNotThrow(() => new Function(script));
  });

  it('draws every table and relation, with the level of detail switchable', async () => {
    const page = renderHtml(await hostileReport(), { nonce: 'N' });
    assert.equal(page.match(/<g class="er-layer"/g)?.length, 2);
    assert.equal(page.match(/class="er-node[^"]*" data-key="child"/g)?.length, 2, 'one box per layer');
    assert.match(page, /<path class="er-edge" data-parent="&lt;img src=x onerror=alert\(1\)&gt;" data-child="child"[^>]*marker-start="url\(#er-zero-one\)" marker-end="url\(#er-zero-many\)"/);
  });

  it('links in an exported page use the given href; the editor intercepts data-uri', async () => {
    const data = await hostileReport();
    const page = renderHtml(data, { nonce: 'N', href: (at) => `../src/${at.path}` });
    assert.match(page, /<a class="loc mono" href="\.\.\/src\/schema\.sql" data-uri="file:\/\/[^"]+\/db\/schema\.sql" data-line="\d+"/);
  });
});

describe('Markdown report', () => {
  it('carries a Mermaid erDiagram with sanitised names and the real ones as labels', async () => {
    const md = renderMarkdown(await hostileReport());
    const block = /```mermaid\n([\s\S]*?)\n```/.exec(md);
    assert.ok(block, md);
    const lines = block[1].split('\n');
    assert.equal(lines[0], 'erDiagram');
    assert.ok(lines.includes('  img_src_x_onerror_alert_1["#lt;img src=x onerror=alert(1)#gt;"] {'), block[1]);
    assert.ok(lines.includes('  img_src_x_onerror_alert_1 |o--o{ child : "p"'), block[1]);
    // Every attribute line is `type name [keys] ["comment"]` with word-only type and name.
    for (const l of lines.filter((x) => x.startsWith('    '))) assert.match(l, /^ {4}[A-Za-z][\w()[\]-]* [A-Za-z_]\w*( (PK|FK|UK)(, (PK|FK|UK))*)?( "[^"<>]*")?$/, l);
  });

  it('escapes names outside the diagram and links findings to their line', async () => {
    const md = renderMarkdown(await hostileReport());
    assert.doesNotMatch(md.replace(/```mermaid[\s\S]*?```/, ''), /<img|<\/script|<b /);
    assert.match(md, /### &lt;img src=x onerror=alert\\\(1\\\)&gt;|### &lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(md, /\[schema\.sql:\d+:\d+\]\(schema\.sql#L\d+\)/);
    assert.match(md, /- Foreign keys covered by an index: \*\*0 of 1\*\*/);
  });

  it('keeps the diagram under Mermaid\'s size limit by dropping detail', () => {
    const data = emptyData();
    for (let i = 0; i < 400; i++) {
      data.tables.push({
        key: `t${i}`,
        name: `table_${i}`,
        kind: 'table',
        group: '',
        columns: Array.from({ length: 12 }, (_, j) => ({
          name: `column_number_${j}`,
          type: 'text',
          shortType: 'text',
          nullable: true,
          keys: j === 0 ? (['PK'] as const).slice() : [],
          at: LOC,
        })),
        indexes: [],
        foreignKeys: [],
        findings: 0,
        at: LOC,
      });
    }
    const diagram = mermaidErDiagram(data);
    assert.ok(diagram.text.length <= MERMAID_MAX_TEXT, `${diagram.text.length}`);
    assert.equal(diagram.detail, 'keys');
    assert.match(renderMarkdown(data), /key columns only/);
  });
});

describe('JSON report', () => {
  it('is the report data itself, versioned', async () => {
    const data = await hostileReport();
    const parsed = JSON.parse(renderJson(data));
    assert.equal(parsed.version, 1);
    assert.deepEqual(parsed, JSON.parse(JSON.stringify(data)));
  });
});

const LOC = { uri: 'file:///x.sql', path: 'x.sql', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };

function emptyData(): ReportData {
  return {
    version: 1,
    title: 'Schema report',
    source: { kind: 'sql', dialect: 'postgresql', files: ['x.sql'] },
    summary: { tables: 0, views: 0, columns: 0, indexes: 0, relations: 0, enums: 0 },
    tables: [],
    relations: [],
    enums: [],
    fkCoverage: { total: 0, covered: 0, uncovered: [] },
    hygiene: [],
    findings: { counts: { error: 0, warning: 0, info: 0, hint: 0 }, byRule: [] },
    notes: [],
  };
}
