import type { Severity } from '../core/index';

/** Icon and word together: severity is never told by colour alone. */
export const SEVERITY_ICONS: Record<Severity, string> = { error: '✖', warning: '▲', info: 'ℹ' };

export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];
