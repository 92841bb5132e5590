import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../src/core/index';
import { describeSandbox, manualInstructions } from '../../src/sandbox/demo-text';
import { sandboxRedirectUris, settingsForExtension } from '../../src/sandbox/sandbox-settings';

const issuers = { akoya: 'http://127.0.0.1:47101', akahu: 'http://127.0.0.1:47102', oidc: 'http://127.0.0.1:47103', spa: 'http://127.0.0.1:47104' };
const redirectUris = sandboxRedirectUris(47100);
const facts = {
  demoUrl: 'http://127.0.0.1:47100/',
  issuers,
  redirectUris,
  settingsForExtension: settingsForExtension(redirectUris, issuers),
  ports: { demo: 47100, akoya: 47101, akahu: 47102, oidc: 47103, spa: 47104 },
};

describe('describeSandbox', () => {
  const text = describeSandbox(facts);

  it('names the demo app and each issuer with its code lifetime', () => {
    expect(text).toMatch(/^ {2}Demo app +http:\/\/127\.0\.0\.1:47100\/$/m);
    expect(text).toMatch(/^ {2}Akoya +http:\/\/127\.0\.0\.1:47101 +codes live 300 s$/m);
    expect(text).toMatch(/^ {2}Akahu +http:\/\/127\.0\.0\.1:47102 +codes live 60 s$/m);
  });

  it("lists every redirect URI with its profile, and says why Akoya's loopback one is http", () => {
    for (const { uri, profile } of redirectUris) expect(text).toMatch(new RegExp(`^ {2}${uri.replace(/[.]/g, '\\.')} +${profile} `, 'm'));
    expect(text).toContain('requireHttpsRedirect is off');
  });

  it('prints the settings as one line of JSON the options page accepts', () => {
    const line = text.split('\n').find((candidate) => candidate.startsWith('{'))!;
    expect(SettingsSchema.parse(JSON.parse(line))).toEqual(facts.settingsForExtension);
  });
});

describe('manualInstructions', () => {
  const text = manualInstructions(facts, { chrome: '/repo/dist/chrome', firefox: '/repo/dist/firefox' }, 'No display.');

  it('starts with the reason and points at both builds', () => {
    expect(text).toMatch(/^No display\. /);
    expect(text).toContain('Load unpacked -> /repo/dist/chrome');
    expect(text).toContain('/repo/dist/firefox/manifest.json');
  });

  it('maps client.example.test and forwards all four ports', () => {
    expect(text).toContain('--host-resolver-rules="MAP client.example.test 127.0.0.1"');
    expect(text).toContain('ssh -L 47100:127.0.0.1:47100 -L 47101:127.0.0.1:47101 -L 47102:127.0.0.1:47102 -L 47103:127.0.0.1:47103 -L 47104:127.0.0.1:47104');
  });
});
