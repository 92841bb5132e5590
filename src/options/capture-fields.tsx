import { Field } from './field';
import type { CaptureDraft, FieldErrors } from './settings-draft';

interface CaptureFieldsProps {
  capture: CaptureDraft;
  errors: FieldErrors;
  onChange: (patch: Partial<CaptureDraft>, fields: string[]) => void;
  /** Called from the checkbox's own change event: the user gesture a permission request needs. */
  onWatchAllSites: (on: boolean) => void;
}

/** What Consent Lens keeps, for how long, and where it looks. */
export function CaptureFields({ capture, errors, onChange, onWatchAllSites }: CaptureFieldsProps) {
  return (
    <fieldset class="capture">
      <legend>Capture</legend>
      <label class="check">
        <input
          type="checkbox"
          id="keep-history"
          checked={capture.keepHistory}
          aria-describedby="keep-history-hint"
          onChange={(event) => onChange({ keepHistory: event.currentTarget.checked }, [])}
        />
        Keep history across browser restarts
      </label>
      <span class="hint check-hint" id="keep-history-hint">
        Off: flows live in memory only and are gone when the browser closes. On: they are also saved on disk, with codes, tokens and other secrets redacted.
      </span>
      <div class="row">
        <Field
          id="max-flows"
          label="Most flows kept"
          kind="number"
          value={capture.maxFlows}
          error={errors['capture.maxFlows']}
          hint="1 to 1000; the oldest go first."
          onInput={(value) => onChange({ maxFlows: value }, ['capture.maxFlows'])}
        />
        <Field
          id="max-age"
          label="Forget flows after (hours)"
          kind="number"
          value={capture.maxAgeHours}
          error={errors['capture.maxAgeHours']}
          hint="1 to 720."
          onInput={(value) => onChange({ maxAgeHours: value }, ['capture.maxAgeHours'])}
        />
      </div>
      <label class="check">
        <input
          type="checkbox"
          id="watch-all"
          checked={capture.watchAllSites}
          aria-describedby="watch-all-hint"
          onChange={(event) => onWatchAllSites(event.currentTarget.checked)}
        />
        Watch all sites
      </label>
      <span class="hint check-hint" id="watch-all-hint">
        Records a consent flow on any site, not only your registered redirect URIs. The browser asks you to allow access to all sites; Consent Lens still sends
        nothing anywhere.
      </span>
    </fieldset>
  );
}
