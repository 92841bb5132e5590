import { createFlowState, FlowStateSchema } from '../flows/flow-schema';
import { SettingsSchema } from '../settings/settings-schema';
import type { StorageItem } from './storage-item';
import type { FlowState } from '../flows/flow-schema';
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
