// UI test: the schema report of an 80-table schema, as the report opens (Fit), must be readable: the
// diagram's scale keeps its 12px text at 9px or more. The screenshot goes into the README.
import * as fs from 'node:fs';
import * as path from 'node:path';

const UI_TIMEOUT = 20_000;
const SERVER_TIMEOUT = 60_000;
/** Fit never draws below this scale (server/src/report/render/browser.ts). */
const READABLE = 0.75;
/** Whole tables a reader sees at Fit, at least. */
const WHOLE_AT_FIT = 6;
export const LARGE_TABLES = 80;

const NOUNS = [
  'users', 'organizations', 'memberships', 'teams', 'projects', 'environments', 'api_keys', 'invitations', 'sessions', 'accounts',
  'subscriptions', 'plans', 'invoices', 'invoice_lines', 'payments', 'refunds', 'coupons', 'customers', 'addresses', 'products',
  'product_variants', 'prices', 'carts', 'cart_items', 'orders', 'order_items', 'shipments', 'warehouses', 'stock_levels', 'suppliers',
  'purchase_orders', 'documents', 'document_versions', 'folders', 'comments', 'reactions', 'mentions', 'notifications', 'webhooks', 'webhook_deliveries',
  'audit_logs', 'tags', 'taggings', 'labels', 'issues', 'issue_events', 'milestones', 'sprints', 'boards', 'columns_on_boards',
  'cards', 'attachments', 'forms', 'form_fields', 'responses', 'response_answers', 'surveys', 'survey_questions', 'events', 'event_attendees',
  'calendars', 'bookings', 'availability_rules', 'integrations', 'integration_tokens', 'feature_flags', 'flag_rules', 'experiments', 'variants', 'metrics',
  'dashboards', 'widgets', 'reports', 'report_runs', 'exports', 'imports', 'jobs', 'job_runs', 'settings', 'locales',
];

/**
 * A PostgreSQL schema of `n` tables shaped like a SaaS product's: two hubs (users, organizations) most
 * tables point at, plus chains (orders → order_items) and a few loose tables. Deterministic.
 * @param {number} n
 */
export function largeSchemaSql(n = LARGE_TABLES) {
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const out = [];
  for (let i = 0; i < n; i++) {
    const name = NOUNS[i] ?? `table_${i}`;
    const cols = ['  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY'];
    const refs = new Set();
    if (i > 1 && rand() < 0.8) refs.add(rand() < 0.5 ? 0 : 1);
    if (i > 2 && rand() < 0.5) refs.add(i - 1 - Math.floor(rand() * Math.min(i - 1, 6)));
    for (const r of refs) cols.push(`  ${singular(NOUNS[r] ?? `table_${r}`)}_id bigint NOT NULL REFERENCES ${NOUNS[r] ?? `table_${r}`} (id)`);
    const extra = 1 + Math.floor(rand() * 4);
    for (let j = 0; j < extra; j++) cols.push(`  ${['name text NOT NULL', 'status text NOT NULL', 'amount_cents bigint', 'data jsonb', 'position integer'][j]}`);
    cols.push('  created_at timestamptz NOT NULL DEFAULT now()', '  updated_at timestamptz NOT NULL DEFAULT now()');
    out.push(`CREATE TABLE ${name} (\n${cols.join(',\n')}\n);`);
    for (const r of refs) out.push(`CREATE INDEX ${name}_${singular(NOUNS[r] ?? `table_${r}`)}_id_idx ON ${name} (${singular(NOUNS[r] ?? `table_${r}`)}_id);`);
  }
  return out.join('\n\n') + '\n';
}

/** @param {string} s */
function singular(s) {
  return s.replace(/ies$/, 'y').replace(/(ss|sh|ch|x)es$/, '$1').replace(/s$/, '');
}

/** A workspace folder holding the large schema as db/schema.sql. */
export function writeLargeWorkspace(/** @type {string} */ dir) {
  fs.mkdirSync(path.join(dir, 'db'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'db', 'schema.sql'), largeSchemaSql());
  return dir;
}

/**
 * Clicks Fit and measures: the scale it chose, and how many tables' boxes lie whole inside the canvas.
 * @param {import('playwright-core').FrameLocator} view
 * @returns {Promise<{ scale: number, inView: number }>}
 */
