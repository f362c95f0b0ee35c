import type { Locator, Page } from 'playwright-core';

const ROOT = '.wp-block-affiliate-agent-chat';

/**
 * Drives the chat block the way a visitor does: the launcher, the composer, quick replies and
 * the confirmation card — found by role and accessible name where the widget offers them.
 */
export class ChatWidget {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator(ROOT).first();
  }

  private assistantMessages(): Locator {
    return this.root.locator(`${ROOT}__message.is-assistant`);
  }

  /** Opens the chat with a first interaction (the launcher button or the inline composer). */
  async open(): Promise<void> {
    await this.root.waitFor();
    const textbox = this.root.getByRole('textbox');
    if (await textbox.isVisible().catch(() => false)) {
      await textbox.click();
    } else {
      await this.root.getByRole('button').first().click();
    }
    await this.waitForIdle();
    await this.assistantMessages().first().waitFor(); // the greeting
  }

  async waitForIdle(): Promise<void> {
    await this.page.waitForFunction(
      (root) => {
        const node = document.querySelector(root);
        const panel = node?.querySelector(`${root}__panel`);
        return !!panel && !panel.classList.contains('is-busy') && !node!.querySelector('[aria-busy="true"]');
      },
      ROOT,
    );
  }

  /** Sends a message and returns the text of the assistant's answer to it. */
  async say(text: string): Promise<string> {
    const before = await this.assistantMessages().count();
    const textbox = this.root.getByRole('textbox');
    await textbox.fill(text);
    await textbox.press('Enter');
    return this.nextAnswer(before);
  }

  /** Clicks a button inside the chat (quick reply, Confirm on the summary card) and returns the answer. */
  async click(name: RegExp | string): Promise<string> {
    const before = await this.assistantMessages().count();
    await this.root.getByRole('button', { name }).last().click();
    return this.nextAnswer(before);
  }

  /** Waits for the assistant message after the first `before` ones and returns its text. */
  async nextAnswer(before: number): Promise<string> {
    await this.page.waitForFunction(
      ({ selector, count }) => document.querySelectorAll(selector).length > count,
      { selector: `${ROOT} ${ROOT}__message.is-assistant`, count: before },
    );
    await this.waitForIdle();
    const alert = this.root.getByRole('alert');
    if (await alert.isVisible().catch(() => false)) throw new Error(`the chat shows an error: ${await alert.textContent()}`);
    return this.textOf(this.assistantMessages().last());
  }

  /** A message's text, without the "Assistant:" prefix for screen readers, quick replies and cards. */
  async textOf(message: Locator): Promise<string> {
    return message.evaluate((node, root) => ((node.querySelector(`${root}__text`) as HTMLElement | null)?.innerText ?? '').trim(), ROOT);
  }

  async confirmationCard(): Promise<Locator> {
    const card = this.root.getByRole('group').filter({ has: this.page.getByRole('button', { name: /confirm/i }) }).last();
    await card.waitFor();
    return card;
  }
}
