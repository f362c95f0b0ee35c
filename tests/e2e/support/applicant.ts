import fs from 'node:fs';
import type { ChatWidget } from './chat-widget';

export interface Applicant {
  name: string;
  /** How the visitor answers "What is your name?" */
  nameAnswer: string;
  email: string;
  platform: string;
  audience: string;
  traffic: string;
  website: string;
}

export const PRIORITY_APPLICANT: Applicant = {
  name: 'Maria Lopez',
  // A bare name, as most visitors answer "What is your name?".
  nameAnswer: 'Maria Lopez',
  email: 'maria.lopez@example.com',
  platform: 'YouTube',
  audience: '250000',
  traffic: 'organic content',
  website: 'https://youtube.example/@marialopez',
};

/** The questions of the "affiliate-application" template, recognised by their wording. */
const ANSWERS: Array<{ question: RegExp; answer: (applicant: Applicant) => string }> = [
  { question: /what is your name/i, answer: (applicant) => applicant.nameAnswer },
  { question: /what email address/i, answer: (applicant) => applicant.email },
  { question: /where do you mainly promote/i, answer: (applicant) => applicant.platform },
  { question: /how many followers|subscribers or monthly visitors/i, answer: (applicant) => applicant.audience },
  { question: /how will you mostly send us traffic/i, answer: (applicant) => applicant.traffic },
  { question: /link to your channel|profile or website/i, answer: (applicant) => applicant.website },
  { question: /may we store these details/i, answer: () => 'yes' },
];

/** The chat asks for the emailed code before it submits (email verification, on in the template). */
export const ASKS_FOR_CODE = /type the 6-digit code I sent to/i;

/**
 * The code in the latest verification mail to `email`, read from the WordPress stand-in's mail log
 * (every wp_mail call, one JSON line each), as the visitor would read it in their inbox.
 */
export function codeFromMailLog(mailLog: string, email: string, subject: RegExp = /verification code/i): string {
  const lines = fs.existsSync(mailLog) ? fs.readFileSync(mailLog, 'utf8').trim().split('\n').filter(Boolean) : [];
  const mails = lines.map((line) => JSON.parse(line) as { to: string | string[]; subject: string; message: string });
  const mail = mails.reverse().find((entry) => [entry.to].flat().some((to) => to.toLowerCase() === email.toLowerCase()) && subject.test(entry.subject));
  const code = mail && /\b(\d{6})\b/.exec(mail.message)?.[1];
  if (!code) throw new Error(`no verification code was mailed to ${email} (mail log ${mailLog})`);
  return code;
}

/**
 * A visitor applies through the chat on the offline engine (the seeded agent's
 * "affiliate-application" action): intent, then one answer per question, then Confirm on the
 * summary card, then the emailed code when the chat asks for it (read from `mailLog`). Answers
 * follow the question asked last, so a changed field order still works. An agent in another
 * language names its Confirm button and the code mail's subject in it (`confirm`, `codeSubject`).
 */
export async function applyThroughChat(
  chat: ChatWidget,
  applicant: Applicant,
  options: { mailLog?: string; confirm?: RegExp; codeSubject?: RegExp } = {},
): Promise<{ transcript: string[]; completion: string }> {
  const confirm = options.confirm ?? /^confirm$/i;
  const transcript: string[] = ['> I want to become an affiliate'];
  let answer = await chat.say('I want to become an affiliate');
  transcript.push(answer);
  for (let turn = 0; turn < 12; turn += 1) {
    if ((await chat.root.getByRole('button', { name: confirm }).count()) > 0) {
      const confirmed = await chat.click(confirm);
      transcript.push('> [Confirm]', confirmed);
      if (!ASKS_FOR_CODE.test(confirmed)) return { transcript, completion: confirmed };
      if (!options.mailLog) throw new Error(`the chat asks for the emailed code but the test gave no mail log:\n${transcript.join('\n')}`);
      const code = codeFromMailLog(options.mailLog, applicant.email, options.codeSubject);
      const completion = await chat.say(code);
      transcript.push(`> ${code}`, completion);
      return { transcript, completion };
    }
    const questions = answer.match(/[^.?!]*\?/g) ?? [];
    const lastQuestion = questions[questions.length - 1] ?? '';
    const known = ANSWERS.find((entry) => entry.question.test(lastQuestion));
    if (!known) throw new Error(`the agent asked something the test does not know: "${answer}"\ntranscript so far:\n${transcript.join('\n')}`);
    const reply = known.answer(applicant);
    answer = await chat.say(reply);
    transcript.push(`> ${reply}`, answer);
  }
  throw new Error(`no confirmation card after 12 turns:\n${transcript.join('\n')}`);
}
