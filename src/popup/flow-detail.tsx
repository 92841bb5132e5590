import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { FlowReport } from '../core/index';
import { CodeCountdown } from './code-countdown';
import { ExportBar } from './export-bar';
import { FindingList } from './finding-list';
import { clockTime, contextLabel, plural } from './format';
import { OutcomeBadge } from './outcome-badge';
import { PlainValue } from './secret-value';
import { SEVERITY_ORDER } from './severity';
import { Timeline } from './timeline';

const CHOSEN_BY: Record<FlowReport['profile']['chosenBy'], string> = {
  forced: 'set for every flow in the settings',
  registration: 'from your registered redirect URI',
  host: 'from the authorization host',
  scope: 'because the scope asks for openid',
  default: 'the default: no provider recognised',
};

/** One flow: what it was, its code's remaining life, what is wrong with it, and every step. Escape goes back. */
export function FlowDetail({ flow, sourceRedacted, onBack }: { flow: FlowReport; sourceRedacted: boolean; onBack: () => void }) {
  const backRef = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    backRef.current?.focus();
  }, [flow.id]);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault(); // keeps the browser from closing the popup as well
      onBack();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [onBack]);

  const severities = SEVERITY_ORDER.filter((severity) => flow.counts[severity] > 0);
  return (
    <article class="flow-detail" aria-labelledby="flow-title">
      <div class="detail-nav">
        <button type="button" ref={backRef} onClick={onBack} aria-label="Back to all flows (Escape)">
          ← All flows
        </button>
        <span class="muted">
          {flow.id} · tab {flow.tabId}
          {contextLabel(flow) && ` ${contextLabel(flow)}`} · {clockTime(flow.startedAt)}
        </span>
      </div>
      <h2 id="flow-title" class="detail-title">
        <OutcomeBadge flow={flow} /> {flow.profile.name}
        <span class="muted chosen-by"> {CHOSEN_BY[flow.profile.chosenBy]}</span>
      </h2>
      <dl class="params summary">
        <div class="param">
          <dt>client_id</dt>
          <dd>{flow.clientId === undefined ? <em>not sent</em> : <PlainValue name="client_id" value={flow.clientId} />}</dd>
        </div>
        <div class="param">
          <dt>redirect_uri</dt>
          <dd>{flow.redirectUri === undefined ? <em>not in the browser</em> : <PlainValue name="redirect_uri" value={flow.redirectUri} />}</dd>
        </div>
      </dl>
      <CodeCountdown flow={flow} />
      <section aria-labelledby="findings-title">
        <h3 id="findings-title">
          Findings{' '}
          <span class="muted">{severities.length === 0 ? 'none' : severities.map((severity) => plural(flow.counts[severity], severity)).join(', ')}</span>
        </h3>
        <FindingList findings={flow.findings} />
      </section>
      <section aria-labelledby="timeline-title">
        <h3 id="timeline-title">Timeline</h3>
        <Timeline flow={flow} />
      </section>
      <footer class="bar">
        <ExportBar flows={[flow]} sourceRedacted={sourceRedacted} label="Export this flow" what={flow.id} />
      </footer>
    </article>
  );
}
