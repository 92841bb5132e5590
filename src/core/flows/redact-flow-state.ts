import { redactExchange, redactHop, redactParam, redactUrl } from '../report/redact';
import type { Flow, FlowState } from './flow-schema';

/**
 * A copy of the state fit for disk: every secret parameter value replaced (in URLs, Locations
 * and decoded parameters), and no tab cursors, which only mean something in this browser session.
 */
export function redactFlowState(state: FlowState): FlowState {
  return { ...state, flows: state.flows.map(redactFlow), tabs: {} };
}

function redactFlow(flow: Flow): Flow {
  return {
    ...flow,
    ...(flow.request && {
      request: { ...flow.request, url: redactUrl(flow.request.url), params: flow.request.params.map(redactParam) },
    }),
    hops: flow.hops.map(redactHop),
    ...(flow.landing && { landing: flow.landing.map(redactHop) }),
    ...(flow.exchanges && { exchanges: flow.exchanges.map(redactExchange) }),
    callbacks: flow.callbacks.map((callback) => ({
      ...callback,
      url: redactUrl(callback.url),
      params: callback.params.map(redactParam),
    })),
  };
}
