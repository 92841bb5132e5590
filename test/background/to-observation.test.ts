import { describe, expect, it } from 'vitest';
import {
  completedObservation,
  errorObservation,
  navigationObservation,
  openedObservation,
  redirectObservation,
  requestObservation,
} from '../../src/background/to-observation';
import { ObservationSchema } from '../../src/core/observation/observation-schema';

const base = { requestId: '42', url: 'https://as.example/authorize?x=1', method: 'GET', tabId: 3, timeStamp: 1700000000123.5, frameId: 0, type: 'main_frame' };

describe('browser event details to observations', () => {
  it.each([
    ['onBeforeRequest', requestObservation(base), { kind: 'request', tabId: 3, time: 1700000000123.5, url: base.url, method: 'GET', requestId: '42' }],
    [
      'onBeforeRequest with form fields, several values per name, in order',
      requestObservation({ ...base, method: 'POST', requestBody: { formData: { code: ['c1'], scope: ['a', 'b'] } } }),
      {
        kind: 'request',
        method: 'POST',
        formData: [
          ['code', 'c1'],
          ['scope', 'a'],
          ['scope', 'b'],
        ],
      },
    ],
    [
      'onBeforeRequest with a single string value (as some type definitions claim)',
      requestObservation({ ...base, method: 'POST', requestBody: { formData: { code: 'c1' } } }),
      { formData: [['code', 'c1']] },
    ],
    [
      'onBeforeRequest with a body that is not a form',
      requestObservation({ ...base, method: 'POST', requestBody: { error: 'Unknown error' } }),
      { method: 'POST' },
    ],
    [
      'onBeforeRedirect: status and Location',
      redirectObservation({ ...base, statusCode: 302, redirectUrl: 'https://app.example/cb?code=1' }),
      { kind: 'response', status: 302, location: 'https://app.example/cb?code=1', method: 'GET', requestId: '42' },
    ],
    ['onCompleted: the final status', completedObservation({ ...base, statusCode: 200 }), { kind: 'response', status: 200 }],
    [
      'onErrorOccurred: status 0 and the error',
      errorObservation({ ...base, error: 'net::ERR_ABORTED' }),
      { kind: 'response', status: 0, error: 'net::ERR_ABORTED' },
    ],
    [
      'webNavigation.onCommitted: the URL with its fragment',
      navigationObservation({ tabId: 3, timeStamp: 5, url: 'https://app.example/cb#access_token=t' }),
      { kind: 'navigation', tabId: 3, time: 5, url: 'https://app.example/cb#access_token=t' },
    ],
    ['a top-level request: a document in the top frame', requestObservation(base), { destination: 'document' }],
    [
      'an iframe request: a frame document with its frame id',
      requestObservation({ ...base, frameId: 12, type: 'sub_frame' }),
      { destination: 'frame', frameId: 12 },
    ],
    ['an image request: a subresource', requestObservation({ ...base, type: 'image' }), { destination: 'subresource' }],
    ['an iframe navigation: its frame id', navigationObservation({ tabId: 3, timeStamp: 5, url: 'https://a/', frameId: 12 }), { frameId: 12 }],
    [
      'webNavigation.onCreatedNavigationTarget: the new tab and its opener',
      openedObservation({ sourceTabId: 3, tabId: 8, timeStamp: 5, url: 'about:blank' }),
      { kind: 'opened', tabId: 8, openerTabId: 3, time: 5 },
    ],
  ])('%s', (_, observation, expected) => {
    expect(observation).toMatchObject(expected);
    expect(ObservationSchema.safeParse(observation).success).toBe(true);
  });

  it('gives no form fields for a GET without a body', () => {
    expect(requestObservation(base)).not.toHaveProperty('formData');
  });

  it.each([
    ['a request outside any tab', requestObservation({ ...base, tabId: -1 })],
    ['a redirect outside any tab', redirectObservation({ ...base, tabId: -1, statusCode: 302, redirectUrl: 'x' })],
    ['a popup opened by no tab', openedObservation({ sourceTabId: -1, tabId: 8, timeStamp: 5, url: 'about:blank' })],
    ['a navigation without a finite time', navigationObservation({ tabId: 1, timeStamp: Number.NaN, url: 'https://a/' })],
  ])('gives nothing for %s', (_, observation) => {
    expect(observation).toBeUndefined();
  });
});
