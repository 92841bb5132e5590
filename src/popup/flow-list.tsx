import { useLayoutEffect, useRef } from 'preact/hooks';
import type { TargetedKeyboardEvent } from 'preact';
import type { FlowReport } from '../core/index';
import { clockTime, contextLabel, hostPath, outcomeLabel, plural } from './format';
import type { TabGroup } from './group-flows';
import { OutcomeBadge } from './outcome-badge';
import { SEVERITY_ICONS, SEVERITY_ORDER } from './severity';

const ROW_SELECTOR = 'button[data-flow-id]';

/** Flows grouped by tab; Up/Down/Home/End move between rows, Enter or Space opens one. */
export function FlowList({ groups, onSelect, focusId }: { groups: readonly TabGroup[]; onSelect: (id: string) => void; focusId?: string }) {
  const listRef = useRef<HTMLDivElement>(null);

  // Layout effect: focus moves before the next key press is handled.
  useLayoutEffect(() => {
    if (focusId === undefined) return;
    rowsOf(listRef.current)
      .find((row) => row.dataset.flowId === focusId)
      ?.focus();
  }, [focusId]);

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLDivElement>) => {
    const rows = rowsOf(listRef.current);
    const at = rows.indexOf(document.activeElement as HTMLButtonElement);
    const target = nextRow(event.key, at, rows.length);
    if (target === undefined) return;
    event.preventDefault();
    rows[target]?.focus();
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: arrow keys move focus between the row buttons inside; the list only hears their keys
    <div class="flow-list" ref={listRef} onKeyDown={onKeyDown}>
      {groups.map((group) => (
        <section class="tab-group" key={group.tabId} aria-label={tabLabel(group)}>
          <h2 class={`group-title${group.current ? ' this-tab' : ''}`}>{tabLabel(group)}</h2>
          <ul>
            {group.flows.map((flow) => (
              <li key={flow.id}>
                <FlowRow flow={flow} onSelect={onSelect} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function rowsOf(list: HTMLElement | null): HTMLButtonElement[] {
  return [...(list?.querySelectorAll<HTMLButtonElement>(ROW_SELECTOR) ?? [])];
}

function nextRow(key: string, at: number, count: number): number | undefined {
  if (count === 0) return undefined;
  switch (key) {
    case 'ArrowDown':
      return at === -1 ? 0 : Math.min(at + 1, count - 1);
    case 'ArrowUp':
      return at === -1 ? count - 1 : Math.max(at - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}

function tabLabel(group: TabGroup): string {
  if (group.current) return 'This tab';
  // -1: the browser's own requests, and flows restored from an earlier browser session.
  return group.tabId < 0 ? 'No tab, or an earlier session' : `Tab ${group.tabId}`;
}

function FlowRow({ flow, onSelect }: { flow: FlowReport; onSelect: (id: string) => void }) {
  const redirect = flow.redirectUri === undefined ? undefined : hostPath(flow.redirectUri);
  const findings = SEVERITY_ORDER.filter((severity) => flow.counts[severity] > 0);
  const summary = [
    flow.profile.name,
    outcomeLabel(flow).text,
    contextLabel(flow),
    flow.clientId && `client ${flow.clientId}`,
    redirect && `to ${redirect}`,
    findings.length === 0 ? 'no findings' : findings.map((severity) => plural(flow.counts[severity], severity)).join(', '),
  ].filter(Boolean);
  return (
    <button type="button" class="flow-row" data-flow-id={flow.id} aria-label={summary.join(', ')} onClick={() => onSelect(flow.id)}>
      <span class="row-line">
        <OutcomeBadge flow={flow} />
        <span class="provider">{flow.profile.name}</span>
        {contextLabel(flow) && (
          <span class="muted context-label" data-context={flow.context.kind}>
            {contextLabel(flow)}
          </span>
        )}
        <span class="row-time">{clockTime(flow.startedAt)}</span>
      </span>
      <span class="row-line">
        <span class="client-id">{flow.clientId ?? <em>no client_id</em>}</span>
        <span class="counts">
          {findings.length === 0 ? (
            <span class="count count-none">✓</span>
          ) : (
            findings.map((severity) => (
              <span key={severity} class={`count count-${severity}`}>
                {SEVERITY_ICONS[severity]} {flow.counts[severity]}
              </span>
            ))
          )}
        </span>
      </span>
      <span class="row-line redirect">{redirect ?? <em>redirect URI not in the browser</em>}</span>
    </button>
  );
}
