import { useState } from 'preact/hooks';
import { CopyButton } from './copy-button';

interface ValueProps {
  name: string;
  value: string;
  /** Set inside a finding, so every element showing it carries the rule id. */
  finding?: string;
}

/**
 * A value that grants access (a code, a token): hidden until the user asks for it. Copying is
 * offered only once it is revealed, so a stray click never puts a live secret on the clipboard.
 */
export function SecretValue({ name, value, finding }: ValueProps) {
  const [revealed, setRevealed] = useState(false);
  return (
    <span class="value-line" data-finding={finding}>
      {revealed ? (
        <code class="value" data-secret="revealed" data-finding={finding}>
          {value}
        </code>
      ) : (
        <span class="value masked" data-secret="masked" data-finding={finding}>
          <span aria-hidden="true">••••••••</span> {value.length} chars hidden
        </span>
      )}
      <span class="value-actions" data-finding={finding}>
        <button
          type="button"
          class="small"
          aria-pressed={revealed}
          aria-label={`${revealed ? 'Hide' : 'Reveal'} ${name}`}
          onClick={() => setRevealed(!revealed)}
          data-finding={finding}
        >
          {revealed ? 'Hide' : 'Reveal'}
        </button>
        {revealed && <CopyButton value={value} what={name} finding={finding} />}
      </span>
    </span>
  );
}

export function PlainValue({ name, value, finding }: ValueProps) {
  return (
    <span class="value-line" data-finding={finding}>
      <code class="value" data-finding={finding}>
        {value === '' ? <em data-finding={finding}>(empty)</em> : value}
      </code>
      <span class="value-actions" data-finding={finding}>
        <CopyButton value={value} what={name} finding={finding} />
      </span>
    </span>
  );
}
