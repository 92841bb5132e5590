import { useState } from 'preact/hooks';
import { SettingsSchema, type Settings } from '../core/index';
import { toSettingsExport, unwrapSettingsExport } from '../core/settings/settings-export';
import { messageOf } from '../ui/connector';
import { usePageApi } from '../ui/page-api';
import { GrantButton } from './host-access';
import { importProblems } from './settings-draft';

/**
 * Settings to and from a JSON file. An import is saved whole or not at all, and only from a
 * settings file: anything else is refused before it can replace the settings.
 */
export function SettingsFile({ saved, missing, onImported }: { saved: Settings; missing: readonly string[]; onImported: (settings: Settings) => void }) {
  const { connector, downloadFile } = usePageApi();
  const [problems, setProblems] = useState<string[]>([]);
  const [done, setDone] = useState<string>();

  const importFile = async (file: File) => {
    setDone(undefined);
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch (error) {
      setProblems([`${file.name} is not JSON: ${messageOf(error)}`]);
      return;
    }
    const unwrapped = unwrapSettingsExport(json);
    if (!unwrapped.ok) {
      setProblems([`${file.name} is not a Consent Lens settings file: ${unwrapped.reason}. Export one with “Export settings”.`]);
      return;
    }
    const parsed = SettingsSchema.safeParse(unwrapped.settings);
    if (!parsed.success) {
      setProblems(importProblems(parsed.error));
      return;
    }
    try {
      const { settings } = await connector.request('saveSettings', { settings: parsed.data });
      setProblems([]);
      setDone(`Imported ${file.name} and saved it.`);
      onImported(settings);
    } catch (error) {
      setProblems([messageOf(error)]);
    }
  };

  return (
    <div class="settings-file">
      <p class="row-actions">
        <button type="button" onClick={() => downloadFile('consent-lens-settings.json', `${JSON.stringify(toSettingsExport(saved), null, 2)}\n`)}>
          Export settings
        </button>
        <label class="file-button">
          Import settings…
          <input
            type="file"
            accept=".json,application/json"
            onChange={(event) => {
              const input = event.currentTarget;
              const file = input.files?.[0];
              input.value = ''; // the same file can be chosen again after fixing it
              if (file) void importFile(file);
            }}
          />
        </label>
      </p>
      {problems.length > 0 && (
        <div class="banner banner-error" role="alert">
          <strong>Not imported; nothing was saved.</strong>
          <ul class="problems">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      {done && (
        <p class="saved" role="status">
          {done}
        </p>
      )}
      {/* The file was read after the picker closed: too late for a permission prompt, which
          Firefox only shows from a click. So the import asks with a button, as Save asks on its click. */}
      {done && missing.length > 0 && (
        <GrantButton origins={missing} label="Allow access to them">
          The imported settings watch {missing.length === 1 ? 'a site' : `${missing.length} sites`} Consent Lens cannot see yet.
        </GrantButton>
      )}
    </div>
  );
}
