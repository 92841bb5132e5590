import { z } from '../zod';

/** Every check's stable id. They are a public interface: the popup, exports and the CLI use them. */
export const RuleIdSchema = z.enum([
  'state-missing',
  'state-mismatch',
  'state-short',
  'state-low-entropy',
  'state-reused',
  'redirect-not-https',
  'redirect-localhost',
  'redirect-uri-unregistered',
  'redirect-uri-mismatch',
  'redirect-uri-invalid',
  'redirect-uri-pollution',
  'authz-endpoint-not-https',
  'duplicate-param',
  'empty-param',
  'response-type-invalid',
  'response-type-implicit',
  'response-type-unsupported',
  'pkce-missing',
  'pkce-plain',
  'pkce-challenge-malformed',
  'nonce-missing',
  'code-in-fragment',
  'token-in-url',
  'code-replayed',
  'code-low-entropy',
  'error-response',
  'error-with-code',
  'error-invalid-chars',
  'iss-mismatch',
  'iss-missing',
  'event-unknown',
  'event-code-mismatch',
  'callback-without-request',
  'par-extra-params',
  'redirect-after-post-307',
  'id-token-malformed',
  'id-token-nonce-mismatch',
  'code-exchange-late',
  'code-exchanged-twice',
  'pkce-verifier-mismatch',
  'pkce-verifier-malformed',
  'token-redirect-uri-mismatch',
  'client-secret-in-browser',
  'token-error',
]);

export const SeveritySchema = z.enum(['error', 'warning', 'info']);

export type RuleId = z.infer<typeof RuleIdSchema>;
export type Severity = z.infer<typeof SeveritySchema>;
