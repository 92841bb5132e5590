import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Settings } from '../core/index';
import { Banner } from '../ui/banner';
import { messageOf } from '../ui/connector';
import { usePageApi } from '../ui/page-api';
import { useWorkerQuery } from '../ui/use-worker-query';
import { CaptureFields } from './capture-fields';
import { HostAccess, missingOrigins, requiredOrigins, useGrantedOrigins } from './host-access';
import { RedirectEntry } from './redirect-entry';
import { draftFromSettings, emptyRedirectDraft, settingsFromDraft, type FieldErrors, type SettingsDraft } from './settings-draft';
import { SettingsFile } from './settings-file';

type Status = { kind: 'saved' | 'error'; text: string };

/**
 * The settings page. Edits stay in a draft until Save; a draft SettingsSchema refuses is not
 * saved, and the saved settings stay as they were.
 */
export function OptionsPage() {
  const api = usePageApi();
  const loaded = useWorkerQuery('getSettings', {}, 'settingsChanged');
  const [saved, setSaved] = useState<Settings>();
  const [draft, setDraft] = useState<SettingsDraft>();
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<Status>();
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const origins = saved ? requiredOrigins(saved) : [];
  const granted = useGrantedOrigins(origins);

  useEffect(() => {
    // Settings saved elsewhere (another tab, an import) replace the form unless it has unsaved edits.
    if (!loaded.value) return;
    setSaved(loaded.value.settings);
    if (!dirty) setDraft(draftFromSettings(loaded.value.settings));
    // `dirty` is read, not watched: finishing an edit must not reset the form.
  }, [loaded.value]);

  useLayoutEffect(() => {
    // After a refused save, take the keyboard to the first field that needs fixing.
    if (Object.keys(errors).length > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  if (!draft || !saved) {
    return (
      <main class="options">
        <h1>Consent Lens settings</h1>
        {loaded.error ? <Banner kind="error">{loaded.error}</Banner> : <p role="status">Loading settings…</p>}
      </main>
    );
  }

  const edit = (next: SettingsDraft, fixed: string[]) => {
    setDraft(next);
    setDirty(true);
    setStatus(undefined);
    if (fixed.some((field) => errors[field] !== undefined)) {
      setErrors(Object.fromEntries(Object.entries(errors).filter(([field]) => !fixed.includes(field))));
    }
  };

  const adopt = (settings: Settings) => {
    setSaved(settings);
    setDraft(draftFromSettings(settings));
    setDirty(false);
    setErrors({});
  };

  const save = (event: Event) => {
    event.preventDefault();
    const result = settingsFromDraft(draft, saved);
    if (!result.ok) {
      setErrors(result.errors);
      const count = Object.keys(result.errors).length;
      setStatus({ kind: 'error', text: `Nothing was saved: ${count === 1 ? 'one field needs' : `${count} fields need`} fixing.` });
      return;
    }
    // Asked before any await, while the click still counts as a user gesture. The browser only
    // prompts for what is not granted yet.
    const needed = requiredOrigins(result.settings);
    if (needed.length > 0) api.permissions.request(needed).catch(() => false);
    setSaving(true);
    api.connector.request('saveSettings', { settings: result.settings }).then(
      ({ settings }) => {
        setSaving(false);
        adopt(settings);
        setStatus({ kind: 'saved', text: 'Saved.' });
      },
      (error: unknown) => {
        setSaving(false);
        setStatus({ kind: 'error', text: `Not saved: ${messageOf(error)}` });
      },
    );
  };

  const watchAllSites = (on: boolean) => {
    if (on) api.permissions.request(['<all_urls>']).catch(() => false);
    edit({ ...draft, capture: { ...draft.capture, watchAllSites: on } }, []);
  };

  const errorCount = Object.keys(errors).length;
  return (
    <main class="options">
      <h1>Consent Lens settings</h1>
      {loaded.value?.problem && (
        <Banner kind="warning" title="Settings problem:">
          {loaded.value.problem}
        </Banner>
      )}
      {loaded.error && <Banner kind="error">{loaded.error}</Banner>}

      <form ref={formRef} onSubmit={save} noValidate aria-describedby="save-status">
        <section aria-labelledby="redirects-title">
          <h2 id="redirects-title">Redirect URIs</h2>
          <p class="intro">
            Consent Lens records the consent flows whose <code>redirect_uri</code> is one of these, compared character for character, and checks each against
            its provider’s rules.
          </p>
          {draft.redirectUris.length === 0 && <p class="muted none-yet">No redirect URI registered yet.</p>}
          {draft.redirectUris.map((entry, index) => (
            <RedirectEntry
              key={entry.key}
              entry={entry}
              index={index}
              errors={errors}
              onChange={(patch, fields) =>
                edit(
                  { ...draft, redirectUris: draft.redirectUris.map((other) => (other === entry ? { ...other, ...patch } : other)) },
                  fields.map((field) => `redirectUris.${index}.${field}`),
                )
              }
              onRemove={() => {
                // Errors are keyed by position, which removing shifts: they are shown again on the next save.
                setErrors({});
                edit({ ...draft, redirectUris: draft.redirectUris.filter((other) => other !== entry) }, []);
              }}
            />
          ))}
          <button type="button" onClick={() => edit({ ...draft, redirectUris: [...draft.redirectUris, emptyRedirectDraft()] }, [])}>
            + Add a redirect URI
          </button>
        </section>

        <section aria-labelledby="capture-title">
          <h2 id="capture-title">Capture</h2>
          <CaptureFields
            capture={draft.capture}
            errors={errors}
            onChange={(patch, fields) => edit({ ...draft, capture: { ...draft.capture, ...patch } }, fields)}
            onWatchAllSites={watchAllSites}
          />
        </section>

        <div class="save-bar">
          <button type="submit" class="primary" disabled={saving}>
            Save
          </button>
          <button type="button" disabled={!dirty || saving} onClick={() => adopt(saved)}>
            Discard changes
          </button>
          <span id="save-status" role="status" class={status?.kind === 'error' || errorCount > 0 ? 'field-error' : 'saved'}>
            {status?.text ?? (dirty ? 'Unsaved changes.' : '')}
          </span>
        </div>
      </form>

      <section aria-labelledby="access-title">
        <h2 id="access-title">Host access</h2>
        <p class="intro">The browser lets Consent Lens see navigations only on the sites you allow.</p>
        <HostAccess origins={origins} granted={granted} />
      </section>

      <section aria-labelledby="file-title">
        <h2 id="file-title">Import and export</h2>
        <SettingsFile
          saved={saved}
          missing={missingOrigins(origins, granted)}
          onImported={(settings) => {
            adopt(settings);
            setStatus(undefined);
          }}
        />
      </section>
    </main>
  );
}
