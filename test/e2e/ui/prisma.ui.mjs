// UI test: what a user sees in the workbench when opening the Prisma fixture. Driven through the page
// with keyboard and mouse only; every step waits for a DOM condition with a deadline.
//
// Selectors are VS Code's own class names (measured stable across 1.100 and 1.139, see
// notes/vscode-e2e.md in ../shared next to the repository); they are the fragile part, so they live here
// together.
import * as fs from 'node:fs';
import * as path from 'node:path';

const SEL = {
  workbench: '.monaco-workbench',
  explorerRow: '.explorer-folders-view .monaco-list-row',
  quickInput: '.quick-input-widget input',
  quickInputRow: '.quick-input-list .monaco-list-row',
  activeTab: '.tabs-container .tab.active',
  focusedEditor: '.editor-instance .monaco-editor.focused',
  viewLines: '.editor-instance .monaco-editor .view-lines',
  cursor: '.editor-instance .monaco-editor.focused .cursors-layer .cursor',
  squiggle: '.editor-instance .monaco-editor .squiggly-warning',
  problemRow: '.markers-panel .monaco-list-row',
  hover: '.monaco-hover:visible',
  actionRow: '.action-widget .monaco-list-row',
  statusItem: '.statusbar-item',
  settingsSearch: '.settings-editor .settings-header',
  settingRow: '.settings-editor .setting-item-contents',
  settingsToc: '.settings-editor .settings-toc-container .monaco-list-row',
};

const FILE = 'schema.prisma';
const RULE = 'fk-missing-index';
const FIX_TITLE = 'Add @@index([authorId])';
const FIXED_TEXT = '@@index([authorId])';
const CROSS_FILE = 'migrations/002_created_index/migration.sql';
const CROSS_FILE_RULE = 'require-concurrent-index';
/** The language server starts and loads its wasm parsers on first use: allow for a cold, busy CI machine. */
const SERVER_TIMEOUT = 60_000;
const UI_TIMEOUT = 20_000;

/**
 * @typedef {import('playwright-core').Page} Page
 * @typedef {{ page: Page, url: string, screenshot: string }} UiContext
 * @typedef {{ name: string, run: (ctx: UiContext) => Promise<void> }} UiStep
 */

/**
 * Sequential steps; each needs the state the previous one left, so the runner stops at the first failure.
 * @type {UiStep[]}
 */
