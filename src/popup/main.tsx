import { render } from 'preact';
import { browserPageApi } from '../ui/browser-page-api';
import { PageApiContext } from '../ui/page-api';
import { Popup } from './popup';

const root = document.getElementById('app');
if (root) {
  render(
    <PageApiContext.Provider value={browserPageApi()}>
      <Popup />
    </PageApiContext.Provider>,
    root,
  );
}
