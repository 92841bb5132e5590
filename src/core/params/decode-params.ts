import type { FormField } from '../observation/observation-schema';
import { splitUrl } from '../url/split-url';
import type { Param, ParamLocation } from './param-schema';
import { percentDecode } from './percent-decode';

/** Decodes `a=1&b=2` text, keeping duplicates and order; an entry without `=` has an empty value. */
export function decodeParams(text: string, location: ParamLocation): Param[] {
  if (text === '') return [];
  const params: Param[] = [];
  for (const pair of text.split('&')) {
    if (pair === '' || pair === '=') continue;
    const eq = pair.indexOf('=');
    const name = percentDecode(eq === -1 ? pair : pair.slice(0, eq));
    const value = percentDecode(eq === -1 ? '' : pair.slice(eq + 1));
    const error = name.error ?? value.error;
    params.push({ name: name.value, value: value.value, in: location, ...(error && { error }) });
  }
  return params;
}

/** Query and fragment parameters of a URL, then the form body's, in that order. */
export function urlParams(url: string, formData?: readonly FormField[]): Param[] {
  const { query, fragment } = splitUrl(url);
  const params = decodeParams(query, 'query');
  // A fragment that is a route (`#/home`) rather than parameters carries nothing to decode.
  if (fragment.includes('=')) params.push(...decodeParams(fragment, 'fragment'));
  if (formData) for (const [name, value] of formData) params.push({ name, value, in: 'form' });
  return params;
}
