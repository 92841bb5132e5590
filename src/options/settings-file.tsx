import { useState } from 'preact/hooks';
import { SettingsSchema, type Settings } from '../core/index';
import { messageOf } from '../ui/connector';
import { usePageApi } from '../ui/page-api';
import { importProblems } from './settings-draft';

/** Settings to and from a JSON file. An import is saved whole or not at all. */
export function SettingsFile({ saved, onImported }: { saved: Settings; onImported: (settings: Settings) => void }) {
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
    const parsed = SettingsSchema.safeParse(json);
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
        <button type="button" onClick={() => downloadFile('consent-lens-settings.json', `${JSON.stringify(saved, null, 2)}\n`)}>
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
    </div>
  );
}
