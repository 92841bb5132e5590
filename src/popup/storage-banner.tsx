import type { StorageHealth } from '../core/storage/storage-health';
import { Banner } from '../ui/banner';

/** What the worker could not keep: a failed save, and the flows retention dropped before their time. */
export function StorageBanner({ health, maxFlows }: { health: StorageHealth; maxFlows: number | undefined }) {
  const { problem, dropped } = health;
  const total = dropped.overLimit + dropped.overQuota;
  const reasons = [
    dropped.overLimit > 0 && `${dropped.overLimit} beyond the ${maxFlows ?? 'most'} kept (“Most flows kept” in Settings)`,
    dropped.overQuota > 0 && `${dropped.overQuota} because the browser’s storage was full`,
  ].filter((reason) => reason !== false);
  return (
    <>
      {problem && (
        <Banner kind="error" title="Storage problem:">
          {problem}
        </Banner>
      )}
      {total > 0 && (
        <Banner kind="warning" title={`${total === 1 ? 'One older flow was' : `${total} older flows were`} dropped:`}>
          {reasons.join('; ')}. Clear all resets this count.
        </Banner>
      )}
    </>
  );
}
