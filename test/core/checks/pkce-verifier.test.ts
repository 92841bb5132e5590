import { describe, expect, it } from 'vitest';
import { s256Challenge, verifierMatches, verifierProblem } from '../../../src/core/checks/pkce-verifier';

// RFC 7636 Appendix B.
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('s256Challenge', () => {
  it('derives the challenge of RFC 7636 Appendix B', () => {
    expect(s256Challenge(VERIFIER)).toBe(CHALLENGE);
  });
});

describe('verifierProblem', () => {
  const allowed = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';

  it.each([
    ['the verifier of RFC 7636 Appendix B', VERIFIER],
    ['43 characters', 'a'.repeat(43)],
    ['128 characters', 'a'.repeat(128)],
    ['every unreserved character', allowed],
  ])('accepts %s', (_, verifier) => {
    expect(verifierProblem(verifier)).toBeUndefined();
  });

  it.each([
    ['an empty verifier', '', 'too short: 0 characters, at least 43 needed'],
    ['42 characters', 'a'.repeat(42), 'too short: 42 characters, at least 43 needed'],
    ['129 characters', 'a'.repeat(129), 'too long: 129 characters, at most 128 allowed'],
    ['a "+"', `${'a'.repeat(11)}+${'a'.repeat(40)}`, 'character 12 is "+", not one of A-Z a-z 0-9 - . _ ~'],
    ['a "/" first', `/${VERIFIER}`, 'character 1 is "/", not one of A-Z a-z 0-9 - . _ ~'],
    ['padding', `${VERIFIER}=`, 'character 44 is "=", not one of A-Z a-z 0-9 - . _ ~'],
    ['a space', `${VERIFIER.slice(0, 20)} ${VERIFIER.slice(20)}`, 'character 21 is " ", not one of A-Z a-z 0-9 - . _ ~'],
    ['a line break, kept on one line', `${VERIFIER}\n`, 'character 44 is "\\n", not one of A-Z a-z 0-9 - . _ ~'],
    ['a letter outside ASCII', `${VERIFIER}é`, 'character 44 is "é", not one of A-Z a-z 0-9 - . _ ~'],
    ['only the first of several bad characters', `${VERIFIER}+/`, 'character 44 is "+", not one of A-Z a-z 0-9 - . _ ~'],
  ])('rejects %s', (_, verifier, problem) => {
    expect(verifierProblem(verifier)).toBe(problem);
  });

  it.each([
    ['too short', 'Secret42'.repeat(5)],
    ['too long', 'Secret42'.repeat(17)],
    ['a bad character', `${VERIFIER}+`],
  ])('never echoes the verifier when it is %s', (_, verifier) => {
    const problem = verifierProblem(verifier)!;
    expect(problem).not.toContain('Secret42');
    expect(problem).not.toContain(VERIFIER.slice(0, 8));
    expect(problem).not.toContain('\n');
  });
});

describe('verifierMatches', () => {
  it.each([
    ['S256, the right verifier', VERIFIER, CHALLENGE, 'S256', true],
    ['S256, another verifier', `${VERIFIER.slice(0, -1)}l`, CHALLENGE, 'S256', false],
    ['S256, the verifier sent as the challenge', VERIFIER, VERIFIER, 'S256', false],
    ['plain, equal strings', VERIFIER, VERIFIER, 'plain', true],
    ['plain, different strings', VERIFIER, CHALLENGE, 'plain', false],
    ['plain, the S256 challenge', VERIFIER, CHALLENGE, 'plain', false],
    ['absent method (plain), equal strings', VERIFIER, VERIFIER, undefined, true],
    ['absent method (plain), the S256 challenge', VERIFIER, CHALLENGE, undefined, false],
    ['an unknown method', VERIFIER, VERIFIER, 'S512', false],
    ['a method in the wrong case', VERIFIER, CHALLENGE, 's256', false],
    ['an empty method', VERIFIER, VERIFIER, '', false],
  ] as const)('%s', (_, verifier, challenge, method, matches) => {
    expect(verifierMatches(verifier, challenge, method)).toBe(matches);
  });
});
