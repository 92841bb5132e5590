import { useCallback, useEffect, useState } from 'preact/hooks';
import { Banner } from '../ui/banner';
import { usePageApi } from '../ui/page-api';
import { useWorkerQuery } from '../ui/use-worker-query';
import { ClearAll } from './clear-all';
import { EmptyState } from './empty-state';
import { ExportBar } from './export-bar';
import { FlowDetail } from './flow-detail';
import { FlowList } from './flow-list';
import { groupFlowsByTab } from './group-flows';
import { StorageBanner } from './storage-banner';

/** The popup: the recorded flows, or one flow in detail. It only shows what the worker analysed. */
export function Popup() {
  const api = usePageApi();
  const flows = useWorkerQuery('getFlows', {}, 'flowsChanged');
  const settings = useWorkerQuery('getSettings', {}, 'settingsChanged');
  const [tabId, setTabId] = useState<number>();
  const [selectedId, setSelectedId] = useState<string>();
  // The row to focus when the list comes back, so keyboard users keep their place.
  const [returnTo, setReturnTo] = useState<string>();
  const [actionError, setActionError] = useState<string>();

  useEffect(() => {
    api.currentTabId().then(setTabId, () => {});
  }, [api]);

  const report = flows.value?.report;
  const selected = report?.flows.find((flow) => flow.id === selectedId);
  useEffect(() => {
    // A flow that went away (cleared, aged out) closes its detail view.
    if (selectedId !== undefined && report && !selected) setSelectedId(undefined);
  }, [selectedId, report, selected]);
  const back = useCallback(() => {
    setReturnTo(selectedId);
    setSelectedId(undefined);
  }, [selectedId]);

  return (
    <main class="popup">
      <header class="top">
        <h1>Consent Lens</h1>
        <button type="button" class="small" onClick={() => void api.openOptionsPage().catch(() => {})}>
          Settings
        </button>
      </header>
      {settings.value?.problem && (
        <Banner kind="warning" title="Settings problem:">
          {settings.value.problem}
        </Banner>
      )}
      {flows.value?.storage && <StorageBanner health={flows.value.storage} maxFlows={settings.value?.settings.capture.maxFlows} />}
      {[flows.error, settings.error, actionError].filter(Boolean).map((message) => (
        <Banner kind="error" key={message}>
          {message}
        </Banner>
      ))}
      {!flows.settled ? (
        <p class="muted" role="status">
          Loading flows…
        </p>
      ) : selected && report ? (
        <FlowDetail flow={selected} sourceRedacted={report.redacted} onBack={back} />
      ) : !report ? (
        <button type="button" onClick={flows.reload}>
          Try again
        </button>
      ) : report.flows.length === 0 ? (
        <EmptyState settings={settings.value?.settings} />
      ) : (
        <>
          <FlowList groups={groupFlowsByTab(report.flows, tabId)} onSelect={setSelectedId} focusId={returnTo} />
          <footer class="bar">
            <ExportBar flows={report.flows} sourceRedacted={report.redacted} label="Export all" what="flows" />
            <ClearAll
              count={report.flows.length}
              onCleared={() => {
                setActionError(undefined);
                flows.reload();
              }}
              onError={setActionError}
            />
          </footer>
        </>
      )}
    </main>
  );
}
