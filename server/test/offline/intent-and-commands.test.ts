import { detectCommand, looksLikeQuestion } from '../../src/runtime/offline/commands';
import { detectActionIntent } from '../../src/runtime/offline/intent';
import { ACTION_TEMPLATES } from '../../src/actions/templates';

const definitions = Object.values(ACTION_TEMPLATES);

describe('detecting which action a visitor wants', () => {
  test.each([
    ['I want to become an affiliate', 'affiliate-application'],
    ['How do I join your affiliate program?', 'affiliate-application'],
    ['how can I join?', 'affiliate-application'],
    ['I want to join', 'affiliate-application'],
    ['Can I sign up?', 'affiliate-application'],
    ['sign me up', 'affiliate-application'],
    ['I would like to apply', 'affiliate-application'],
    ['apply', 'affiliate-application'],
    ['I want to be a partner', 'affiliate-application'],
    ['I would like to promote your products', 'affiliate-application'],
    ['affiliate application', 'affiliate-application'],
    ['Joining the affiliate programme please', 'affiliate-application'],
    ["Hi! I'm Ana, ana@site.com, I run a YouTube channel with 40k subscribers and I'd like to join", 'affiliate-application'],
    ['How do I get paid?', 'payout-preference'],
    ['change my payout method to paypal', 'payout-preference'],
    ['update my paypal email', 'payout-preference'],
    ['I want to get paid via PayPal', 'payout-preference'],
    ['update payment details', 'payout-preference'],
    ['I wanna be an affiliate', 'affiliate-application'],
    ['how do I become a partner?', 'affiliate-application'],
    ['I want to register as an affiliate', 'affiliate-application'],
    ['enroll me', 'affiliate-application'],
    ['Can I be an affiliate if I only have 500 followers?', 'affiliate-application'],
  ])('%j asks for %s', (message, actionKey) => {
    expect(detectActionIntent(message, definitions)?.actionKey).toBe(actionKey);
  });

  test.each([
    ['What is the commission rate?'],
    ['tell me about your affiliate program'],
    ['how does the affiliate program work'],
    ['how long is the cookie?'],
    ['do you pay by bank transfer?'],
    ['hello'],
    ['thanks!'],
    ['can I use coupons?'],
    ['I already applied, what is the status?'],
    ["I don't want to join"],
    ['I applied last week'],
    ['did you get my application?'],
    ['Where is my affiliate link?'],
    ['How much commission do affiliates get?'],
    [''],
  ])('%j is not a request for an action', (message) => {
    expect(detectActionIntent(message, definitions)).toBeNull();
  });

  test('a higher threshold makes the engine more reluctant', () => {
    expect(detectActionIntent('I want to be a partner', definitions, 0.99)).toBeNull();
  });
});

describe('conversation commands', () => {
  test.each([
    ['cancel', 'cancel'], ['Cancel please', 'cancel'], ['stop', 'cancel'], ['never mind', 'cancel'], ['nevermind', 'cancel'],
    ['forget it', 'cancel'], ['I changed my mind', 'cancel'], ['quit', 'cancel'], ["I don't want to apply anymore", 'cancel'],
    ['start over', 'restart'], ["let's start again", 'restart'], ['restart', 'restart'], ['can we start from scratch?', 'restart'],
    ['skip', 'skip'], ['Skip it', 'skip'], ['pass', 'skip'], ["I don't have one", 'skip'], ['none', 'skip'], ['n/a', 'skip'],
    ['prefer not to say', 'skip'], ['-', 'skip'],
    ['edit', 'edit'], ['I want to change something', 'edit'], ['change', 'edit'], ['go back', 'edit'], ['fix it', 'edit'],
    ['cancel my subscription to your newsletter and tell me about fees', null], ['stop sending me emails about the program today', null],
    ['Ana', null], ['yes', null],
  ])('%j is %j', (message, command) => {
    expect(detectCommand(message)).toBe(command);
  });

  test.each([
    ['what is the commission?', true], ['How long is the cookie', true], ['do you pay monthly', true], ['Is there a minimum payout?', true],
    ['tell me more about payouts', true], ['ana@site.com', false], ['YouTube', false], ['yes', false],
  ])('%j looks like a question: %j', (message, expected) => {
    expect(looksLikeQuestion(message)).toBe(expected);
  });
});