export const prismaUiSteps = [
  {
    name: 'workbench opens the fixture folder',
    async run({ page, url }) {
      await page.goto(url);
      await page.locator(SEL.workbench).waitFor({ timeout: UI_TIMEOUT * 3 });
      await page.locator(SEL.explorerRow).first().waitFor({ timeout: UI_TIMEOUT });
    },
  },
  {
    name: `quick open (Ctrl+P) opens ${FILE}`,
    async run({ page }) {
      await page.keyboard.press('Control+P');
      await page.locator(SEL.quickInput).waitFor({ timeout: UI_TIMEOUT });
      await page.keyboard.type(FILE);
      // Quick open searches files with ripgrep; wait for the match before accepting it.
      await page.locator(SEL.quickInputRow).filter({ hasText: FILE }).first().waitFor({ timeout: UI_TIMEOUT });
      await page.keyboard.press('Enter');
      await page.locator(SEL.activeTab).filter({ hasText: FILE }).waitFor({ timeout: UI_TIMEOUT });
      await page.locator(SEL.viewLines).filter({ hasText: /model\s+Post/ }).waitFor({ timeout: UI_TIMEOUT });
    },
  },
  {
    name: 'the language server underlines a warning',
    async run({ page }) {
      await page.locator(SEL.squiggle).first().waitFor({ timeout: SERVER_TIMEOUT });
    },
  },
  {
    name: 'the status bar item reads icon then number, as VS Code\'s own problems item does',
    async run({ page }) {
      const item = page.locator(SEL.statusItem).filter({ has: page.locator('.codicon-database') }).first();
      await item.locator('.codicon-warning').waitFor({ timeout: SERVER_TIMEOUT });
      // Icons as $(name), text as it reads: "$(database) $(error) 0 $(warning) 2".
      const reads = await item.evaluate((el) => {
        /** @param {Node} n @returns {string} */
        const read = (n) =>
          n instanceof Element && n.classList.contains('codicon')
            ? `$(${[...n.classList].find((c) => c.startsWith('codicon-'))?.slice('codicon-'.length)})`
            : n.nodeType === Node.TEXT_NODE
              ? n.textContent ?? ''
              : [...n.childNodes].map(read).join('');
        return read(el).replace(/\s+/g, ' ').trim();
      });
      if (!/^\$\(database\) \$\(error\) \d+ \$\(warning\) \d+$/.test(reads)) throw new Error(`the status bar item reads ${JSON.stringify(reads)}`);
    },
  },
  {
    name: `Problems panel (Ctrl+Shift+M) lists ${RULE}`,
    async run({ page }) {
      await page.keyboard.press('Control+Shift+M');
      await problemRow(page).waitFor({ timeout: UI_TIMEOUT });
    },
  },
  {
    name: `hovering the squiggle explains ${RULE}`,
    async run({ page, screenshot }) {
      // Enter on the problem puts the editor cursor at the finding; the squiggle under the cursor is the
      // one to hover (the fixture has other warnings too).
      await problemRow(page).click();
      await page.keyboard.press('Enter');
      await page.locator(SEL.focusedEditor).waitFor({ timeout: UI_TIMEOUT });
      const box = await squiggleAtCursor(page);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const hover = page.locator(SEL.hover).filter({ hasText: RULE }).first();
      await hover.waitFor({ timeout: UI_TIMEOUT });
      // The hover fades in; a screenshot taken during the animation shows it half transparent.
      await hover.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
      // It reads at a glance: all of it in view, nothing to scroll (VS Code's hover scrolls its content
      // element inside a scrollable element once the text is taller than the hover may grow).
      const { content, overflow } = await hover.evaluate((el) => ({
        content: el.querySelectorAll('.monaco-hover-content').length,
        overflow: [el, ...el.querySelectorAll('.monaco-scrollable-element, .monaco-hover-content')]
          .filter((e) => e.scrollHeight > e.clientHeight + 1)
          .map((e) => `${e.className}: ${e.scrollHeight}px of content in ${e.clientHeight}px`),
      }));
      if (!content) throw new Error('the hover has no .monaco-hover-content: VS Code changed its hover markup, update this check');
      if (overflow.length) throw new Error(`the hover scrolls: ${overflow.join('; ')}`);
      fs.mkdirSync(path.dirname(screenshot), { recursive: true });
      await page.screenshot({ path: screenshot });
    },
  },
  {
    name: `quick fix (Ctrl+.) "${FIX_TITLE}" clears the warning`,
    async run({ page }) {
      // Mouse off the editor closes the hover; the selection (the finding's range) stays for Ctrl+.
      await page.mouse.move(1, 1);
      await page.locator(SEL.hover).filter({ hasText: RULE }).first().waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
      await page.keyboard.press('Control+.');
      await chooseAction(page, FIX_TITLE);
      await page.locator(SEL.viewLines).filter({ hasText: FIXED_TEXT }).waitFor({ timeout: UI_TIMEOUT });
      // The server re-lints the edited text and the problem leaves the panel.
      await problemRow(page).waitFor({ state: 'detached', timeout: SERVER_TIMEOUT });
    },
  },
  fixFromProblems('prefer-timestamptz', 'Use @db.Timestamptz(3)', '@db.Timestamptz(3)'),
  fixFromProblems('fk-on-delete', 'Add onDelete: Cascade', 'onDelete: Cascade'),
  {
    name: `a later migration knows the table an earlier one created: ${CROSS_FILE_RULE} in ${CROSS_FILE}`,
    async run({ page }) {
      await page.keyboard.press('Control+P');
      await page.locator(SEL.quickInput).waitFor({ timeout: UI_TIMEOUT });
      await page.keyboard.type('002_created_index');
      // The row naming the folder exists only once the search has run: Enter then takes that file.
      await page.locator(SEL.quickInputRow).filter({ hasText: '002_created_index' }).first().waitFor({ timeout: UI_TIMEOUT });
      await page.keyboard.press('Enter');
      await page.locator(SEL.viewLines).filter({ hasText: /CREATE\s+INDEX\s+posts_created_at_idx/ }).waitFor({ timeout: UI_TIMEOUT });
      await problemRow(page, CROSS_FILE_RULE).waitFor({ timeout: SERVER_TIMEOUT });
    },
  },
  {
    name: 'hovering the statement shows the lock it takes',
    async run({ page }) {
      await problemRow(page, CROSS_FILE_RULE).click();
      await page.keyboard.press('Enter');
      await page.locator(SEL.focusedEditor).waitFor({ timeout: UI_TIMEOUT });
      const box = await squiggleAtCursor(page);
      await page.mouse.move(box.x + 4, box.y + box.height / 2);
      await page.locator(SEL.hover).filter({ hasText: /SHARE/ }).first().waitFor({ timeout: UI_TIMEOUT });
      await page.mouse.move(1, 1);
      await page.locator(SEL.hover).filter({ hasText: /SHARE/ }).first().waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
    },
  },
  {
    name: 'quick fix (Ctrl+.) "Use CREATE INDEX CONCURRENTLY" clears it',
    async run({ page }) {
      await openQuickFixWith(page, 'Use CREATE INDEX CONCURRENTLY');
      await chooseAction(page, 'Use CREATE INDEX CONCURRENTLY');
      await page.locator(SEL.viewLines).filter({ hasText: /CREATE\s+INDEX\s+CONCURRENTLY\s+posts_created_at_idx/ }).waitFor({ timeout: UI_TIMEOUT });
      await problemRow(page, CROSS_FILE_RULE).waitFor({ state: 'detached', timeout: SERVER_TIMEOUT });
    },
  },
  {
    name: 'Command Palette (F1) "db-design: Show Schema Report" shows the ER diagram',
    async run({ page, screenshot }) {
      // Back to the Prisma schema, still open in its tab: the report covers the schema of the active editor.
      await page.locator('.tabs-container .tab').filter({ hasText: FILE }).first().click();
      await page.locator(SEL.activeTab).filter({ hasText: FILE }).waitFor({ timeout: UI_TIMEOUT });
      await page.keyboard.press('F1');
      await page.locator(SEL.quickInput).waitFor({ timeout: UI_TIMEOUT });
      await page.keyboard.type('db-design: Show Schema Report');
      await page.locator(SEL.quickInputRow).filter({ hasText: 'Show Schema Report' }).first().waitFor({ timeout: UI_TIMEOUT });
      await page.keyboard.press('Enter');
      await page.locator(SEL.activeTab).filter({ hasText: /Schema report/ }).waitFor({ timeout: SERVER_TIMEOUT });
      // The webview's page sits two iframes deep; its diagram draws the model boxes.
      const view = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      const diagram = view.locator('#diagram').filter({ hasText: 'Post' }).first();
      await diagram.waitFor({ timeout: SERVER_TIMEOUT });
      // For the README picture: the report alone in the window, scrolled to its diagram.
      await page.keyboard.press('Control+J');
      await page.locator('.markers-panel').waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
      await page.locator(SEL.activeTab).filter({ hasText: /Schema report/ }).dblclick();
      await diagram.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(path.dirname(screenshot), 'e2e-report.png') });
    },
  },
  {
    name: 'the Settings editor lists db-design\'s settings in a group titled "db-design", no value reading "null"',
    async run({ page, screenshot }) {
      await page.keyboard.press('F1');
      await page.locator(SEL.quickInput).waitFor({ timeout: UI_TIMEOUT });
      await page.keyboard.type('Preferences: Open Settings (UI)');
      await page.locator(SEL.quickInputRow).filter({ hasText: 'Open Settings (UI)' }).first().waitFor({ timeout: UI_TIMEOUT });
      await page.keyboard.press('Enter');
      await page.locator(SEL.settingsSearch).waitFor({ timeout: UI_TIMEOUT });
      // The search box has the focus when the editor opens.
      await page.keyboard.type('@ext:db-design.db-design');
      const dialect = page.locator(SEL.settingRow).filter({ hasText: 'Dialect' }).first();
      await dialect.waitFor({ timeout: UI_TIMEOUT });
      const rows = await page.locator(SEL.settingRow).evaluateAll((els) =>
        els.map((el) => ({
          label: el.querySelector('.setting-item-title')?.textContent?.trim() ?? '',
          values: [...el.querySelectorAll('input, select')].map((i) => (i instanceof HTMLInputElement && i.type === 'checkbox' ? String(i.checked) : /** @type {HTMLInputElement} */ (i).value)),
          shown: [...el.querySelectorAll('.setting-item-control .monaco-select-box, .setting-item-control input')].map((e) => (e instanceof HTMLInputElement ? e.value : e.textContent ?? '')),
        })),
      );
      await page.screenshot({ path: path.join(path.dirname(screenshot), 'settings.png') });
      const text = JSON.stringify(rows);
      if (rows.length < 5) throw new Error(`db-design's settings are not listed: ${text}`);
      if (rows.some((r) => [...r.values, ...r.shown].some((v) => v.trim() === 'null'))) throw new Error(`a setting shows "null": ${text}`);
      // The group is titled as the product is written. (In search results VS Code prefixes each setting with
      // its key's first part made into words, "Db Design: Dialect", for every extension alike.)
      const group = await page.locator(SEL.settingsToc).allInnerTexts();
      if (!group.some((g) => /^db-design\b/.test(g.trim())) || group.some((g) => /Db Design/.test(g))) throw new Error(`the settings group is not titled "db-design": ${JSON.stringify(group)}`);
    },
  },
];

