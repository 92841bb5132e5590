import { describe, expect, it } from 'vitest';
import { FlowStateSchema } from '../../../src/core/flows/flow-schema';
import { redactFlowState } from '../../../src/core/flows/redact-flow-state';
import { GOOD_CODE, GOOD_STATE, goodCallback, goodRequest, ingestAll, observationsOf, REDIRECT, T0, url } from '../../support/scenario';

const ID_TOKEN = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.';
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

const state = ingestAll([
  ...observationsOf({
    request: goodRequest(),
    requestForm: [
      ['client_secret', 's3cr3t-value'],
      ['code_verifier', VERIFIER],
    ],
    hops: [{ url: 'https://as.example.com/login', method: 'POST', status: 302 }],
    callbacks: [goodCallback({ id_token: ID_TOKEN })],
  }),
  ...observationsOf(
    { request: goodRequest({ response_type: 'token' }), callbacks: [url(REDIRECT, {}, { access_token: 'at-123456', state: GOOD_STATE })] },
    T0 + 60_000,
  ),
]);

describe('redactFlowState', () => {
  const redacted = redactFlowState(state);
  const text = JSON.stringify(redacted);

  it.each([
    ['the code', GOOD_CODE],
    ['the id_token', ID_TOKEN.slice(0, 20)],
    ['an access token in a fragment', 'at-123456'],
    ['a POSTed client_secret', 's3cr3t-value'],
    ['a POSTed code_verifier', VERIFIER],
  ])('leaves no trace of %s', (_, secret) => {
    expect(JSON.stringify(state)).toContain(secret);
    expect(text).not.toContain(secret);
  });

  it('keeps what is not secret: state, URLs, statuses, ids and times', () => {
    expect(redacted.flows.map((flow) => flow.id)).toEqual(state.flows.map((flow) => flow.id));
    expect(redacted.flows[0]?.callbacks[0]?.params.find((p) => p.name === 'state')?.value).toBe(GOOD_STATE);
    expect(redacted.flows[0]?.hops.map((hop) => hop.status)).toEqual(state.flows[0]?.hops.map((hop) => hop.status));
    expect(redacted.flows[0]?.callbacks[0]?.url).toContain(`code=[redacted ${GOOD_CODE.length} chars #`);
  });

  it('redacts a code in a redirect Location', () => {
    const index = state.flows[0]!.hops.findIndex((hop) => hop.location?.includes(GOOD_CODE));
    expect(index).toBeGreaterThanOrEqual(0);
    expect(redacted.flows[0]?.hops[index]?.location).toContain(`code=[redacted ${GOOD_CODE.length} chars #`);
  });

  it('drops the tab cursors, which could hold a callback URL', () => {
    expect(redacted.tabs).toEqual({});
  });

  it('gives a valid state and leaves its input alone', () => {
    const before = JSON.stringify(state);
    expect(FlowStateSchema.safeParse(redactFlowState(state)).success).toBe(true);
    expect(JSON.stringify(state)).toBe(before);
  });
});
