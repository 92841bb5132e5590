import { z } from '../zod';

/**
 * Recorded flows that retention dropped before the user forgot them: the oldest beyond "Most
 * flows kept", and the oldest that had to go for the rest to fit the browser's storage. Flows
 * older than "Forget flows after" are not counted: going then is what the user asked for.
 */
export const DroppedFlowsSchema = z.object({
  overLimit: z.number().int().min(0),
  overQuota: z.number().int().min(0),
});

/** What a page should tell the user about the stored flows; the worker sends it only when there is something to tell. */
export const StorageHealthSchema = z.object({
  /** Why the last save of the flows failed; they live on in the worker's memory until it stops. */
  problem: z.string().optional(),
  dropped: DroppedFlowsSchema,
});

export type DroppedFlows = z.infer<typeof DroppedFlowsSchema>;
export type StorageHealth = z.infer<typeof StorageHealthSchema>;

export function noneDropped(): DroppedFlows {
  return { overLimit: 0, overQuota: 0 };
}
