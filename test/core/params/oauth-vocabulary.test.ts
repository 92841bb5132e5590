import { describe, expect, it } from 'vitest';
import { callbackRows, requestRows } from '../../../src/cli/report-rows';
import { isAuthorizationResponse } from '../../../src/core/flows/authorization-request';
import {
  AuthorizationRequestFieldsSchema,
  CallbackFieldsSchema,
  readAuthorizationRequestFields,
  readCallbackFields,
} from '../../../src/core/flows/read-fields';
import { OAUTH_PARAMS, type OAuthParam, paramsOn } from '../../../src/core/params/oauth-vocabulary';
import type { Param } from '../../../src/core/params/param-schema';
import { isSecretParam, redactReport } from '../../../src/core/report/redact';
import { CALLBACK_ORDER, REQUEST_ORDER } from '../../../src/popup/param-list';
import { AS, findingIds, goodRequest, REDIRECT, runScenarios, runScenario, url } from '../../support/scenario';

const SIDES = {
  request: { rows: paramsOn('request') as readonly OAuthParam[], read: readAuthorizationRequestFields, schema: AuthorizationRequestFieldsSchema },
  callback: { rows: paramsOn('callback') as readonly OAuthParam[], read: readCallbackFields, schema: CallbackFieldsSchema },
};
const ROWS: readonly OAuthParam[] = OAUTH_PARAMS;
const query = (name: string, value: string): Param => ({ name, value, in: 'query' });
/** A value that is no other row's value, nor part of one, and looks like no credential. */
const marker = (row: OAuthParam) => `<${row.name}>`;

describe.each(Object.entries(SIDES))('the %s side', (_side, { rows, read, schema }) => {
  it('has one row per name and one field per key', () => {
    const fields = rows.flatMap((row) => (row.words ? [row.key, row.words] : [row.key]));
    expect(new Set(rows.map((row) => row.name)).size).toBe(rows.length);
    expect(new Set(fields).size).toBe(fields.length);
    expect(Object.keys(schema.shape)).toEqual(fields);
  });

  const noWords = Object.fromEntries(rows.flatMap((row) => (row.words ? [[row.words, []]] : [])));

  it.each(rows.map((row) => [row.name, row] as const))('reads %s into its field, which the schema keeps through JSON', (_name, row) => {
    const fields = read([query('unrelated', 'x'), query(row.name, ' two  words ')]);
    expect(fields).toEqual({ ...noWords, [row.key]: ' two  words ', ...(row.words && { [row.words]: ['two', 'words'] }) });
    expect(schema.parse(JSON.parse(JSON.stringify(fields)))).toEqual(fields);
  });

  it('leaves absent parameters out, and word lists empty', () => {
    expect(read([])).toEqual(noWords);
  });
});

describe('display order', () => {
  it('the popup lists each side in table order', () => {
    expect(REQUEST_ORDER).toEqual(SIDES.request.rows.map((row) => row.name));
    expect(CALLBACK_ORDER).toEqual(SIDES.callback.rows.map((row) => row.name));
  });

  it('the CLI shows the same order, client_id and redirect_uri heading the flow instead', () => {
    const every = (rows: readonly OAuthParam[]) => rows.map((row) => query(row.name, 'x'));
    const names = (rows: ReadonlyArray<{ name: string }>) => rows.map((row) => row.name);
    expect(names(requestRows(readAuthorizationRequestFields(every(SIDES.request.rows))))).toEqual(
      REQUEST_ORDER.filter((name) => name !== 'client_id' && name !== 'redirect_uri'),
    );
    expect(names(callbackRows(readCallbackFields(every(SIDES.callback.rows))))).toEqual(CALLBACK_ORDER);
  });
});

describe.each(ROWS.map((row) => [row.name, row] as const))('%s', (_name, row) => {
  it('makes a URL a callback only if it marks a response', () => {
    expect(isAuthorizationResponse([query('unrelated', 'x'), query(row.name, 'x')])).toBe(row.marksResponse === true);
  });

  it('pollutes a redirect URI that already carries it only if the table says so', () => {
    const flow = runScenario({ request: goodRequest({ redirect_uri: `${REDIRECT}?${row.name}=x` }) });
    expect(findingIds(flow).includes('redirect-uri-pollution')).toBe(row.pollutesRedirectUri === true);
  });
});

describe('secrets', () => {
  // Credentials by RFC 6749 and OpenID Connect, and names the pattern alone would wrongly hide: the table decides both.
  it.each([
    ['code', true],
    ['access_token', true],
    ['id_token', true],
    ['refresh_token', true],
    ['token_type', false],
    ['session_state', false],
    ['state', false],
  ])('%s is secret: %s', (name, secret) => {
    expect(ROWS.find((row) => row.name === name)?.secret === true).toBe(secret);
    expect(isSecretParam(name, 'plain-value')).toBe(secret);
  });

  const request = url(AS, Object.fromEntries(SIDES.request.rows.map((row) => [row.name, marker(row)])));
  const callback = url(REDIRECT, Object.fromEntries(SIDES.callback.rows.map((row) => [row.name, marker(row)])));
  const report = runScenarios([{ request, callbacks: [callback] }]);
  const redacted = redactReport(report);
  const text = JSON.stringify(redacted);

  it('the report holds every parameter of both sides', () => {
    const [flow] = report.flows;
    expect(flow?.request?.fields.clientId).toBe('<client_id>');
    expect(flow?.callbacks[0]?.fields.code).toBe('<code>');
  });

  it.each(ROWS.map((row) => [row.name, row] as const))('redactReport hides %s only if it is a secret, in URLs, parameters and fields', (_name, row) => {
    const flow = redacted.flows[0];
    const fields: Array<Record<string, unknown> | undefined> = [
      row.side !== 'callback' ? flow?.request?.fields : undefined,
      row.side !== 'request' ? flow?.callbacks[0]?.fields : undefined,
    ];
    for (const value of [marker(row), encodeURIComponent(marker(row))]) expect(text.includes(value)).toBe(!row.secret);
    for (const side of fields.filter((side) => side !== undefined)) {
      expect(side[row.key]).toEqual(row.secret ? expect.stringMatching(/^\[redacted /) : marker(row));
    }
  });
});
