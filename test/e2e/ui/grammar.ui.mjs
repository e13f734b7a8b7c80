// UI check: which grammar colours a .prisma file. VS Code shows the TextMate scopes of the token under the
// cursor in "Developer: Inspect Editor Tokens and Scopes"; db-design's grammar is `source.prisma.db-design`,
// the official Prisma extension's (and its test stand-in's) `source.prisma`.
const UI_TIMEOUT = 20_000;

/**
 * Opens prisma/schema.prisma in the folder at `url` and returns the scopes of its first token.
 * @param {import('playwright-core').Page} page
 * @param {string} url
 * @returns {Promise<string>}
 */
export async function prismaTokenScopes(page, url) {
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: UI_TIMEOUT * 3 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: UI_TIMEOUT });
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ timeout: UI_TIMEOUT });
  await page.keyboard.type('schema.prisma');
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'schema.prisma' }).first().waitFor({ timeout: UI_TIMEOUT });
  await page.keyboard.press('Enter');
  await page.locator('.editor-instance .monaco-editor.focused').waitFor({ timeout: UI_TIMEOUT });
  await page.locator('.editor-instance .monaco-editor .view-lines').filter({ hasText: /datasource/ }).waitFor({ timeout: UI_TIMEOUT });
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ timeout: UI_TIMEOUT });
  await page.keyboard.type('Developer: Inspect Editor Tokens and Scopes');
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Inspect Editor Tokens and Scopes' }).first().waitFor({ timeout: UI_TIMEOUT });
  await page.keyboard.press('Enter');
  const widget = page.locator('.token-inspect-widget');
  await widget.filter({ hasText: /source\.prisma/ }).waitFor({ timeout: UI_TIMEOUT });
  return (await widget.textContent()) ?? '';
}
