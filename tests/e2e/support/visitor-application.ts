import type { Browser } from 'playwright-core';
import { applyThroughChat, type Applicant } from './applicant';
import { newTab } from './browser';
import { ChatWidget } from './chat-widget';

/**
 * A visitor in a tab of their own opens the chat on `pageUrl`, applies (applyThroughChat) and
 * leaves: the tab is closed whatever happened, so a failed application does not leave it open.
 */
export async function applyAsVisitor(browser: Browser, pageUrl: string, applicant: Applicant, mailLog: string): Promise<{ transcript: string[]; completion: string }> {
  const visitor = await newTab(browser);
  try {
    await visitor.page.goto(pageUrl);
    const chat = new ChatWidget(visitor.page);
    await chat.open();
    return await applyThroughChat(chat, applicant, { mailLog });
  } finally {
    await visitor.context.close();
  }
}
