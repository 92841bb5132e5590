import { z } from '../zod';

const ClaimsSchema = z.record(z.string(), z.unknown());

export const DecodedJwtSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    header: ClaimsSchema,
    payload: ClaimsSchema,
    /** `iat`, `exp` and `nbf` as ISO dates, when they are numbers. */
    issuedAt: z.string().optional(),
    expiresAt: z.string().optional(),
    notBefore: z.string().optional(),
  }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);

export type DecodedJwt = z.infer<typeof DecodedJwtSchema>;

/**
 * Reads a JWT's header and payload without verifying its signature: Consent Lens has no keys
 * and makes no requests, so it shows what the token claims, never that the claims are true.
 */
export function decodeJwt(token: string): DecodedJwt {
  const parts = token.split('.');
  if (parts.length === 5) return fail('it is an encrypted JWT (JWE): it cannot be read without the key');
  if (parts.length !== 3) return fail(`a JWT has 3 dot-separated parts; this one has ${parts.length}`);
  const [headerPart = '', payloadPart = ''] = parts;
  const header = decodeSegment(headerPart, 'header');
  if (!header.ok) return header;
  const payload = decodeSegment(payloadPart, 'payload');
  if (!payload.ok) return payload;
  const claims = payload.claims;
  return {
    ok: true,
    header: header.claims,
    payload: claims,
    ...dateClaim('issuedAt', claims.iat),
    ...dateClaim('expiresAt', claims.exp),
    ...dateClaim('notBefore', claims.nbf),
  };
}

type Segment = { ok: true; claims: Record<string, unknown> } | { ok: false; message: string };

function decodeSegment(segment: string, label: string): Segment {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) return fail(`its ${label} is not base64url`);
  let json: string;
  try {
    const base64 = segment.replaceAll('-', '+').replaceAll('_', '/');
    const bytes = Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail(`its ${label} is not valid base64url-encoded UTF-8`);
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return fail(`its ${label} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(`its ${label} is not a JSON object`);
  return { ok: true, claims: value as Record<string, unknown> };
}

function dateClaim(key: 'issuedAt' | 'expiresAt' | 'notBefore', seconds: unknown): Record<string, string> {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return {};
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? {} : { [key]: date.toISOString() };
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message: `Malformed JWT: ${message}.` };
}
