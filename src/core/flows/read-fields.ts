import { type OAuthParam, type OAuthParamOn, paramsOn } from '../params/oauth-vocabulary';
import { getParam } from '../params/param-list';
import type { Param } from '../params/param-schema';
import { z } from '../zod';

const text = z.string().optional();
const wordList = z.array(z.string());

type FieldsShape<S extends 'request' | 'callback'> = { [R in OAuthParamOn<S> as R['key']]: typeof text } & {
  [R in Extract<OAuthParamOn<S>, { words: string }> as R['words']]: typeof wordList;
};

/** A field for each of the side's parameters, and a word list after each one that is split on spaces. */
function fieldsSchema<S extends 'request' | 'callback'>(side: S) {
  const shape: Record<string, z.ZodType> = {};
  const rows: readonly OAuthParam[] = paramsOn(side);
  for (const row of rows) {
    shape[row.key] = row.doc === undefined ? text : text.describe(row.doc);
    if (row.words !== undefined) shape[row.words] = wordList;
  }
  return z.object(shape as FieldsShape<S>);
}

/** The decoded parameters of an authorization request that the popup and the checks read. */
export const AuthorizationRequestFieldsSchema = fieldsSchema('request');

/** The decoded parameters of an authorization response (the callback). */
export const CallbackFieldsSchema = fieldsSchema('callback');

export type AuthorizationRequestFields = z.infer<typeof AuthorizationRequestFieldsSchema>;
export type CallbackFields = z.infer<typeof CallbackFieldsSchema>;

const REQUEST_ROWS: readonly OAuthParam[] = paramsOn('request');
const CALLBACK_ROWS: readonly OAuthParam[] = paramsOn('callback');

export function readAuthorizationRequestFields(params: readonly Param[]): AuthorizationRequestFields {
  return readFields(REQUEST_ROWS, params) as AuthorizationRequestFields;
}

export function readCallbackFields(params: readonly Param[]): CallbackFields {
  return readFields(CALLBACK_ROWS, params) as CallbackFields;
}

/** Absent fields stay absent rather than `undefined`, so the objects round-trip through JSON; word lists are always there. */
function readFields(rows: readonly OAuthParam[], params: readonly Param[]): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const row of rows) {
    const value = getParam(params, row.name);
    if (value !== undefined) fields[row.key] = value;
    if (row.words !== undefined) fields[row.words] = (value ?? '').split(' ').filter(Boolean);
  }
  return fields;
}
