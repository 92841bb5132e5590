import { isSecretParam, type Finding } from '../core/index';
import { plural } from './format';
import { PlainValue, SecretValue } from './secret-value';
import { SEVERITY_ICONS, SEVERITY_ORDER } from './severity';

/** The flow's findings, most severe first. Every element carries data-finding="<rule id>". */
export function FindingList({ findings }: { findings: readonly Finding[] }) {
  if (findings.length === 0) return <p class="no-findings">✓ No findings: every check passed for this flow.</p>;
  const sorted = [...findings].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  return (
    <ul class="findings" aria-label={plural(findings.length, 'finding')}>
      {sorted.map((finding, index) => (
        <FindingItem key={`${finding.id}-${index}`} finding={finding} />
      ))}
    </ul>
  );
}

function FindingItem({ finding }: { finding: Finding }) {
  const id = finding.id;
  const { param, value } = finding.evidence ?? {};
  return (
    <li class={`finding severity-${finding.severity}`} data-finding={id}>
      <p class="finding-head" data-finding={id}>
        <span class="severity" data-finding={id}>
          <span class="severity-icon" aria-hidden="true" data-finding={id}>
            {SEVERITY_ICONS[finding.severity]}
          </span>{' '}
          {finding.severity}
        </span>{' '}
        <strong class="finding-title" data-finding={id}>
          {finding.title}
        </strong>{' '}
        <code class="finding-id" data-finding={id}>
          {id}
        </code>
      </p>
      <p class="finding-message" data-finding={id}>
        {finding.message}
      </p>
      {param !== undefined && value !== undefined && (
        <p class="finding-evidence" data-finding={id}>
          <span class="label" data-finding={id}>
            {param}
          </span>{' '}
          {isSecretParam(param, value) ? <SecretValue name={param} value={value} finding={id} /> : <PlainValue name={param} value={value} finding={id} />}
        </p>
      )}
      <p class="finding-fix" data-finding={id}>
        <span class="label" data-finding={id}>
          Fix
        </span>{' '}
        {finding.fix}
      </p>
      <p class="finding-explanation" data-finding={id}>
        {finding.explanation}{' '}
        <a class="finding-reference" data-finding={id} href={finding.reference.url} target="_blank" rel="noopener noreferrer">
          {finding.reference.title}
        </a>
      </p>
    </li>
  );
}
