// @vitest-environment happy-dom
import { h } from 'preact';
import { cleanup, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Popup } from '../../src/popup/popup';
import type { StorageHealth } from '../../src/core/storage/storage-health';
import { CURRENT_TAB, fixtureReport } from '../fixtures/ui/flows';
import { fakePageApi } from '../fixtures/ui/fake-page-api';
import { renderWithApi } from '../fixtures/ui/render-page';

afterEach(cleanup);

async function openPopup(storage?: StorageHealth) {
  renderWithApi(
    fakePageApi({ report: fixtureReport(), tabId: CURRENT_TAB, settings: { capture: { maxFlows: 20 } }, ...(storage && { storage }) }),
    h(Popup, {}),
  );
  await waitFor(() => expect(screen.queryByText('Loading flows…')).toBeNull());
}

const alerts = () => screen.queryAllByRole('alert').map((alert) => alert.textContent);

describe('popup: what the worker could not keep', () => {
  it.each<[string, StorageHealth | undefined, string[]]>([
    ['nothing when every flow is kept', undefined, []],
    [
      'the flows beyond “Most flows kept”',
      { dropped: { overLimit: 3, overQuota: 0 } },
      ['3 older flows were dropped: 3 beyond the 20 kept (“Most flows kept” in Settings). Clear all resets this count.'],
    ],
    [
      'one flow dropped for a full storage',
      { dropped: { overLimit: 0, overQuota: 1 } },
      ['One older flow was dropped: 1 because the browser’s storage was full. Clear all resets this count.'],
    ],
    [
      'both reasons',
      { dropped: { overLimit: 2, overQuota: 5 } },
      [
        '7 older flows were dropped: 2 beyond the 20 kept (“Most flows kept” in Settings); 5 because the browser’s storage was full. Clear all resets this count.',
      ],
    ],
    [
      'a save that failed, as an error',
      {
        problem: 'The flows could not be saved (Session storage quota bytes exceeded.); they are kept only until the browser stops the extension’s worker.',
        dropped: { overLimit: 0, overQuota: 0 },
      },
      [
        'Storage problem: The flows could not be saved (Session storage quota bytes exceeded.); they are kept only until the browser stops the extension’s worker.',
      ],
    ],
  ])('shows %s', async (_, storage, shown) => {
    await openPopup(storage);
    expect(alerts()).toEqual(shown);
    // The flows are listed all the same.
    expect(document.querySelectorAll('[data-flow-id]').length).toBeGreaterThan(0);
  });
});
