import type { Scenario } from '../../../src/sandbox/scenarios';
import type { Sandbox } from '../../../src/sandbox/start-sandbox';

/** The sandbox's scenario with this id ("oidc/clean"); a typo fails the test that asked. */
export function scenarioById(sandbox: Pick<Sandbox, 'scenarios'>, id: string): Scenario {
  const found = sandbox.scenarios.find((scenario) => scenario.id === id);
  if (!found) throw new Error(`no sandbox scenario ${id}; there are ${sandbox.scenarios.map((scenario) => scenario.id).join(', ')}`);
  return found;
}
