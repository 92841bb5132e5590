import { z } from '../zod';
import type { CheckContext, FlowView } from './flow-view';
import { RuleIdSchema, SeveritySchema, type RuleId, type Severity } from './rule-ids';

export const ReferenceSchema = z.object({ title: z.string(), url: z.string() });

/** The parameter a finding is about. Values of secret parameters are redacted in exports. */
export const EvidenceSchema = z.object({ param: z.string().optional(), value: z.string().optional() });

export const FindingSchema = z.object({
  id: RuleIdSchema,
  severity: SeveritySchema,
  title: z.string(),
  /** One line about this flow. */
  message: z.string(),
  explanation: z.string(),
  reference: ReferenceSchema,
  fix: z.string(),
  evidence: EvidenceSchema.optional(),
});

export type Reference = z.infer<typeof ReferenceSchema>;
export type Evidence = z.infer<typeof EvidenceSchema>;
export type Finding = z.infer<typeof FindingSchema>;

/** What a check reports for one flow; severity only where it differs from the rule's own. */
export interface RuleHit {
  message: string;
  severity?: Severity;
  evidence?: Evidence;
}

export interface Rule {
  id: RuleId;
  severity: Severity;
  title: string;
  /** Why it matters, in a sentence or two, naming the spec. */
  explanation: string;
  reference: Reference;
  fix: string;
  /** Pure: the same view and context give the same hits. Never puts a secret value in `message`. */
  check(view: FlowView, context: CheckContext): RuleHit[];
}

/** Identity, for type inference and a single place to hang rule conventions. */
export function defineRule(rule: Rule): Rule {
  return rule;
}

export function toFinding(rule: Rule, hit: RuleHit): Finding {
  return {
    id: rule.id,
    severity: hit.severity ?? rule.severity,
    title: rule.title,
    message: hit.message,
    explanation: rule.explanation,
    reference: rule.reference,
    fix: rule.fix,
    ...(hit.evidence && { evidence: hit.evidence }),
  };
}
