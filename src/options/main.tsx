import { render } from 'preact';
import { browserPageApi } from '../ui/browser-page-api';
import { PageApiContext } from '../ui/page-api';
import { OptionsPage } from './options';

const root = document.getElementById('app');
if (root) {
  render(
    <PageApiContext.Provider value={browserPageApi()}>
      <OptionsPage />
    </PageApiContext.Provider>,
    root,
  );
}
