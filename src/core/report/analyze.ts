import { CATALOGUE } from '../checks/catalogue';
import { indexFlows, viewFlow, type CallbackView, type CheckContext, type FlowView } from '../checks/flow-view';
import type { Finding, Rule } from '../checks/rule';
import { runChecks } from '../checks/run-checks';
import type { FlowState, Hop } from '../flows/flow-schema';
import { hasParam } from '../params/param-list';
import { urlParams } from '../params/decode-params';
import { findRegistration, resolveProfile, type ResolvedProfile } from '../profiles/resolve-profile';
import { readCallbackEvent } from '../checks/callback-event';
import type { Settings } from '../settings/settings-schema';
import type { AnalysisReport, FlowReport, Outcome, SeverityCounts } from './report-schema';

export interface AnalyzeOptions {
  rules?: readonly Rule[];
  onRuleError?: (rule: Rule, error: unknown) => void;
}

/** Checks every flow of a state and reports them, oldest first. Pure: no clock, no I/O. */
export function analyze(state: FlowState, settings: Settings, options: AnalyzeOptions = {}): AnalysisReport {
  const views = state.flows.map((flow) => {
    const registration = findRegistration(flow, settings);
    return viewFlow(flow, resolveProfile(flow, settings, registration), registration);
  });
  const context: CheckContext = { flows: views, index: indexFlows(views), settings };
  const flows = views.map((view) => reportFlow(view, runChecks(view, context, options.rules ?? CATALOGUE, options.onRuleError)));
  const findings = countSeverities(flows.flatMap((flow) => flow.findings));
  return { flows, summary: { flows: flows.length, findings }, redacted: false };
}

function reportFlow(view: FlowView, findings: Finding[]): FlowReport {
  const { flow, request, profile } = view;
  const outcome = outcomeOf(view.callback, profile, flow.landing ?? []);
  // A countdown only for a code someone should exchange: not a REVOKE's, an error's, a rejected one's.
  const codeIssuedAt = outcome === 'success' ? view.callbacks.find((callback) => callback.fields.code !== undefined)?.record.time : undefined;
  const clientId = request?.fields.clientId;
  const redirectUri = request?.fields.redirectUri ?? view.registration?.uri;
  return {
    id: flow.id,
    tabId: flow.tabId,
    context: flow.context,
    startedAt: flow.startedAt,
    updatedAt: flow.updatedAt,
    profile,
    outcome,
    ...(clientId !== undefined && { clientId }),
    ...(redirectUri !== undefined && { redirectUri }),
    ...(request && { request: { ...pick(request.record, 'time', 'url', 'method', 'params'), fields: request.fields } }),
    hops: flow.hops,
    hopsDropped: flow.hopsDropped,
    callbacks: view.callbacks.map(({ record, fields, idToken }) => ({
      ...pick(record, 'time', 'url', 'method', 'params'),
      ...(record.status !== undefined && { status: record.status }),
      ...(record.error !== undefined && { error: record.error }),
      fields,
      ...(idToken && { idToken }),
      ...(record.cookieNames && { cookieNames: record.cookieNames }),
    })),
    landing: flow.landing ?? [],
    ...(codeIssuedAt !== undefined && {
      codeIssuedAt,
      codeExpiresAt: codeIssuedAt + profile.values.codeLifetimeSeconds * 1000,
    }),
    exchanges: view.exchanges.map((exchange) => ({ ...exchange })),
    ...(flow.cookies && { cookies: flow.cookies }),
    findings,
    counts: countSeverities(findings),
  };
}

/**
 * The client sending the browser on to a page of its own that names an error (next-auth's
 * `/api/auth/error?error=Callback`, an app's `/login?error=...`): it refused the callback, though
 * it answered it with a redirect rather than a 4xx.
 */
function landsOnError(landing: readonly Hop[]): boolean {
  return landing.some((hop) => hasParam(urlParams(hop.url), 'error'));
}

function outcomeOf(callback: CallbackView | undefined, profile: ResolvedProfile, landing: readonly Hop[]): Outcome {
  if (!callback) return 'pending';
  const { error, event, code, accessToken, idToken } = callback.fields;
  if (error === 'access_denied') return 'denied';
  if (error !== undefined) return 'error';
  if (readCallbackEvent(event, profile.values)?.endsAccess) return 'revoked';
  // The client's answer outranks a code the server sent: a 403 to a code is no success.
  if (callback.record.status !== undefined && callback.record.status >= 400) return 'rejected';
  if (landsOnError(landing)) return 'rejected';
  if (code !== undefined || accessToken !== undefined || idToken !== undefined) return 'success';
  return 'unknown';
}

export function countSeverities(findings: readonly Pick<Finding, 'severity'>[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const { severity } of findings) counts[severity]++;
  return counts;
}

function pick<T extends object, K extends keyof T>(source: T, ...keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, source[key]])) as Pick<T, K>;
}
