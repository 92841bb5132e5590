import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFlowState, FlowStateSchema } from '../../src/core/flows/flow-schema';
import { compileWatchList, ingest } from '../../src/core/flows/ingest';
import type { Observation } from '../../src/core/observation/observation-schema';
import { analyze } from '../../src/core/report/analyze';
import { redactReport } from '../../src/core/report/redact';
import { AnalysisReportSchema } from '../../src/core/report/report-schema';
import { SettingsSchema } from '../../src/core/settings/settings-schema';

const REDIRECTS = ['https://app.example/cb', 'http://127.0.0.1:8080/callback', 'http://localhost/cb', 'com.example.app:/oauth'];
const NAMES = [
  'client_id',
  'response_type',
  'redirect_uri',
  'state',
  'scope',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'request_uri',
  'response_mode',
  'connector',
  'code',
  'iss',
  'event',
  'error',
  'error_description',
  'error_uri',
  'id_token',
  'access_token',
  'refresh_token',
  'session_state',
  'x',
];

/** Values that stress decoding: junk, broken escapes, JWT-shaped text, URLs, and now and then a huge one. */
const value = fc.oneof(
  fc.string(),
  fc.constantFrom('', '%', '%E0%A4%A', '%FF', 'a+b', 'code', 'ACCEPT', 'REVOKE', 'access_denied', 'S256', 'plain', 'token id_token', 'openid'),
  fc.constantFrom(...REDIRECTS),
  fc.tuple(fc.base64String(), fc.base64String(), fc.string()).map((parts) => parts.join('.')),
  fc.webUrl({ withFragments: true, withQueryParameters: true }),
  fc.integer({ min: 1, max: 200_000 }).map((n) => 'A'.repeat(n)),
);

const paramText = fc
  .array(fc.tuple(fc.constantFrom(...NAMES), value, fc.boolean()), { maxLength: 10 })
  .map((pairs) => pairs.map(([name, v, encode]) => `${name}=${encode ? encodeURIComponent(v) : v}`).join('&'));

/** URLs an OAuth flow could produce, and plenty that no browser would. */
const urlText = fc.oneof(
  fc
    .tuple(fc.constantFrom('https://as.example/authorize', ...REDIRECTS, 'https://app.example/other'), paramText, fc.option(paramText))
    .map(([base, query, fragment]) => `${base}?${query}${fragment === null ? '' : `#${fragment}`}`),
  fc.webUrl({ withFragments: true, withQueryParameters: true }),
  fc.string(),
);

const observation: fc.Arbitrary<Observation> = fc.oneof(
  fc
    .record({
      kind: fc.constant('request' as const),
      tabId: fc.integer({ min: -1, max: 3 }),
      time: fc.integer({ min: 0, max: 4_000_000 }),
      url: urlText,
      method: fc.constantFrom('GET', 'POST'),
      formData: fc.option(fc.array(fc.tuple(fc.constantFrom(...NAMES), value), { maxLength: 5 }), { nil: undefined }),
    })
    .map(({ formData, ...rest }) => (formData ? { ...rest, formData } : rest)),
  fc.record({
    kind: fc.constant('response' as const),
    tabId: fc.integer({ min: -1, max: 3 }),
    time: fc.integer({ min: 0, max: 4_000_000 }),
    url: urlText,
    status: fc.constantFrom(0, 200, 302, 303, 307, 400),
    location: urlText,
  }),
  fc.record({ kind: fc.constant('navigation' as const), tabId: fc.integer({ min: -1, max: 3 }), time: fc.integer({ min: 0, max: 4_000_000 }), url: urlText }),
);

const settings = fc
  .record({
    redirectUris: fc.subarray(REDIRECTS).map((uris) => uris.map((uri) => ({ uri }))),
    forceProfile: fc.option(fc.constantFrom('akoya', 'akahu', 'op', 'oauth2', 'oidc', 'fapi2'), { nil: undefined }),
  })
  .map((input) => SettingsSchema.parse(input));

describe('the core on random and malformed input', () => {
  it('never throws, and its state and reports always parse with their own schemas', () => {
    fc.assert(
      fc.property(fc.array(observation, { maxLength: 30 }), settings, (observations, parsedSettings) => {
        const state = createFlowState();
        const watch = compileWatchList(parsedSettings);
        const ruleErrors: unknown[] = [];
        for (const item of observations) ingest(state, item, watch);
        const report = analyze(state, parsedSettings, { onRuleError: (_, error) => ruleErrors.push(error) });
        expect(ruleErrors).toEqual([]);
        expect(FlowStateSchema.safeParse(JSON.parse(JSON.stringify(state))).success).toBe(true);
        expect(AnalysisReportSchema.safeParse(JSON.parse(JSON.stringify(report))).success).toBe(true);
        expect(AnalysisReportSchema.safeParse(redactReport(report)).success).toBe(true);
      }),
      { numRuns: 300 },
    );
    // 300 runs take seconds on a loaded 2-core machine: no time limit is part of what this proves.
  }, 60_000);
});
