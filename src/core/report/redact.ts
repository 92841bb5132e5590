import type { Hop } from '../flows/flow-schema';
import type { Param } from '../params/param-schema';
import type { AnalysisReport, FlowReport } from './report-schema';

/** Parameters whose values grant access: shown only on request, never exported by default. */
export const SECRET_PARAMS: ReadonlySet<string> = new Set([
  'code',
  'access_token',
  'id_token',
  'refresh_token',
  'code_verifier',
  'client_secret',
  'client_assertion',
  'assertion',
  'password',
]);

const SECRET_FIELDS = ['code', 'idToken', 'accessToken', 'refreshToken'] as const;

/** What replaces a secret: its length stays visible, which is often what a bug report needs. */
export function redactValue(value: string): string {
  return `[redacted ${value.length} chars]`;
}

/** Replaces secret parameter values inside a URL's query and fragment, without parsing it. */
export function redactUrl(url: string): string {
  return url.replace(/([?&#])([^=&#]*)=([^&#]*)/g, (whole, separator: string, name: string, value: string) =>
    SECRET_PARAMS.has(safeDecode(name)) && value !== '' ? `${separator}${name}=${redactValue(value)}` : whole,
  );
}

/** A copy of the report with every secret value replaced; the input is left as it was. */
export function redactReport(report: AnalysisReport): AnalysisReport {
  return { ...report, flows: report.flows.map(redactFlow), redacted: true };
}

function redactFlow(flow: FlowReport): FlowReport {
  return {
    ...flow,
    ...(flow.request && {
      request: { ...flow.request, url: redactUrl(flow.request.url), params: flow.request.params.map(redactParam) },
    }),
    hops: flow.hops.map(redactHop),
    callbacks: flow.callbacks.map((callback) => {
      const fields = { ...callback.fields };
      for (const key of SECRET_FIELDS) if (fields[key] !== undefined) fields[key] = redactValue(fields[key]);
      return { ...callback, url: redactUrl(callback.url), params: callback.params.map(redactParam), fields };
    }),
    findings: flow.findings.map((finding) =>
      finding.evidence?.param !== undefined && finding.evidence.value !== undefined && SECRET_PARAMS.has(finding.evidence.param)
        ? { ...finding, evidence: { ...finding.evidence, value: redactValue(finding.evidence.value) } }
        : finding,
    ),
  };
}

export function redactHop(hop: Hop): Hop {
  return { ...hop, url: redactUrl(hop.url), ...(hop.location !== undefined && { location: redactUrl(hop.location) }) };
}

export function redactParam(param: Param): Param {
  return SECRET_PARAMS.has(param.name) && param.value !== '' ? { ...param, value: redactValue(param.value) } : param;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
