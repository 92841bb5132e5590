import { render } from 'preact';

function Popup() {
  return (
    <main class="popup">
      <h1>Consent Lens</h1>
      <section class="empty-state" aria-live="polite">
        <p class="empty-title">No consent flows recorded yet.</p>
        <p class="hint">Start a sign-in or “Connect your account” flow in a tab; its OAuth redirects will show up here.</p>
      </section>
    </main>
  );
}

const root = document.getElementById('app');
if (root) render(<Popup />, root);
