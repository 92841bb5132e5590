import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { watchedOrigins, type Settings } from '../core/index';
import { usePageApi } from '../ui/page-api';

/** The host access these settings need: every site when watching all, else the registered ones. */
export function requiredOrigins(settings: Settings): string[] {
  return settings.capture.watchAllSites ? ['<all_urls>'] : watchedOrigins(settings);
}

/** Which of `origins` the browser has granted, kept current as the user grants or removes access. */
export function useGrantedOrigins(origins: readonly string[]): Record<string, boolean> {
  const { permissions } = usePageApi();
  const [granted, setGranted] = useState<Record<string, boolean>>({});
  const key = origins.join(' ');
  useEffect(() => {
    let live = true;
    const check = () => {
      Promise.all(
        origins.map((origin) =>
          permissions.contains([origin]).then(
            (yes) => [origin, yes] as const,
            () => [origin, false] as const,
          ),
        ),
      ).then((entries) => {
        if (live) setGranted(Object.fromEntries(entries));
      });
    };
    check();
    const stop = permissions.onChange(check);
    return () => {
      live = false;
      stop();
    };
    // `key` stands for `origins`, whose identity changes on every render.
  }, [permissions, key]);
  return granted;
}

/** Granted and missing host access, with a button that asks for what is missing. */
export function HostAccess({ origins, granted }: { origins: readonly string[]; granted: Record<string, boolean> }) {
  const missing = missingOrigins(origins, granted);
  if (origins.length === 0) {
    return <p class="muted">No site to watch yet: register a redirect URI above, or turn on “Watch all sites”.</p>;
  }
  return (
    <>
      <ul class="origins">
        {origins.map((origin) => (
          <li key={origin} data-origin={origin} data-granted={String(granted[origin] === true)}>
            <span class={granted[origin] ? 'granted' : 'missing'}>{granted[origin] === undefined ? '…' : granted[origin] ? '✓ granted' : '✗ missing'}</span>{' '}
            <code>{origin === '<all_urls>' ? 'all sites (<all_urls>)' : origin}</code>
          </li>
        ))}
      </ul>
      {missing.length > 0 && (
        <GrantButton origins={missing} label="Grant access">
          Without it, Consent Lens cannot see flows on {missing.length === 1 ? 'this site' : 'these sites'}.
        </GrantButton>
      )}
    </>
  );
}

/** Those of `origins` the browser is known not to have granted (not those still being checked). */
export function missingOrigins(origins: readonly string[], granted: Record<string, boolean>): string[] {
  return origins.filter((origin) => granted[origin] === false);
}

/** A button asking the browser for `origins`, and what it answered when it refused. */
export function GrantButton({ origins, label, children }: { origins: readonly string[]; label: string; children: ComponentChildren }) {
  const { permissions } = usePageApi();
  const [refused, setRefused] = useState(false);
  const grant = () => {
    // Straight from the click: browsers only show the prompt during a user gesture.
    permissions.request([...origins]).then(
      (yes) => setRefused(!yes),
      () => setRefused(true),
    );
  };
  return (
    <>
      <p class="grant">
        <button type="button" class="primary" onClick={grant}>
          {label}
        </button>{' '}
        <span class="muted">{children}</span>
      </p>
      {refused && <p class="field-error">The browser did not grant access. You can try again, or allow it in the extension’s site access settings.</p>}
    </>
  );
}
