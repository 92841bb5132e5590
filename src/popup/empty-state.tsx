import type { Settings } from '../core/index';
import { usePageApi } from '../ui/page-api';
import { plural } from './format';

/** What a new user needs: Consent Lens only sees the redirect URIs they register. */
export function EmptyState({ settings }: { settings: Settings | undefined }) {
  const { openOptionsPage } = usePageApi();
  const registered = settings?.redirectUris ?? [];
  const watching = registered.length > 0 || settings?.capture.watchAllSites === true;
  return (
    <section class="empty-state" aria-labelledby="empty-title">
      <h2 id="empty-title">No consent flows recorded yet</h2>
      {watching ? (
        <p>
          {settings?.capture.watchAllSites ? 'Watching every site. ' : `Watching ${plural(registered.length, 'redirect URI')}. `}
          Start a sign-in or “connect your account” flow in a tab: each redirect shows up here as it happens.
        </p>
      ) : (
        <ol class="steps">
          <li>Open the settings and register the exact redirect URI your app sends, e.g. https://app.example.com/callback.</li>
          <li>Pick its provider (Akoya, Akahu, OP, generic OAuth 2.0 or OpenID Connect), or let Consent Lens detect it.</li>
          <li>Grant access to that site when the browser asks, then start the consent flow in a tab.</li>
        </ol>
      )}
      <button type="button" class="primary" onClick={() => void openOptionsPage().catch(() => {})}>
        {watching ? 'Open settings' : 'Register a redirect URI'}
      </button>
    </section>
  );
}
