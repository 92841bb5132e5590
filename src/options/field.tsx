import type { ComponentChildren } from 'preact';

interface FieldProps {
  id: string;
  label: ComponentChildren;
  value: string;
  onInput: (value: string) => void;
  error?: string;
  hint?: ComponentChildren;
  placeholder?: string;
  /** 'number' shows a numeric keyboard; the value stays text until SettingsSchema reads it. */
  kind?: 'text' | 'url' | 'number' | 'lines';
}

/** A labelled input with its hint and, when validation failed, the reason right below it. */
export function Field({ id, label, value, onInput, error, hint, placeholder, kind = 'text' }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const common = {
    id,
    value,
    placeholder,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': [errorId, hintId].filter(Boolean).join(' ') || undefined,
    spellcheck: false,
    autocomplete: 'off',
  };
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>{label}</label>
      {kind === 'lines' ? (
        <textarea {...common} rows={2} onInput={(event) => onInput(event.currentTarget.value)} />
      ) : (
        <input
          {...common}
          type="text"
          inputMode={kind === 'number' ? 'numeric' : kind === 'url' ? 'url' : undefined}
          onInput={(event) => onInput(event.currentTarget.value)}
        />
      )}
      {error && (
        <span class="field-error" id={errorId}>
          {error}
        </span>
      )}
      {hint && (
        <span class="hint" id={hintId}>
          {hint}
        </span>
      )}
    </div>
  );
}
