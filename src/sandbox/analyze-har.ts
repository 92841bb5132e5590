// A recorded HAR through the core, with the settings the extension would have: the same path
// the CLI takes, returning the report rather than text.
import { analyze, compileWatchList, createFlowState, harToObservations, ingest, parseHar, type AnalysisReport, type Settings } from '../core/index';

export function analyzeHar(text: string, settings: Settings): { ok: true; report: AnalysisReport } | { ok: false; message: string } {
  const parsed = parseHar(text);
  if (!parsed.ok) return parsed;
  const state = createFlowState();
  const watch = compileWatchList(settings);
  for (const observation of harToObservations(parsed.har).observations) ingest(state, observation, watch);
  return { ok: true, report: analyze(state, settings) };
}
