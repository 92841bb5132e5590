import { describe, expect, it } from 'vitest';
import type { RuleId } from '../../../../src/core/checks/rule-ids';
import type { FlowReport } from '../../../../src/core/report/report-schema';
import type { SettingsInput } from '../../../../src/core/settings/settings-schema';
import { findingIds, goodCallback, goodRequest, REDIRECT, runScenario, type Scenario } from '../../../support/scenario';

/** A clean flow whose redirect_uri is `redirectUri` and whose callback lands on `landsAt` (by default the same). */
const redirectTo = (redirectUri: string | undefined, landsAt = redirectUri ?? REDIRECT): Scenario => ({
  request: goodRequest({ redirect_uri: redirectUri }),
  // A redirect URI with a query keeps it, and the response parameters follow (RFC 6749 s3.1.2).
  callbacks: [landsAt.includes('?') ? `${landsAt}&${goodCallback().split('?')[1]}` : goodCallback({}, landsAt)],
});

const finding = (flow: FlowReport, id: RuleId) => flow.findings.find((f) => f.id === id);

const registered = (...uris: string[]): SettingsInput => ({ redirectUris: uris.map((uri) => ({ uri })) });

describe('redirect rules', () => {
  it.each([
    ['redirect-not-https', redirectTo('http://app.example.com/callback'), {}],
    ['redirect-localhost', redirectTo('http://localhost:8080/callback'), {}],
    ['redirect-uri-unregistered', redirectTo(REDIRECT), registered(`${REDIRECT}/`)],
    ['redirect-uri-mismatch', redirectTo(REDIRECT, 'https://app.example.com/other'), registered('https://app.example.com/other')],
    ['redirect-uri-invalid', redirectTo(`${REDIRECT}#done`, REDIRECT), {}],
    ['redirect-uri-pollution', redirectTo(`${REDIRECT}?next=https%3A%2F%2Fevil.example%2F`), {}],
  ] as const)('%s fires', (id, scenario, settings) => {
    expect(findingIds(runScenario(scenario, settings))).toContain(id);
  });

  it.each([
    'redirect-not-https',
    'redirect-localhost',
    'redirect-uri-unregistered',
    'redirect-uri-mismatch',
    'redirect-uri-invalid',
    'redirect-uri-pollution',
  ] as const)('%s stays silent on a clean flow whose redirect URI is registered', (id) => {
    expect(findingIds(runScenario(redirectTo(REDIRECT), registered(REDIRECT)))).not.toContain(id);
  });

  describe('redirect-not-https', () => {
    it.each([
      ['http://127.0.0.1:8080/callback', false],
      ['http://127.42.0.9/callback', false],
      ['http://[::1]:8080/callback', false],
      ['http://localhost:8080/callback', false],
      ['http://app.localhost/callback', false],
      ['com.example.app:/oauth2redirect', false],
      ['https://app.example.com/callback', false],
      ['http://app.example.com/callback', true],
      ['HTTP://App.Example.com/callback', true],
      ['http://127.0.0.1.nip.io/callback', true],
    ])('%s: fires %s', (redirectUri, fires) => {
      expect(findingIds(runScenario(redirectTo(redirectUri))).includes('redirect-not-https')).toBe(fires);
    });

    it.each(['http://127.0.0.1:8080/callback', 'http://localhost:8080/callback', 'http://[::1]/callback'])(
      'flags loopback %s too when the profile requires https redirects (Akoya)',
      (redirectUri) => {
        const flow = runScenario(redirectTo(redirectUri), { forceProfile: 'akoya' });
        expect(finding(flow, 'redirect-not-https')?.message).toContain('Akoya requires https');
      },
    );

    it('leaves custom schemes alone even when https is required', () => {
      const flow = runScenario(redirectTo('com.example.app:/oauth2redirect'), { forceProfile: 'akoya' });
      expect(findingIds(flow)).not.toContain('redirect-not-https');
    });

    it('reads the callback URL when no request was seen, without showing its code', () => {
      const callbackBase = 'http://app.example.com/callback';
      const flow = runScenario({ callbacks: [goodCallback({}, callbackBase)] }, registered(callbackBase));
      const hit = finding(flow, 'redirect-not-https');
      expect(hit?.message).toBe(`The callback URL ${callbackBase} uses plain http.`);
      expect(hit?.evidence).toBeUndefined();
    });

    it('reads the callback URL when the request names no redirect_uri', () => {
      expect(findingIds(runScenario(redirectTo(undefined, 'http://app.example.com/callback')))).toContain('redirect-not-https');
    });
  });

  describe('redirect-localhost', () => {
    it.each([
      ['http://localhost:8080/callback', true],
      ['https://localhost/callback', true],
      ['http://dev.localhost:3000/callback', true],
      ['http://127.0.0.1:8080/callback', false],
      ['https://localhost.example.com/callback', false],
    ])('%s: fires %s', (redirectUri, fires) => {
      expect(findingIds(runScenario(redirectTo(redirectUri))).includes('redirect-localhost')).toBe(fires);
    });

    it('is information only', () => {
      expect(finding(runScenario(redirectTo('http://localhost:8080/callback')), 'redirect-localhost')?.severity).toBe('info');
    });
  });

  describe('redirect-uri-unregistered', () => {
    it.each([
      ['trailing slash', REDIRECT, `${REDIRECT}/`, 'trailing slash'],
      ['scheme', 'http://app.example.com/callback', REDIRECT, 'scheme (http instead of https)'],
      ['port', 'https://app.example.com:8443/callback', REDIRECT, 'port (8443 instead of default)'],
      ['path', 'https://app.example.com/cb', REDIRECT, 'path (/cb instead of /callback)'],
      ['query', REDIRECT, `${REDIRECT}?tenant=a`, 'query'],
      ['spelling', 'https://APP.example.com/callback', REDIRECT, 'spelling'],
    ])('names the %s difference', (_, sent, registeredUri, difference) => {
      const flow = runScenario(redirectTo(sent, REDIRECT), registered(registeredUri));
      const message = finding(flow, 'redirect-uri-unregistered')?.message;
      expect(message).toContain(`the nearest registered URI is ${registeredUri}`);
      expect(message).toContain(difference);
    });

    it('picks the nearest of several registered URIs', () => {
      const flow = runScenario(redirectTo(`${REDIRECT}/`, REDIRECT), registered('http://app.example.com:8080/other', REDIRECT));
      expect(finding(flow, 'redirect-uri-unregistered')?.message).toBe(
        `The redirect_uri is not registered; the nearest registered URI is ${REDIRECT}, which differs in trailing slash.`,
      );
    });

    it.each([
      ['no registrations', {}],
      ['an exact registration', registered('https://other.example/cb', REDIRECT)],
      ['registrations of other apps only', registered('https://other.example/callback')],
    ])('stays silent with %s', (_, settings) => {
      expect(findingIds(runScenario(redirectTo(REDIRECT), settings))).not.toContain('redirect-uri-unregistered');
    });

    it('fires when the flow matched a registration through its callback base', () => {
      const flow = runScenario(redirectTo(REDIRECT), { redirectUris: [{ uri: `${REDIRECT}?tenant=a`, profile: 'akoya' }] });
      expect(flow.profile).toMatchObject({ id: 'akoya', chosenBy: 'registration' });
      expect(finding(flow, 'redirect-uri-unregistered')?.message).toContain('differs in query');
    });

    it('stays silent for a PAR request, whose redirect_uri was pushed', () => {
      const par = 'https://as.example.com/authorize?client_id=demo&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc';
      expect(findingIds(runScenario({ request: par, callbacks: [goodCallback()] }, registered(`${REDIRECT}/`)))).not.toContain('redirect-uri-unregistered');
    });
  });

  describe('redirect-uri-mismatch', () => {
    it('names where the callback arrived', () => {
      const flow = runScenario(redirectTo(REDIRECT, 'https://app.example.com/other'), registered('https://app.example.com/other'));
      expect(finding(flow, 'redirect-uri-mismatch')?.message).toBe(`The callback arrived at https://app.example.com/other, not at the requested ${REDIRECT}.`);
    });

    it("fires when the callback drops the redirect_uri's own query parameters", () => {
      const flow = runScenario(redirectTo(`${REDIRECT}?tenant=a&lang=en`, REDIRECT));
      expect(finding(flow, 'redirect-uri-mismatch')?.message).toBe('The callback lost the redirect_uri\'s own query parameters "tenant" and "lang".');
    });

    it.each([
      ['the query is kept', redirectTo(`${REDIRECT}?tenant=a`)],
      ['the URIs differ only in normalisation', redirectTo('HTTPS://App.Example.com:443/callback', REDIRECT)],
      ['the request names no redirect_uri', redirectTo(undefined)],
    ])('stays silent when %s', (_, scenario) => {
      expect(findingIds(runScenario(scenario))).not.toContain('redirect-uri-mismatch');
    });
  });

  describe('redirect-uri-invalid', () => {
    it.each([
      ['/callback', 'has no scheme'],
      ['app.example.com/callback', 'has no scheme'],
      ['https:app.example.com/callback', 'lacks the "//"'],
      ['https://app.example.com/call back', 'contains spaces'],
      [`${REDIRECT}#frag`, 'contains a fragment'],
      ['https://[bad/callback', 'does not parse'],
    ])('%s %s', (redirectUri, problem) => {
      const flow = runScenario(redirectTo(redirectUri, REDIRECT));
      expect(finding(flow, 'redirect-uri-invalid')?.message).toContain(problem);
    });

    it.each([['com.example.app:/oauth2redirect'], ['http://127.0.0.1:51004/'], ['']])('accepts %j', (redirectUri) => {
      expect(findingIds(runScenario(redirectTo(redirectUri, redirectUri || REDIRECT)))).not.toContain('redirect-uri-invalid');
    });
  });

  describe('redirect-uri-pollution', () => {
    it.each([
      [`${REDIRECT}?code=abc`, 'already carries "code"'],
      [`${REDIRECT}?state=x&iss=https%3A%2F%2Fas.example.com`, 'already carries "state" and "iss"'],
      [`${REDIRECT}?return_to=%2F%2Fevil.example`, 'holds a URL in "return_to"'],
      [`${REDIRECT}?next=https%253A%252F%252Fevil.example`, 'holds a URL in "next"'],
      [`${REDIRECT}?error=x&u=http%3A%2F%2Fevil.example`, 'already carries "error" and holds a URL in "u"'],
    ])('%s: %s', (redirectUri, text) => {
      expect(finding(runScenario(redirectTo(redirectUri)), 'redirect-uri-pollution')?.message).toContain(text);
    });

    it.each([`${REDIRECT}?tenant=a`, `${REDIRECT}?path=%2Fhome`, `${REDIRECT}?site=example.com`])('leaves %s alone', (redirectUri) => {
      expect(findingIds(runScenario(redirectTo(redirectUri)))).not.toContain('redirect-uri-pollution');
    });

    it('is a warning and never shows the values', () => {
      const hit = finding(runScenario(redirectTo(`${REDIRECT}?code=SecretCode123`)), 'redirect-uri-pollution');
      expect(hit?.severity).toBe('warning');
      expect(hit?.message).not.toContain('SecretCode123');
    });
  });
});
