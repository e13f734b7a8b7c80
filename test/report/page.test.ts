/**
 * The report page in a real browser (Debian's Chromium, as the end-to-end tests use): the CSP holds and
 * blocks nothing of ours, hostile names stay text and run nothing, the diagram's filter, focus, zoom and
 * detail switch work, and in a webview (simulated `acquireVsCodeApi`) links and buttons become messages.
 * Skipped where no Chromium is installed (`npm run test:e2e` installs it).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderHtml } from '../../server/src/report';
import { hostileReport, schema } from './helpers';

const CHROMIUM = process.env.DB_DESIGN_E2E_CHROMIUM ?? '/usr/bin/chromium';
const available = fs.existsSync(CHROMIUM);
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Observed {
  dialogs: string[];
  errors: string[];
  violations: string[];
}

describe('report page in Chromium', { skip: available ? false : `no Chromium at ${CHROMIUM}` }, () => {
  let browser: Browser;
  let file: string;
  let large: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-design-page-'));

  before(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    file = path.join(dir, 'report.html');
    fs.writeFileSync(file, renderHtml(await hostileReport()));
    large = path.join(dir, 'large.html');
    fs.writeFileSync(large, renderHtml(schema(80, 1, 0.7)));
  });
  after(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function open(webview: boolean, url = `file://${file}`): Promise<{ page: Page; seen: Observed }> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const seen: Observed = { dialogs: [], errors: [], violations: [] };
    page.on('dialog', (d) => {
      seen.dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => seen.errors.push(e.message));
    await page.exposeFunction('__violation', (v: string) => seen.violations.push(v));
    // Runs in the page, where this test's program has no DOM types: the globals are typed locally.
    await page.addInitScript((asWebview: boolean) => {
      const w = globalThis as unknown as Record<string, unknown> & {
        document: { addEventListener(type: string, fn: (e: { violatedDirective: string; blockedURI: string }) => void): void };
      };
      w.document.addEventListener('securitypolicyviolation', (e) => (w.__violation as (v: string) => void)(`${e.violatedDirective} ${e.blockedURI}`));
      if (asWebview) {
        const messages: unknown[] = [];
        let state: unknown;
        w.__messages = messages;
        w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => messages.push(m), getState: () => state, setState: (s: unknown) => (state = s) });
      }
    }, webview);
    await page.goto(url);
    await page.waitForSelector('svg.er .er-viewport[transform]');
    return { page, seen };
  }

  it('runs its script under the CSP, and nothing from the schema runs', async () => {
    const { page, seen } = await open(false);
    await page.locator('details.table').first().click();
    await page.hover('.er-node');
    assert.deepEqual(seen, { dialogs: [], errors: [], violations: [] });
    assert.equal(await page.locator('img, b').count(), 0, 'a name became an element');
    assert.equal(await page.locator('script').count(), 1);
    const summary = await page.locator('details.table summary').first().textContent();
    assert.match(summary ?? '', /<img src=x onerror=alert\(1\)>/);
    const comment = await page.locator('details.table').first().locator('td', { hasText: 'alert(3)' }).textContent();
    assert.equal(comment, '</script><script>alert(3)</script>');
    await page.close();
  });

  it('filters, focuses, zooms and switches detail', async () => {
    const { page, seen } = await open(false);
    const lit = () => page.locator('.er-layer:not([visibility]) .er-node.lit').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
    await page.fill('#er-filter', 'chi');
    assert.deepEqual(await lit(), ['child']);
    assert.equal(await page.locator('svg.er.dimmed').count(), 1);
    assert.equal(await page.locator('details.table.hidden-by-filter').count(), 1, 'the table list follows the filter');

    await page.fill('#er-filter', '');
    await page.locator('.er-layer:not([visibility]) .er-node[data-key="child"]').click();
    assert.deepEqual((await lit()).sort(), ['<img src=x onerror=alert(1)>', 'child'], 'focus lights the table and its neighbour');
    assert.equal(await page.locator('.er-layer:not([visibility]) .er-edge.lit').count(), 1);

    const scale = async () => Number(/scale\(([\d.]+)\)/.exec((await page.getAttribute('.er-viewport', 'transform')) ?? '')?.[1]);
    const before = await scale();
    await page.click('#er-zoom-in');
    assert.ok((await scale()) > before, 'zoom in');

    const translate = async () => /translate\(([-\d.]+),([-\d.]+)\)/.exec((await page.getAttribute('.er-viewport', 'transform')) ?? '')!.slice(1).map(Number);
    const box = (await page.locator('.canvas').boundingBox())!;
    const [x0, y0] = await translate();
    await page.mouse.move(box.x + 5, box.y + 5);
    await page.mouse.down();
    await page.mouse.move(box.x + 105, box.y + 55, { steps: 5 });
    await page.mouse.up();
    const [x1, y1] = await translate();
    assert.ok(Math.abs(x1 - x0 - 100) < 1 && Math.abs(y1 - y0 - 50) < 1, `dragging the background pans: ${[x0, y0, x1, y1]}`);

    await page.locator('.er-layer:not([visibility]) .er-node[data-key="child"]').dblclick();
    assert.equal(await page.locator('details.table[data-key="child"][open]').count(), 1, 'double-click opens the table details');

    const visible = () => page.locator('.er-layer:not([visibility])').getAttribute('data-detail');
    const first = await visible();
    await page.click('#er-detail');
    assert.notEqual(await visible(), first);
    assert.deepEqual(seen, { dialogs: [], errors: [], violations: [] });
    await page.close();
  });

  it('in a webview, links open positions and buttons export, as messages to the extension', async () => {
    const { page, seen } = await open(true);
    assert.equal(await page.locator('html.vscode').count(), 1);
    assert.ok(await page.locator('button[data-export="md"]').isVisible(), 'export buttons show in the editor');
    await page.locator('#summary a.loc').first().click();
    await page.locator('a[data-rule="fk-missing-index"]').first().click();
    await page.click('button[data-export="html"]');
    const messages = (await page.evaluate(() => (globalThis as unknown as { __messages: unknown[] }).__messages)) as Record<string, unknown>[];
    assert.equal(messages.length, 3, JSON.stringify(messages));
    assert.equal(messages[0].type, 'open');
    assert.match(String(messages[0].uri), /^file:\/\/.*\/db\/schema\.sql$/);
    assert.deepEqual(messages[0].range, { start: { line: 6, character: 52 }, end: { line: 6, character: 98 } });
    assert.deepEqual(messages[1], { type: 'docs', rule: 'fk-missing-index' });
    assert.deepEqual(messages[2], { type: 'export', format: 'html' });
    assert.equal(page.url(), `file://${file}`, 'the link did not navigate');
    assert.deepEqual(seen, { dialogs: [], errors: [], violations: [] });
    await page.close();
  });

  it('80 tables: Fit stays readable, zoom keeps what is in view, the filter brings its matches into view', async () => {
    const { page, seen } = await open(false, `file://${large}`);
    const view = async () => {
      const t = (await page.getAttribute('.er-viewport', 'transform')) ?? '';
      const [x, y, k] = /translate\(([-\d.]+),([-\d.]+)\) scale\(([\d.]+)\)/.exec(t)!.slice(1).map(Number);
      return { x, y, k };
    };
    /** Wheel events are handled after `mouse.wheel` returns: wait for the view to move. */
    const changed = async (x: number, y: number, k: number) => {
      for (let i = 0; i < 100; i++) {
        const v = await view();
        if (v.x !== x || v.y !== y || v.k !== k) return;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('the view did not change');
    };
    const canvas = (await page.locator('.canvas').boundingBox())!;
    /** Screen boxes of the visible layer's tables, relative to the canvas. */
    const boxes = () =>
      page.locator('.er-layer:not([visibility]) .er-node .er-box').evaluateAll((els) =>
        els.map((e) => {
          const r = (e as unknown as { getBoundingClientRect(): { x: number; y: number; width: number; height: number } }).getBoundingClientRect();
          const key = (e as unknown as { parentElement: { getAttribute(n: string): string } }).parentElement.getAttribute('data-key');
          return { key, x: r.x, y: r.y, w: r.width, h: r.height };
        }),
      );
    const inCanvas = (b: { x: number; y: number; w: number; h: number }) =>
      b.x >= canvas.x - 1 && b.y >= canvas.y - 1 && b.x + b.w <= canvas.x + canvas.width + 1 && b.y + b.h <= canvas.y + canvas.height + 1;

    await page.click('#er-fit');
    const fitted = await view();
    assert.ok(fitted.k >= 0.75, `Fit scale ${fitted.k}: 12px text drawn at ${(12 * fitted.k).toFixed(1)}px`);
    assert.ok((await boxes()).filter(inCanvas).length >= 6, 'Fit shows whole tables');

    // Zooming keeps the middle of what is in view where it is, even when the drawing is off to one side.
    await page.mouse.move(canvas.x + 10, canvas.y + 10);
    await page.mouse.down();
    await page.mouse.move(canvas.x + canvas.width * 0.7, canvas.y + 10, { steps: 5 });
    await page.mouse.up();
    const before = (await boxes()).filter(inCanvas).map((b) => b.key);
    const dragged = await view();
    assert.ok(before.length > 0);
    await page.click('#er-zoom-in');
    await page.click('#er-zoom-in');
    const after = (await boxes()).filter((b) => b.x < canvas.x + canvas.width && b.x + b.w > canvas.x && b.y < canvas.y + canvas.height && b.y + b.h > canvas.y);
    assert.ok(after.length > 0, 'zooming in left no table in view');
    assert.ok(after.some((b) => before.includes(b.key)), 'zooming in moved away from the tables in view');
    await page.click('#er-zoom-out');
    await page.click('#er-zoom-out');
    assert.ok(Math.abs((await view()).k - dragged.k) < 1e-3, 'out twice undoes in twice');

    // The filter pans to a table far from the view.
    await page.click('#er-fit');
    const far = (await boxes()).filter((b) => !inCanvas(b)).at(-1)!;
    assert.ok(far, 'at Fit some tables are out of view (the diagram is larger than readable)');
    const name = `table_${far.key!.slice(1)}`;
    await page.fill('#er-filter', name);
    const lit = await page.locator('.er-layer:not([visibility]) .er-node.lit').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
    assert.ok(lit.includes(far.key), `${name} is lit`);
    const shown = (await boxes()).filter((b) => lit.includes(b.key));
    assert.ok(shown.every(inCanvas), `the matches of "${name}" are in view: ${JSON.stringify(shown)}`);
    assert.ok((await view()).k >= 0.75 || (await view()).k >= fitted.k, 'still readable');

    // Ctrl+wheel zooms around the pointer: the drawing point under it stays put.
    const { x: x0, y: y0, k: k0 } = await view();
    const px = canvas.x + 300;
    const py = canvas.y + 200;
    await page.mouse.move(px, py);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
    await changed(x0, y0, k0);
    const { x: x1, y: y1, k: k1 } = await view();
    assert.ok(k1 > k0, 'Ctrl+wheel zooms in');
    const drawingX = (px - canvas.x - x0) / k0;
    const drawingY = (py - canvas.y - y0) / k0;
    assert.ok(Math.abs(x1 + drawingX * k1 - (px - canvas.x)) < 1 && Math.abs(y1 + drawingY * k1 - (py - canvas.y)) < 1, 'the point under the pointer moved');
    // The wheel alone scrolls.
    await page.mouse.wheel(0, 120);
    await changed(x1, y1, k1);
    const scrolled = await view();
    assert.ok(Math.abs(scrolled.y - (y1 - 120)) < 1 && scrolled.k === k1, `the wheel scrolls: ${JSON.stringify([y1, scrolled])}`);
    assert.deepEqual(seen, { dialogs: [], errors: [], violations: [] });
    await page.close();
  });
});
