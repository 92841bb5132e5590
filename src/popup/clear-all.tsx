import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { messageOf } from '../ui/connector';
import { usePageApi } from '../ui/page-api';
import { plural } from './format';

/** Deletes every recorded flow, after a second, deliberate click. */
export function ClearAll({ count, onCleared, onError }: { count: number; onCleared: () => void; onError: (message: string) => void }) {
  const { connector } = usePageApi();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useLayoutEffect(() => {
    // The safe choice gets the focus when asked; the trigger gets it back when the question goes.
    if (confirming) cancelRef.current?.focus();
    else if (wasConfirming.current) openRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const clear = () => {
    setBusy(true);
    connector.request('clearFlows', {}).then(
      () => {
        setBusy(false);
        setConfirming(false);
        onCleared();
      },
      (error: unknown) => {
        setBusy(false);
        setConfirming(false);
        onError(messageOf(error));
      },
    );
  };

  if (!confirming) {
    return (
      <button type="button" class="danger" ref={openRef} onClick={() => setConfirming(true)} disabled={count === 0}>
        Clear all
      </button>
    );
  }
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset would be a form; this is a two-button question inline in the bar
    <div
      class="confirm"
      role="group"
      aria-label="Confirm clearing all flows"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          setConfirming(false);
        }
      }}
    >
      <span>Delete {plural(count, 'recorded flow')}?</span>
      <button type="button" class="danger" onClick={clear} disabled={busy}>
        Delete
      </button>
      <button type="button" ref={cancelRef} onClick={() => setConfirming(false)} disabled={busy}>
        Cancel
      </button>
    </div>
  );
}
