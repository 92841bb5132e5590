// The report as JSON: the AnalysisReport itself (redacted unless asked), for scripts and CI.
import type { AnalysisReport, Rule } from '../core/index';
import { printableJson } from './printable';

export function formatJson(report: AnalysisReport): string {
  return `${printableJson(JSON.stringify(report, null, 2))}\n`;
}

/** `consent-lens checks --format json`: every rule without its check function. */
export function formatRulesJson(rules: readonly Rule[]): string {
  const described = rules.map(({ id, severity, title, explanation, reference, fix }) => ({ id, severity, title, explanation, reference, fix }));
  return `${JSON.stringify(described, null, 2)}\n`;
}