async function fitOnce(view) {
  await view.locator('#er-fit').click();
  const transform = (await view.locator('.er-viewport').getAttribute('transform')) ?? '';
  const scale = Number(/scale\(([\d.]+)\)/.exec(transform)?.[1]);
  const canvas = await view.locator('.canvas').boundingBox();
  if (!canvas) throw new Error('no diagram canvas');
  const boxes = await view.locator('.er-layer:not([visibility]) .er-node .er-box').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );
  // Boxes are measured in the webview's frame; the canvas too, so both are in the same coordinates.
  const frameCanvas = await view.locator('.canvas').evaluate((e) => {
    const r = e.getBoundingClientRect();
    return { x: r.x, y: r.y, w: r.width, h: r.height };
  });
  const inView = boxes.filter((b) => b.x >= frameCanvas.x - 1 && b.y >= frameCanvas.y - 1 && b.x + b.w <= frameCanvas.x + frameCanvas.w + 1 && b.y + b.h <= frameCanvas.y + frameCanvas.h + 1).length;
  return { scale, inView };
}

/**
 * @param {{ page: import('playwright-core').Page, url: string, screenshot: string }} ctx
 * @returns {Promise<{ scale: number, inView: number }>}
 */
export async function largeReportAtFit({ page, url, screenshot }) {
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: UI_TIMEOUT * 3 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: UI_TIMEOUT });
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ timeout: UI_TIMEOUT });
  await page.keyboard.type('schema.sql');
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'schema.sql' }).first().waitFor({ timeout: UI_TIMEOUT });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active').filter({ hasText: 'schema.sql' }).waitFor({ timeout: UI_TIMEOUT });
  // No side bar: the report gets the window's width (the editor has the focus here; the webview takes it later).
  await page.keyboard.press('Control+B');
  await page.locator('.explorer-folders-view').waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
  await runCommand(page, 'db-design: Show Schema Report');
  const tab = page.locator('.tabs-container .tab.active').filter({ hasText: /Schema report/ });
  await tab.waitFor({ timeout: SERVER_TIMEOUT });
  // The report alone in the window, as a reader would look at it: the SQL file's group (the first) closes
  // with its only editor. Then Fit again for that size.
  const groups = page.locator('.editor-group-container');
  await groups.first().locator('.tab.active .tab-actions .action-label').first().click();
  await page.waitForFunction(() => document.querySelectorAll('.editor-group-container').length === 1, undefined, { timeout: UI_TIMEOUT });
  // Closing the group moves the report into the one left, and VS Code may give its webview a new frame then: a
  // frame that goes away under a step is looked up again. The panel may also still be growing into the space the
  // closed group left: Fit is for the canvas as it is when clicked, so a reader whose window is still moving
  // clicks again. So does this test, for a few seconds.
  /** @type {{ scale: number, inView: number } | undefined} */
  let fit;
  for (const until = Date.now() + 20_000; !(fit && fit.inView >= WHOLE_AT_FIT && fit.scale >= READABLE) && Date.now() < until; ) {
    if (fit) await page.waitForTimeout(250);
    try {
      const view = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      await view.locator('svg.er .er-viewport[transform]').waitFor({ timeout: SERVER_TIMEOUT });
      await view.locator('#diagram').scrollIntoViewIfNeeded();
      const tables = await view.locator('.er-layer:not([visibility]) .er-node').count();
      if (tables !== LARGE_TABLES) throw new Error(`the diagram draws ${tables} tables, not ${LARGE_TABLES}`);
      fit = await fitOnce(view);
    } catch (err) {
      if (!/detached/i.test(String(err))) throw err;
      fit ??= { scale: NaN, inView: 0 };
    }
  }
  if (!fit) throw new Error('the report was never measured');
  const { scale, inView } = fit;
  if (!(scale >= READABLE)) throw new Error(`Fit scale ${scale}: 12px text drawn at ${(12 * scale).toFixed(1)}px`);
  if (inView < WHOLE_AT_FIT) throw new Error(`only ${inView} whole tables in view at Fit`);
  fs.mkdirSync(path.dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot });
  return { scale, inView };
}

/**
 * F1, the command's title, Enter.
 * @param {import('playwright-core').Page} page
 * @param {string} title
 */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ timeout: UI_TIMEOUT });
  await page.keyboard.type(title);
  const label = title.replace(/^[^:]*:\s*/, '');
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: label }).first().waitFor({ timeout: UI_TIMEOUT });
  await page.keyboard.press('Enter');
}
