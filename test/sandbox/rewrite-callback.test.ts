import { describe, expect, it } from 'vitest';
import { ALTERED_STATE_LENGTH, rewriteCallback, type CallbackRewrite } from '../../src/sandbox/rewrite-callback';

const REDIRECT = 'http://127.0.0.1:47100/akahu/callback';
const STATE = 'Dnj3trmHnmLVKCFcY6346FyHb_HwhalZ';
const ISS = 'http%3A%2F%2F127.0.0.1%3A47102';
const success = `${REDIRECT}?code=c0de&state=${STATE}&iss=${ISS}`;
const denied = `${REDIRECT}?error=access_denied&error_description=End-User+aborted+interaction&state=${STATE}&iss=${ISS}`;

describe('rewriteCallback', () => {
  it.each<[string, string, CallbackRewrite, string]>([
    ["adds event=ACCEPT after the server's parameters", success, { event: 'ACCEPT' }, `${REDIRECT}?code=c0de&state=${STATE}&iss=${ISS}&event=ACCEPT`],
    ['adds event=UPDATE with the code kept', success, { event: 'UPDATE' }, `${REDIRECT}?code=c0de&state=${STATE}&iss=${ISS}&event=UPDATE`],
    ['turns a success into a REVOKE: state and event, no code', success, { event: 'REVOKE' }, `${REDIRECT}?state=${STATE}&iss=${ISS}&event=REVOKE`],
    [
      'keeps the code on a REVOKE only when asked (the forged-response scenario)',
      success,
      { event: 'REVOKE', keepCodeOnRevoke: true },
      `${REDIRECT}?code=c0de&state=${STATE}&iss=${ISS}&event=REVOKE`,
    ],
    ['gives an error response no event', denied, { event: 'ACCEPT' }, denied],
    [
      'cuts the state for the altered-state scenario',
      success,
      { alterState: true },
      `${REDIRECT}?code=c0de&state=${STATE.slice(0, ALTERED_STATE_LENGTH)}&iss=${ISS}`,
    ],
    [
      'leaves a response without state alone when asked to alter it',
      `${REDIRECT}?code=c0de&iss=${ISS}`,
      { alterState: true },
      `${REDIRECT}?code=c0de&iss=${ISS}`,
    ],
    [
      'returns the Location unchanged, byte for byte, when there is nothing to do',
      `${REDIRECT}?code=a%20b&state=${STATE}`,
      {},
      `${REDIRECT}?code=a%20b&state=${STATE}`,
    ],
    [
      'ignores redirects to other places (the login page, another client)',
      `http://127.0.0.1:47102/interaction/abc?code=x`,
      { event: 'ACCEPT', alterState: true },
      `http://127.0.0.1:47102/interaction/abc?code=x`,
    ],
    [
      'ignores a redirect URI that only starts like a registered one',
      `${REDIRECT}2?code=x&state=${STATE}`,
      { event: 'ACCEPT' },
      `${REDIRECT}2?code=x&state=${STATE}`,
    ],
    ['ignores a Location without a query', REDIRECT, { event: 'ACCEPT' }, REDIRECT],
  ])('%s', (_name, location, rewrite, expected) => {
    expect(rewriteCallback(location, [REDIRECT], rewrite)).toBe(expected);
  });

  it('alters every state the sandbox sends, 32 characters long', () => {
    const altered = new URL(rewriteCallback(success, [REDIRECT], { alterState: true })).searchParams.get('state');
    expect(STATE).toHaveLength(32);
    expect(altered).not.toBe(STATE);
  });
});
