import { describe, expect, it } from 'vitest';
import {
  AuthorizationRequestFieldsSchema,
  CallbackFieldsSchema,
  readAuthorizationRequestFields,
  readCallbackFields,
} from '../../../src/core/flows/read-fields';
import { type OAuthParam, paramsOn } from '../../../src/core/params/oauth-vocabulary';
import type { Param } from '../../../src/core/params/param-schema';

const SIDES = {
  request: { rows: paramsOn('request') as readonly OAuthParam[], read: readAuthorizationRequestFields, schema: AuthorizationRequestFieldsSchema },
  callback: { rows: paramsOn('callback') as readonly OAuthParam[], read: readCallbackFields, schema: CallbackFieldsSchema },
};
const query = (name: string, value: string): Param => ({ name, value, in: 'query' });

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
