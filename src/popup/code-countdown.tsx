import type { FlowReport } from '../core/index';
import { clockTime, countdownText, EXCHANGE_NOT_VISIBLE, exchangeSummary, lifetimeText } from './format';
import { useNow } from './use-now';

/**
 * How long the flow's code can still be redeemed, by its profile's lifetime; once the page has
 * posted it to the token endpoint, how long that took instead.
 */
export function CodeCountdown({ flow }: { flow: FlowReport }) {
  const expiresAt = flow.codeExpiresAt;
  const exchanged = exchangeSummary(flow);
  const now = useNow(1000, exchanged === undefined && expiresAt !== undefined && Date.now() < expiresAt);
  if (expiresAt === undefined) return null;
  if (exchanged !== undefined)
    return (
      <p class="countdown exchanged" data-countdown="exchanged" data-expires-at={String(expiresAt)}>
        Code {exchanged}
      </p>
    );
  const expired = now >= expiresAt;
  const lifetime = `${lifetimeText(flow.profile.values.codeLifetimeSeconds)} (${flow.profile.name})`;
  return (
    <p
      class={`countdown ${expired ? 'expired' : 'running'}`}
      data-countdown={expired ? 'expired' : 'running'}
      data-expires-at={String(expiresAt)}
      title={`The code expires at ${new Date(expiresAt).toISOString()}`}
    >
      {expired ? (
        <>
          Code <strong>expired</strong> at {clockTime(expiresAt)} · lifetime {lifetime}
        </>
      ) : (
        <>
          Code expires in{' '}
          <strong class="countdown-clock" role="timer" aria-label={`${countdownText(expiresAt - now)} left`}>
            {countdownText(expiresAt - now)}
          </strong>{' '}
          · lifetime {lifetime}
          <span class="muted exchange-note"> · {EXCHANGE_NOT_VISIBLE}</span>
        </>
      )}
    </p>
  );
}
