import type { FlowState, Settings } from '../core/index';
import { originPattern, uniquePatterns, urlMatcher, watchedOrigins } from '../core/settings/watched-origins';

/**
 * Which committed navigations the worker looks at. webRequest events only come for origins the
 * user granted, but webNavigation reports every tab's navigations, so they are filtered here to
 * the sites the user watches: registered redirect URIs and their authorization servers, granted
 * origins, and the sites of flows already recorded (a flow seen through webRequest gets its
 * callback's fragment). Everything, if the user chose to watch all sites.
 *
 * The state is passed per navigation because a flow started earlier in the same batch counts.
 */
export function navigationFilter(settings: Settings, grantedOrigins: readonly string[]): (url: string, state: FlowState) => boolean {
  if (settings.capture.watchAllSites) return () => true;
  const watched = urlMatcher(uniquePatterns([...watchedOrigins(settings), ...grantedOrigins]));
  // The flows' sites only change when a flow starts or goes: recompile then, not per navigation.
  let compiledFor = '';
  let ofFlows: (url: string) => boolean = () => false;
  return (url, state) => {
    if (watched(url)) return true;
    const key = `${state.nextSeq}/${state.flows.length}`;
    if (key !== compiledFor) {
      compiledFor = key;
      ofFlows = urlMatcher(uniquePatterns(state.flows.flatMap(flowSites)));
    }
    return ofFlows(url);
  };
}

function flowSites(flow: FlowState['flows'][number]): Array<string | undefined> {
  return [
    flow.request && originPattern(flow.request.url),
    flow.request?.redirectBase !== undefined ? originPattern(flow.request.redirectBase) : undefined,
    ...flow.callbacks.map((callback) => originPattern(callback.url)),
  ];
}
