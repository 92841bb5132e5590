/** base64url of a string's UTF-8 bytes, without padding, as JWTs encode their parts. */
export function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/**
 * An unsigned JWT (`alg: none`, empty signature) carrying `payload`: enough for Consent Lens,
 * which decodes tokens but never verifies them.
 */
export function unsignedJwt(payload: Record<string, unknown>, header: Record<string, unknown> = { alg: 'none', typ: 'JWT' }): string {
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}.`;
}