/**
 * A step that goes to a rule's entry in the Problems panel, applies the named quick fix with Ctrl+.
 * and waits for the edit to show and the problem to leave the panel.
 * @param {string} rule
 * @param {string} title
 * @param {string} fixedText
 * @returns {UiStep}
 */
function fixFromProblems(rule, title, fixedText) {
  return {
    name: `quick fix (Ctrl+.) "${title}" clears ${rule}`,
    async run({ page }) {
      await problemRow(page, rule).click();
      await page.keyboard.press('Enter');
      await page.locator(SEL.focusedEditor).waitFor({ timeout: UI_TIMEOUT });
      await openQuickFixWith(page, title);
      await chooseAction(page, title);
      // Monaco renders spaces as non-breaking spaces: match any white space between the words.
      const pattern = new RegExp(fixedText.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'));
      await page.locator(SEL.viewLines).filter({ hasText: pattern }).waitFor({ timeout: UI_TIMEOUT });
      await problemRow(page, rule).waitFor({ state: 'detached', timeout: SERVER_TIMEOUT });
    },
  };
}

/**
 * Ctrl+. until the quick-fix menu offers `title`. Right after an edit the server may still be
 * analysing the new text and answer with no actions; the menu then says so and is asked again.
 * @param {Page} page
 * @param {string} title
 */
async function openQuickFixWith(page, title) {
  const deadline = Date.now() + SERVER_TIMEOUT;
  for (;;) {
    await page.keyboard.press('Control+.');
    try {
      await page.locator(SEL.actionRow).filter({ hasText: title }).first().waitFor({ timeout: 3000 });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

/**
 * @param {Page} page
 * @param {string} [rule]
 */
function problemRow(page, rule = RULE) {
  return page.locator(SEL.problemRow).filter({ hasText: rule }).first();
}

/**
 * Picks an entry of the open quick-fix menu with the keyboard, as a user would. (A click is blocked by the
 * menu's pointer guard until the mouse has moved over it.)
 * @param {Page} page
 * @param {string} title
 */
async function chooseAction(page, title) {
  const rows = page.locator(SEL.actionRow);
  await rows.filter({ hasText: title }).first().waitFor({ timeout: SERVER_TIMEOUT });
  const count = await rows.count();
  // The menu wraps around, so at most one round of ArrowDown reaches any entry.
  for (let i = 0; i <= count; i++) {
    if ((await page.locator(`${SEL.actionRow}.focused`).filter({ hasText: title }).count()) > 0) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  const titles = await rows.allInnerTexts();
  throw new Error(`could not focus "${title}" in the quick-fix menu: ${JSON.stringify(titles)}`);
}

/**
 * The bounding box of the warning squiggle under the editor cursor. After Enter on a problem the editor
 * selects the finding's range and the cursor sits at one of its ends, hence the few pixels of tolerance.
 * @param {Page} page
 */
async function squiggleAtCursor(page) {
  // The editor draws the line's decorations a moment after it reveals the selection: ask until they are there.
  const deadline = Date.now() + UI_TIMEOUT;
  for (;;) {
    const cursor = await page.locator(SEL.cursor).first().boundingBox();
    if (!cursor) throw new Error('no editor cursor is visible');
    const x = cursor.x;
    const y = cursor.y + cursor.height / 2;
    const slack = 3;
    for (const squiggle of await page.locator(SEL.squiggle).all()) {
      const box = await squiggle.boundingBox();
      if (box && x >= box.x - slack && x <= box.x + box.width + slack && y >= box.y && y <= box.y + box.height) {
        return box;
      }
    }
    if (Date.now() > deadline) throw new Error(`no warning squiggle under the cursor at (${Math.round(x)}, ${Math.round(y)})`);
    await page.waitForTimeout(200);
  }
}
