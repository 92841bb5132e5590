import type { Param, ParamLocation } from './param-schema';

/** The first value of a parameter; RFC 6749 s3.1 forbids repeats, which a rule reports. */
export function getParam(params: readonly Param[], name: string): string | undefined {
  for (const param of params) if (param.name === name) return param.value;
  return undefined;
}

export function findParam(params: readonly Param[], name: string): Param | undefined {
  return params.find((param) => param.name === name);
}

export function hasParam(params: readonly Param[], name: string, location?: ParamLocation): boolean {
  return params.some((param) => param.name === name && (location === undefined || param.in === location));
}

/** Names that occur more than once, each listed once, in first-seen order. */
export function repeatedNames(params: readonly Param[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const { name } of params) (seen.has(name) ? repeated : seen).add(name);
  return [...repeated];
}
