import { BUILTIN_PROFILES, ProfileIdSchema, type ProfileId } from '../core/index';
import { Field } from './field';
import type { FieldErrors, RedirectDraft } from './settings-draft';

export type RedirectPatch = Partial<Omit<RedirectDraft, 'key' | 'otherOverrides'>>;

interface RedirectEntryProps {
  entry: RedirectDraft;
  index: number;
  errors: FieldErrors;
  /** `fields` are the error keys (under this entry) the change may have fixed. */
  onChange: (patch: RedirectPatch, fields: string[]) => void;
  onRemove: () => void;
}

/** One registered redirect URI: the exact URI, its provider, and what to check it against. */
export function RedirectEntry({ entry, index, errors, onChange, onRemove }: RedirectEntryProps) {
  const id = (field: string) => `${entry.key}-${field}`;
  const error = (field: string) => errors[`redirectUris.${index}.${field}`];
  const set =
    (field: keyof RedirectPatch, errorKey: string = field) =>
    (value: string) =>
      onChange({ [field]: value }, [errorKey]);
  const defaults = entry.profile === '' ? undefined : BUILTIN_PROFILES[entry.profile];
  const defaultHint = (value: number) => (defaults ? `${value} (${defaults.name} default)` : 'profile default');
  const overrideErrors = ['codeLifetimeSeconds', 'minStateLength', 'issuer'].some((field) => error(`overrides.${field}`));

  return (
    <fieldset class="redirect-entry" data-entry={index}>
      <legend>{entry.label.trim() || entry.uri.trim() || `Redirect URI ${index + 1}`}</legend>
      <Field
        id={id('uri')}
        label="Redirect URI (exact, as your app sends it)"
        kind="url"
        value={entry.uri}
        placeholder="https://app.example.com/callback"
        error={error('uri')}
        onInput={set('uri')}
      />
      <div class="row">
        <div class="field">
          <label for={id('profile')}>Provider profile</label>
          <select
            id={id('profile')}
            value={entry.profile}
            onChange={(event) => onChange({ profile: event.currentTarget.value as ProfileId | '' }, ['profile'])}
          >
            <option value="">Detect from the authorization host</option>
            {ProfileIdSchema.options.map((profile) => (
              <option key={profile} value={profile}>
                {BUILTIN_PROFILES[profile].name}
              </option>
            ))}
          </select>
        </div>
        <Field id={id('label')} label="Label (optional)" value={entry.label} error={error('label')} onInput={set('label')} />
      </div>
      <Field
        id={id('servers')}
        label="Authorization server URLs (optional, one per line)"
        kind="lines"
        value={entry.authorizationServers}
        placeholder="https://login.example.com"
        hint="Consent Lens also asks for access to these sites, to see the hops of the consent flow there."
        error={error('authorizationServers')}
        onInput={set('authorizationServers')}
      />
      <details class="overrides" open={overrideErrors || undefined}>
        <summary>Profile overrides (optional)</summary>
        <div class="row">
          <Field
            id={id('lifetime')}
            label="Code lifetime (seconds)"
            kind="number"
            value={entry.codeLifetimeSeconds}
            placeholder={defaultHint(defaults?.values.codeLifetimeSeconds ?? 0)}
            error={error('overrides.codeLifetimeSeconds')}
            onInput={set('codeLifetimeSeconds', 'overrides.codeLifetimeSeconds')}
          />
          <Field
            id={id('state')}
            label="Minimum state length"
            kind="number"
            value={entry.minStateLength}
            placeholder={defaultHint(defaults?.values.minStateLength ?? 0)}
            error={error('overrides.minStateLength')}
            onInput={set('minStateLength', 'overrides.minStateLength')}
          />
        </div>
        <Field
          id={id('issuer')}
          label="Expected issuer (iss)"
          kind="url"
          value={entry.issuer}
          placeholder="https://login.example.com"
          error={error('overrides.issuer')}
          onInput={set('issuer', 'overrides.issuer')}
        />
      </details>
      <button type="button" class="danger small" onClick={onRemove} aria-label={`Remove redirect URI ${entry.uri || index + 1}`}>
        Remove
      </button>
    </fieldset>
  );
}
