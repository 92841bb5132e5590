import { createFlowState, FlowStateSchema } from '../flows/flow-schema';
import { ObservationSchema, type Observation } from '../observation/observation-schema';
import { SettingsSchema } from '../settings/settings-schema';
import { DroppedFlowsSchema, noneDropped, type DroppedFlows } from './storage-health';
import type { StorageItem } from './storage-item';
import type { FlowState } from '../flows/flow-schema';
import { z } from '../zod';
import type { Settings } from '../settings/settings-schema';

export const SETTINGS_ITEM: StorageItem<Settings> = {
  area: 'local',
  key: 'settings',
  version: 1,
  schema: SettingsSchema,
  defaultValue: () => SettingsSchema.parse({}),
};

/** Live flows with their codes and tokens: session storage, in memory and never on disk. */
export const FLOW_STATE_ITEM: StorageItem<FlowState> = {
  area: 'session',
  key: 'flow-state',
  version: 1,
  schema: FlowStateSchema,
  defaultValue: createFlowState,
};

/** Kept flows when the user opts in to history: on disk, so every secret in them is redacted. */
export const HISTORY_ITEM: StorageItem<FlowState> = {
  area: 'local',
  key: 'flow-history',
  version: 1,
  schema: FlowStateSchema,
  defaultValue: createFlowState,
};

/** How many flows retention dropped this browser session (see DroppedFlowsSchema); written with the flow state. */
export const DROPPED_FLOWS_ITEM: StorageItem<DroppedFlows> = {
  area: 'session',
  key: 'dropped-flows',
  version: 1,
  schema: DroppedFlowsSchema,
  defaultValue: noneDropped,
};

/**
 * Observations the worker holds (the buffer waits for events to settle) or has folded into a
 * state not saved yet: a worker stopped meanwhile replays them on its next start. Written in
 * the same storage.session.set call as the flow state that takes them in, so none is lost or
 * folded in twice.
 */
export const JOURNAL_ITEM: StorageItem<Observation[]> = {
  area: 'session',
  key: 'observation-journal',
  version: 1,
  schema: z.array(ObservationSchema),
  defaultValue: () => [],
};
