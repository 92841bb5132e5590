import { base64url, sha256, utf8 } from '../crypto/sha256';

/** The unreserved characters a code verifier is made of (RFC 7636 s4.1). */
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/** The S256 code challenge of a verifier: BASE64URL(SHA256(ASCII(code_verifier))) (RFC 7636 s4.2). */
export function s256Challenge(verifier: string): string {
  return base64url(sha256(utf8(verifier)));
}

/**
 * Why a code verifier breaks RFC 7636 s4.1 (43 to 128 unreserved characters), or undefined when
 * it does not. The reason never quotes the verifier, which is a secret: at most the one character
 * that is not allowed.
 */
export function verifierProblem(verifier: string): string | undefined {
  const characters = [...verifier];
  if (characters.length < 43) return `too short: ${characters.length} characters, at least 43 needed`;
  if (characters.length > 128) return `too long: ${characters.length} characters, at most 128 allowed`;
  const index = characters.findIndex((character) => !UNRESERVED.test(character));
  if (index === -1) return undefined;
  return `character ${index + 1} is ${JSON.stringify(characters[index])}, not one of A-Z a-z 0-9 - . _ ~`;
}

/**
 * Whether a verifier matches the challenge sent with the authorization request. An absent method
 * means `plain` (RFC 7636 s4.3); a method other than `S256` or `plain` matches nothing.
 */
export function verifierMatches(verifier: string, challenge: string, method: string | undefined): boolean {
  if (method === 'S256') return s256Challenge(verifier) === challenge;
  if (method === undefined || method === 'plain') return verifier === challenge;
  return false;
}
