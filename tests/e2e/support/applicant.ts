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

/**
 * A visitor applies through the chat on the offline engine (the seeded agent's
 * "affiliate-application" action): intent, then one answer per question, then Confirm on the
 * summary card. Answers follow the question asked last, so a changed field order still works.
 */
export async function applyThroughChat(chat: ChatWidget, applicant: Applicant): Promise<{ transcript: string[]; completion: string }> {
  const transcript: string[] = ['> I want to become an affiliate'];
  let answer = await chat.say('I want to become an affiliate');
  transcript.push(answer);
  for (let turn = 0; turn < 12; turn += 1) {
    if ((await chat.root.getByRole('button', { name: /^confirm$/i }).count()) > 0) {
      const completion = await chat.click(/^confirm$/i);
      transcript.push('> [Confirm]', completion);
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
