import { useEffect, useState } from 'preact/hooks';
import { usePageApi } from '../ui/page-api';

type CopyState = 'idle' | 'copied' | 'failed';

const LABELS: Record<CopyState, string> = { idle: 'Copy', copied: 'Copied', failed: 'Copy failed' };

/** Copies `value` to the clipboard; `what` names it for screen readers ("Copy state"). */
export function CopyButton({ value, what, finding }: { value: string; what: string; finding?: string }) {
  const { copyText } = usePageApi();
  const [state, setState] = useState<CopyState>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = () => {
    copyText(value).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  return (
    <button type="button" class="small" onClick={copy} aria-label={`${LABELS[state]} ${what}`} data-finding={finding}>
      <span aria-live="polite" data-finding={finding}>
        {LABELS[state]}
      </span>
    </button>
  );
}
