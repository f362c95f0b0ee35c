import type { ChatWidget } from './chat-widget';

export interface Applicant {
  name: string;
  email: string;
  platform: string;
  audience: string;
  traffic: string;
  website: string;
}

export const PRIORITY_APPLICANT: Applicant = {
  name: 'Jane Creator',
  email: 'jane.creator@example.com',
  platform: 'YouTube',
  audience: '250000',
  traffic: 'organic content',
  website: 'https://youtube.example/@janecreator',
};

/**
 * A visitor applies through the chat on the offline engine (the seeded agent's
 * "affiliate-application" action): intent, then one answer per question, then Confirm.
 * The answers follow the questions the agent asks, so a changed field order still works.
 */
export async function applyThroughChat(chat: ChatWidget, applicant: Applicant): Promise<{ transcript: string[]; completion: string }> {
  const transcript: string[] = [];
  let answer = await chat.say('Hi, I want to become an affiliate');
  transcript.push(answer);
  for (let turn = 0; turn < 12; turn += 1) {
    const question = answer.toLowerCase();
    let reply: string | null = null;
    if (/confirm|submit|shall i|is this correct/.test(question) && (await chat.root.getByRole('button', { name: /confirm/i }).count()) > 0) {
      const completion = await chat.click(/confirm/i);
      transcript.push(completion);
      return { transcript, completion };
    }
    if (/name/.test(question)) reply = applicant.name;
    else if (/email/.test(question)) reply = applicant.email;
    else if (/where do you mainly promote|platform/.test(question)) reply = applicant.platform;
    else if (/how many|followers|audience/.test(question)) reply = applicant.audience;
    else if (/traffic/.test(question)) reply = applicant.traffic;
    else if (/link|website|profile/.test(question)) reply = applicant.website;
    else if (/may we store|consent|agree/.test(question)) reply = 'yes';
    if (!reply) throw new Error(`the agent said something the test does not know how to answer: "${answer}"\ntranscript so far:\n${transcript.join('\n')}`);
    answer = await chat.say(reply);
    transcript.push(`> ${reply}`, answer);
  }
  throw new Error(`no confirmation after 12 turns:\n${transcript.join('\n')}`);
}
