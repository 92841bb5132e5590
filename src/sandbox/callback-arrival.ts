// What the demo app makes of each callback: shared by the app's routes and the pages that show it.
import type { ExchangeResult } from './oauth-client';
import type { PersonalityId } from './personalities';
import type { Scenario } from './scenarios';

/** What the app made of a callback. */
export interface Verdict {
  kind: 'connected' | 'revoked' | 'error' | 'rejected';
  message: string;
  /** The status the app answers with, when not 200 (or 400 for a rejected callback). */
  status?: number;
}

/** The code exchange a public client's page makes itself: what it posts to the token endpoint, and when. */
export interface BrowserExchange {
  tokenEndpoint: string;
  /** How long the page waits after the callback before it posts. */
  delayMs: number;
  /** One form per token request, in order. */
  forms: Array<Record<string, string>>;
}

/** One arrival at a callback, as the app saw it. */
export interface CallbackArrival {
  time: number;
  personality: PersonalityId;
  scenario?: Scenario;
  method: string;
  /** Where the parameters travelled: the URL's query, a POSTed form, or the fragment (read by the page's script). */
  carriedIn: 'query' | 'form' | 'fragment';
  url: string;
  params: Record<string, string>;
  /** The state the app sent, when it knows the flow. */
  sentState?: string;
  /** 1 for the first arrival of a flow, 2 for its replay. */
  arrival: number;
  /** 1 for the scenario's first flow, 2 for the one it starts after it (a second sign-in, a renewal). */
  round: number;
  verdict: Verdict;
  /** The status the app answers with: 200, 400 for a callback it cannot use, 403 when it refuses a valid one. */
  status: number;
  exchange?: ExchangeResult;
  /** Set when the page, not the app's server, exchanges the code. */
  browserExchange?: BrowserExchange;
}
