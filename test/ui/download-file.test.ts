// @vitest-environment happy-dom
import { afterEach, expect, it, vi } from 'vitest';
import { downloadFile } from '../../src/ui/download-file';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

it('downloads through a temporary object URL and anchor, then revokes the URL', async () => {
  vi.useFakeTimers();
  const blobs: Blob[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return 'blob:consent-lens/1';
  });
  const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  const clicked: HTMLAnchorElement[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push(this);
  });

  downloadFile('flows.json', '{"flows":[]}');

  expect(clicked.map((anchor) => [anchor.href, anchor.download])).toEqual([['blob:consent-lens/1', 'flows.json']]);
  expect(document.querySelector('a[download]')).toBeNull();
  expect(await blobs[0]?.text()).toBe('{"flows":[]}');
  expect(blobs[0]?.type).toBe('application/json');
  expect(revoke).not.toHaveBeenCalled();
  vi.runAllTimers();
  expect(revoke).toHaveBeenCalledWith('blob:consent-lens/1');
});
