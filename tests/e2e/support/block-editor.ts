import type { FrameLocator, Locator, Page } from 'playwright-core';

/**
 * The block editor as an editor uses it. WordPress 6.5 renders the canvas in an iframe
 * (`editor-canvas`) when every block in use supports it, and inline otherwise; both are handled.
 */
export async function openNewPage(page: Page, siteUrl: string): Promise<void> {
  await page.goto(`${siteUrl}/wp-admin/post-new.php?post_type=page`, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => {
    const wp = (window as unknown as { wp?: { data?: { select(store: string): { isCleanNewPost?: () => boolean } } } }).wp;
    return !!wp?.data?.select('core/editor')?.isCleanNewPost?.();
  }, null, { timeout: 120000 });
  // For a new page WordPress 6.5 offers the theme's starter patterns in a modal once they have
  // loaded over REST, at a moment nobody can predict; an editor who wants a blank page closes it.
  // Playwright runs this handler whenever the modal blocks an action.
  await page.addLocatorHandler(page.getByRole('dialog', { name: /choose a pattern/i }), async (dialog) => {
    await dialog.getByRole('button', { name: /close/i }).click();
  });
}

export async function canvas(page: Page): Promise<Page | FrameLocator> {
  return (await page.locator('iframe[name="editor-canvas"]').count()) > 0 ? page.frameLocator('iframe[name="editor-canvas"]') : page;
}

export async function typeTitle(page: Page, title: string): Promise<void> {
  const target = await canvas(page);
  const titleField = target.getByRole('textbox', { name: /add title/i });
  await titleField.click();
  await titleField.pressSequentially(title);
}

/** Opens the inserter, searches, and clicks the block, as a person would. */
export async function insertBlockFromInserter(page: Page, search: string, blockTitle: string): Promise<void> {
  await page.getByRole('button', { name: /toggle block inserter|block inserter/i }).first().click();
  const searchBox = page.getByRole('searchbox', { name: /search/i }).first();
  await searchBox.fill(search);
  await page.getByRole('option', { name: blockTitle }).first().click();
}

export async function publish(page: Page): Promise<{ id: number; link: string }> {
  await page.getByRole('region', { name: /editor top bar/i }).getByRole('button', { name: /^publish$/i }).click();
  // The pre-publish panel asks once more.
  await page.getByRole('region', { name: /editor publish/i }).getByRole('button', { name: /^publish$/i }).click();
  await page.waitForFunction(() => {
    const wp = (window as unknown as { wp: { data: { select(store: string): { isCurrentPostPublished(): boolean; isSavingPost(): boolean } } } }).wp;
    const editor = wp.data.select('core/editor');
    return editor.isCurrentPostPublished() && !editor.isSavingPost();
  });
  return page.evaluate(() => {
    const wp = (window as unknown as { wp: { data: { select(store: string): { getCurrentPost(): { id: number; link: string } } } } }).wp;
    const post = wp.data.select('core/editor').getCurrentPost();
    return { id: post.id, link: post.link };
  });
}

export async function blocksInEditor(page: Page): Promise<Array<{ name: string; attributes: Record<string, unknown> }>> {
  return page.evaluate(() => {
    const wp = (window as unknown as { wp: { data: { select(store: string): { getBlocks(): Array<{ name: string; attributes: Record<string, unknown> }> } } } }).wp;
    return wp.data.select('core/block-editor').getBlocks().map((block) => ({ name: block.name, attributes: block.attributes }));
  });
}

export type { Locator };
