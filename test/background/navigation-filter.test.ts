import { describe, expect, it } from 'vitest';
import { navigationFilter } from '../../src/background/navigation-filter';
import { createFlowState } from '../../src/core/flows/flow-schema';
import { SettingsSchema, type SettingsInput } from '../../src/core/settings/settings-schema';
import { goodCallback, goodRequest, ingestAll, observationsOf } from '../support/scenario';

const empty = createFlowState();
const withFlow = ingestAll(observationsOf({ request: goodRequest({ redirect_uri: 'https://spa.example.org/cb' }) }));

describe('navigationFilter', () => {
  it.each<[string, SettingsInput, string[], typeof empty, string, boolean]>([
    ['nothing watched', {}, [], empty, 'https://app.example.com/callback', false],
    ["a registered redirect URI's site", { redirectUris: [{ uri: 'https://app.example.com/callback' }] }, [], empty, 'https://app.example.com/other?x', true],
    [
      'a registered authorization server',
      { redirectUris: [{ uri: 'https://app.example.com/cb', authorizationServers: ['https://as.example.com'] }] },
      [],
      empty,
      'https://as.example.com/authorize',
      true,
    ],
    ['a granted origin', {}, ['https://as.example.com/*'], empty, 'https://as.example.com/authorize', true],
    ["a recorded flow's authorization server", {}, [], withFlow, 'https://as.example.com/x', true],
    ["a recorded flow's redirect URI", {}, [], withFlow, 'https://spa.example.org/cb#code=1', true],
    ['another site next to recorded flows', {}, [], withFlow, 'https://news.example.net/', false],
    ['any site when watching all', { capture: { watchAllSites: true } }, [], empty, 'https://news.example.net/', true],
  ])('%s', (_, settings, granted, state, url, expected) => {
    expect(navigationFilter(SettingsSchema.parse(settings), granted)(url, state)).toBe(expected);
  });

  it('sees a flow that started after the filter was made', () => {
    const filter = navigationFilter(SettingsSchema.parse({}), []);
    const state = createFlowState();
    expect(filter(goodCallback(), state)).toBe(false);
    state.flows.push(...withFlow.flows);
    state.nextSeq = withFlow.nextSeq;
    expect(filter('https://spa.example.org/cb?code=1', state)).toBe(true);
  });
});
