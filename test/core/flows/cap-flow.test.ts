import { describe, expect, it } from 'vitest';
import { capFlowState, capObservation, capText, MAX_STORED_CHARS } from '../../../src/core/flows/cap-flow';
import type { Observation } from '../../../src/core/observation/observation-schema';
import { goodCallback, goodRequest, ingestAll, observationsOf } from '../../support/scenario';

const HUGE = 'x'.repeat(1_048_576);
const MARKER = '…[truncated from 1048576 chars]';

describe('capText', () => {
  it.each([
    ['keeps a text that fits', 'abc', 3, 'abc'],
    ['keeps an empty text', '', 3, ''],
    ['cuts a longer one to the limit, the marker giving its full length', 'abcdefghijklmnopqrstuvwxyz0123456789', 32, 'abcdef…[truncated from 36 chars]'],
  ])('%s', (_, text, max, capped) => {
    expect(capText(text, max)).toBe(capped);
    expect(capText(text, max).length).toBeLessThanOrEqual(max);
  });

  it('cuts a 1 MB value to MAX_STORED_CHARS, ending with the marker', () => {
    const capped = capText(HUGE);
    expect(capped).toHaveLength(MAX_STORED_CHARS);
    expect(capped.endsWith(MARKER)).toBe(true);
  });

  it('changes nothing in a text it cut before, so the full length is never lost', () => {
    expect(capText(capText(HUGE))).toBe(capText(HUGE));
  });
});

describe('capFlowState', () => {
  it("cuts a cookie's name in the flow, its callback, the tab's cursor and the journal to 256 characters", () => {
    const name = 'n'.repeat(100_000);
    const start = { url: 'https://app.example.com/login', setCookies: [`${name}=1; Path=/`] };
    const observations = observationsOf({ start, request: goodRequest(), callbacks: [goodCallback()], callbackCookies: [name] });
    const state = ingestAll(observations);
    state.tabs['1'] = { cookies: state.flows[0]?.cookies ?? [] };
    const capped = capFlowState(state);
    const names = [capped.flows[0]?.cookies?.[0]?.name, capped.flows[0]?.callbacks[0]?.cookieNames?.[0], capped.tabs['1']?.cookies?.[0]?.name];
    const journal = observations
      .map(capObservation)
      .flatMap((o) => (o.kind === 'request' ? (o.cookieNames ?? []) : o.kind === 'response' ? (o.setCookies ?? []).map((c) => c.name) : []));
    for (const kept of [...names, ...journal]) expect(kept?.length).toBe(256);
    expect(journal).toHaveLength(2);
  });

  it('leaves a flow of ordinary size exactly as it is', () => {
    const state = ingestAll(observationsOf({ request: goodRequest(), callbacks: [goodCallback()] }));
    expect(capFlowState(state)).toEqual(state);
  });

  it('cuts every long URL and parameter, and leaves its input alone', () => {
    const state = ingestAll(observationsOf({ request: goodRequest({ login_hint: HUGE }), callbacks: [goodCallback({ error_description: HUGE })] }));
    state.tabs['1'] = { expect: `https://as.example.com/?${HUGE}` };
    const before = JSON.stringify(state);
    const capped = capFlowState(state);
    expect(JSON.stringify(state)).toBe(before);
    const [flow] = capped.flows;
    const texts = [
      flow?.request?.url,
      flow?.request?.params.find((param) => param.name === 'login_hint')?.value,
      flow?.hops[0]?.url,
      flow?.callbacks[0]?.url,
      flow?.callbacks[0]?.params.find((param) => param.name === 'error_description')?.value,
      capped.tabs['1']?.expect,
    ];
    for (const text of texts) expect(text?.length).toBe(MAX_STORED_CHARS);
    expect(longestText(capped)).toBe(MAX_STORED_CHARS);
    // Short values, such as the state, stay whole.
    expect(flow?.request?.params.find((param) => param.name === 'state')).toEqual(state.flows[0]?.request?.params.find((param) => param.name === 'state'));
  });
});

describe('capObservation', () => {
  it.each<[string, Observation]>([
    [
      'a request URL and its form fields',
      {
        kind: 'request',
        tabId: 1,
        time: 1,
        url: `https://a.example/?q=${HUGE}`,
        method: 'POST',
        formData: [
          ['big', HUGE],
          [HUGE, 'v'],
        ],
      },
    ],
    ['a response Location and error', { kind: 'response', tabId: 1, time: 1, url: 'https://a.example/', status: 302, location: HUGE, error: HUGE }],
    ['a committed URL', { kind: 'navigation', tabId: 1, time: 1, url: HUGE }],
  ])('caps %s', (_, observation) => {
    expect(longestText(capObservation(observation))).toBe(MAX_STORED_CHARS);
  });

  it('leaves an ordinary observation as it is', () => {
    const [observation] = observationsOf({ request: goodRequest() });
    expect(capObservation(observation!)).toEqual(observation);
  });
});

/** The length of the longest string anywhere in `value`. */
function longestText(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (value === null || typeof value !== 'object') return 0;
  return Math.max(0, ...Object.values(value).map(longestText));
}
