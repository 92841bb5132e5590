import type { Settings } from '../settings/settings-schema';
import { urlBase } from '../url/parse-url';

/** What correlation needs from the settings, prepared once rather than per observation. */
export interface WatchList {
  registeredBases: ReadonlySet<string>;
}

export function compileWatchList(settings: Pick<Settings, 'redirectUris'>): WatchList {
  const bases = settings.redirectUris.map(({ uri }) => urlBase(uri)).filter((base) => base !== undefined);
  return { registeredBases: new Set(bases) };
}
