// One config, three targets: `vite build --mode chrome|firefox|cli`.
import { chmodSync } from 'node:fs';
import { resolve } from 'node:path';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import manifestJson from './manifest.json' with { type: 'json' };

type Browser = 'chrome' | 'firefox';

const BACKGROUND_ENTRY = 'src/background/index.ts';

/**
 * The shared manifest for one browser: the background entry it understands (Firefox MV3 has no
 * service worker) and without the other browser's key, which would show as an "unrecognized key" warning.
 */
function manifestFor(browser: Browser): ManifestV3Export {
  const { browser_specific_settings, minimum_chrome_version, ...common } = manifestJson;
  const perBrowser =
    browser === 'chrome'
      ? { minimum_chrome_version, background: { service_worker: BACKGROUND_ENTRY, type: 'module' } }
      : { browser_specific_settings, background: { scripts: [BACKGROUND_ENTRY], type: 'module' } };
  // The JSON import widens literal unions (e.g. data_collection_permissions), hence the cast.
  return { ...common, ...perBrowser } as ManifestV3Export;
}

function extensionConfig(browser: Browser): UserConfig {
  return {
    plugins: [crx({ manifest: manifestFor(browser), browser })],
    build: {
      outDir: `dist/${browser}`,
      emptyOutDir: true,
      reportCompressedSize: false,
    },
  };
}

/** Lets `./dist/cli/consent-lens.mjs` run directly, not only via `node` or the npm bin link. */
const makeExecutable: Plugin = {
  name: 'consent-lens:chmod-cli',
  apply: 'build',
  writeBundle(options, bundle) {
    for (const fileName of Object.keys(bundle)) chmodSync(resolve(options.dir ?? '', fileName), 0o755);
  },
};

const cliConfig: UserConfig = {
  publicDir: false,
  plugins: [makeExecutable],
  // Bundle every dependency so the file runs without node_modules; node builtins stay external.
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: 'src/cli/consent-lens.ts',
    target: 'node20',
    outDir: 'dist/cli',
    emptyOutDir: true,
    minify: false,
    reportCompressedSize: false,
    rolldownOptions: {
      output: {
        format: 'es',
        entryFileNames: 'consent-lens.mjs',
        banner: '#!/usr/bin/env node',
        codeSplitting: false,
      },
    },
  },
};

export default defineConfig(({ mode }) => {
  if (mode === 'chrome' || mode === 'firefox') return extensionConfig(mode);
  if (mode === 'cli') return cliConfig;
  throw new Error(`vite.config.ts: unknown --mode "${mode}" (expected chrome, firefox or cli)`);
});
