// The demo app's back channel to an authorization server: pushed authorization requests and
// the code exchange, as a confidential client (client_secret_basic).
import { createHash, randomBytes } from 'node:crypto';

export interface ClientCredentials {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export type ExchangeResult = { ok: true; tokens: string[]; expiresIn?: number; scope?: string } | { ok: false; error: string; description?: string };

export function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export function s256(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier).digest('base64url');
}

/** PAR (RFC 9126): the parameters go server to server; the browser carries only the request_uri. */
export async function pushRequest(client: ClientCredentials, params: Record<string, string>): Promise<string> {
  const { status, body } = await post(client, '/request', params);
  const requestUri = body.request_uri;
  if (status !== 201 || typeof requestUri !== 'string')
    throw new Error(`PAR failed: ${String(body.error ?? status)} ${String(body.error_description ?? '')}`.trim());
  return requestUri;
}

/** Redeems a code; never throws (an unreachable server is a failed exchange). */
export async function exchangeCode(client: ClientCredentials, grant: { code: string; redirectUri: string; codeVerifier?: string }): Promise<ExchangeResult> {
  try {
    const { status, body } = await post(client, '/token', {
      grant_type: 'authorization_code',
      code: grant.code,
      redirect_uri: grant.redirectUri,
      ...(grant.codeVerifier !== undefined && { code_verifier: grant.codeVerifier }),
    });
    if (status !== 200)
      return {
        ok: false,
        error: String(body.error ?? `HTTP ${status}`),
        ...(typeof body.error_description === 'string' && { description: body.error_description }),
      };
    return {
      ok: true,
      tokens: ['access_token', 'id_token', 'refresh_token'].filter((name) => typeof body[name] === 'string'),
      ...(typeof body.expires_in === 'number' && { expiresIn: body.expires_in }),
      ...(typeof body.scope === 'string' && { scope: body.scope }),
    };
  } catch (error) {
    return { ok: false, error: 'unreachable', description: error instanceof Error ? error.message : String(error) };
  }
}

async function post(client: ClientCredentials, path: string, form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  // RFC 6749 s2.3.1: id and secret are form-encoded before they are joined.
  const credentials = `${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`;
  const response = await fetch(`${client.issuer}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
    body: new URLSearchParams(form),
  });
  const body: unknown = await response.json().catch(() => ({}));
  return { status: response.status, body: typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {} };
}
