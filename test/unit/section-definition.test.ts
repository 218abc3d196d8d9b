import assert from 'node:assert/strict';
import type { Diagnostic } from '../../src/core/model';
import { readApplicationHostStreamed } from '../../src/parse/applicationhost/streamed';
import { applicationHost, configFile, parse, SECTION, webConfigs } from '../helpers/webconfig-snapshots';

/**
 * The section's declaration (allowDefinition, allowLocation) against what applicationHost.config
 * and the web.config files set: the exact warning each conflict gives, where it points, and the
 * cases that give none. webconfig-locks.test.ts shows which settings apply; this pins the words.
 */

const DECLARATION_LINE = 4;
const declared = (attributes: string, host = applicationHost('Allow')) =>
  host.replace('overrideModeDefault="Allow"', `overrideModeDefault="Allow" ${attributes}`);
const withoutServerSection = (host: string) => host.replace(SECTION('userName="CONTOSO\\server"'), '');
const location = (path: string, body: string) => `<location path="${path}">${body}</location>`;
const withLocations = (host: string, ...tags: string[]) =>
  host.replace('</configuration>', `${tags.map((tag) => `${tag}\n`).join('')}</configuration>`);
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

function hostWarnings(host: string): Diagnostic[] {
  return parse(host, webConfigs()).diagnostics.filter(
    (diagnostic) => diagnostic.code === 'anonymous-section-not-allowed',
  );
}

const SETTINGS_READ = 'IIS may refuse those settings (HTTP 500.19 where they apply); they are read as written';

describe('the declaration against applicationHost.config itself', () => {
  const outside = (only: string, value: string) =>
    `applicationHost.config sets anonymousAuthentication though its declaration allows the section only in ${only} (allowDefinition="${value}" (line ${DECLARATION_LINE})): ${SETTINGS_READ}`;
  const CASES: { name: string; host: () => string; messages: string[] }[] = [
    {
      name: 'MachineOnly, set at the server level',
      host: () => declared('allowDefinition="MachineOnly"'),
      messages: [outside('machine.config', 'MachineOnly')],
    },
    {
      name: 'MachineToWebRoot, set at the server level',
      host: () => declared('allowDefinition="MachineToWebRoot"'),
      messages: [outside('machine.config and the root web.config of .NET', 'MachineToWebRoot')],
    },
    {
      name: 'MachineOnly, spelled in another case with spaces around it',
      host: () => declared('allowDefinition=" machineONLY "'),
      messages: [outside('machine.config', 'MachineOnly')],
    },
    {
      name: 'MachineOnly, set only in a site location tag',
      host: () =>
        withLocations(
          withoutServerSection(declared('allowDefinition="MachineOnly"')),
          location('Blog/app', SECTION('userName="WEB\\loc"')),
        ),
      messages: [outside('machine.config', 'MachineOnly')],
    },
    {
      name: 'MachineOnly, declared in the second <configSections>',
      host: () =>
        declared('allowDefinition="MachineOnly"').replace('<configuration>', '<configuration><configSections />'),
      messages: [outside('machine.config', 'MachineOnly')],
    },
    {
      name: 'MachineOnly, the section set nowhere: nothing to say',
      host: () => withoutServerSection(declared('allowDefinition="MachineOnly"')),
      messages: [],
    },
    {
      name: 'AppHostOnly allows applicationHost.config, its location tags included',
      host: () =>
        withLocations(declared('allowDefinition="AppHostOnly"'), location('Blog/app', SECTION('userName="WEB\\loc"'))),
      messages: [],
    },
  ];
  for (const { name, host, messages } of CASES)
    it(name, () => {
      const warnings = hostWarnings(host());
      assert.deepEqual(
        warnings.map((warning) => warning.message),
        messages,
      );
      for (const warning of warnings)
        assert.deepEqual([warning.severity, warning.file, warning.line], ['warning', 'applicationHost.config', 4]);
    });

  it('allowLocation="false": names the location tags that set the section, not the others', () => {
    const host = withLocations(
      declared('allowLocation="false"'),
      location('Blog/app', SECTION('userName="WEB\\app"')),
      location('Blog', '<system.webServer><defaultDocument /></system.webServer>'),
      location('Blog/app/x', SECTION('userName="WEB\\x"')),
    );
    const app = lineOf(host, '<location path="Blog/app">');
    const x = lineOf(host, '<location path="Blog/app/x">');
    const warnings = hostWarnings(host);
    assert.deepEqual(
      warnings.map((warning) => [warning.message, warning.severity, warning.file, warning.line]),
      [
        [
          `applicationHost.config sets anonymousAuthentication in <location> tags (line ${app}, ${x}) though its declaration keeps the section out of them (allowLocation="false" (line ${DECLARATION_LINE})): IIS may refuse those tags (HTTP 500.19 where they apply); they are read as written`,
          'warning',
          'applicationHost.config',
          DECLARATION_LINE,
        ],
      ],
    );
  });
  it('allowLocation="false": of several tags for one path, names only those that set the section', () => {
    const host = withLocations(
      declared('allowLocation="false"'),
      location('Blog/app', '<system.webServer><defaultDocument /></system.webServer>'),
      location('Blog/app', SECTION('userName="WEB\\app"')),
      location('Blog/x', SECTION('userName="WEB\\x1"')),
      location('Blog/app', '<system.webServer><defaultDocument /></system.webServer>'),
      location('Blog/x', SECTION('userName="WEB\\x2"')),
    );
    const lines = host.split('\n');
    const tagLines = (path: string, setting: boolean) =>
      lines.flatMap((text, index) =>
        text.startsWith(`<location path="${path}">`) && text.includes('anonymousAuthentication') === setting
          ? [index + 1]
          : [],
      );
    const [app] = tagLines('Blog/app', true);
    const [x1, x2] = tagLines('Blog/x', true);
    assert.equal(tagLines('Blog/app', false).length, 2);
    // The streamed reading and the element tree share the location reader; both must say the same.
    const declined = host.replace('<configuration>', '<configuration><location path="Blog" />');
    const streams = (text: string) => readApplicationHostStreamed(text, { file: 'a', diagnostics: [] }) !== undefined;
    assert.deepEqual([streams(host), streams(declined)], [true, false]);
    for (const text of [host, declined])
      assert.deepEqual(
        hostWarnings(text).map((warning) => warning.message),
        [
          `applicationHost.config sets anonymousAuthentication in <location> tags (line ${app}, ${x1}, ${x2}) though its declaration keeps the section out of them (allowLocation="false" (line ${DECLARATION_LINE})): IIS may refuse those tags (HTTP 500.19 where they apply); they are read as written`,
        ],
      );
  });
});

describe('the declaration against a web.config', () => {
  const refusal = (file: string, where: string, because: string) =>
    `web.config "D:\\w${file}\\web.config" (site "Blog" path ${file}) sets anonymousAuthentication (userName="WEB\\\\a", line 3) for ${where}, but the section's declaration ${because}: IIS refuses that web.config with HTTP 500.19 for ${where} and every path below it. No logon right fixes that; set the anonymous identity where the declaration allows it, or change the declaration. The anonymous identity there is judged from the configuration IIS accepts above it.`;
  const AT = `(line ${DECLARATION_LINE})`;
  const TOP = configFile(SECTION('userName="WEB\\a"'));
  const IN_LOCATION = configFile(location('app', SECTION('userName="WEB\\a"')));
  const CASES: { attributes: string; path: string; text: string; where: string; because: string }[] = [
    {
      attributes: 'allowDefinition="MachineOnly"',
      path: '/app',
      text: TOP,
      where: '/app',
      because: `allows it only in machine.config (allowDefinition="MachineOnly" ${AT})`,
    },
    {
      attributes: 'allowDefinition="MachineToWebRoot"',
      path: '/app',
      text: TOP,
      where: '/app',
      because: `allows it only in machine.config and the root web.config of .NET (allowDefinition="MachineToWebRoot" ${AT})`,
    },
    {
      attributes: 'allowDefinition="AppHostOnly"',
      path: '/app',
      text: TOP,
      where: '/app',
      because: `allows it only in applicationHost.config (allowDefinition="AppHostOnly" ${AT})`,
    },
    {
      attributes: 'allowDefinition="MachineToApplication"',
      path: '/docs',
      text: TOP,
      where: '/docs',
      because: `allows it only up to the web.config at an application's root (allowDefinition="MachineToApplication" ${AT}), and /docs is not the root of an application`,
    },
    {
      attributes: 'allowLocation="false"',
      path: '/',
      text: IN_LOCATION,
      where: '/app',
      because: `keeps it out of <location> tags (allowLocation="false" ${AT})`,
    },
    {
      attributes: 'allowDefinition="MachineToApplication" allowLocation="false"',
      path: '/',
      text: IN_LOCATION,
      where: '/app',
      because: `keeps it out of <location> tags (allowLocation="false" ${AT})`,
    },
  ];
  for (const { attributes, path, text, where, because } of CASES)
    it(`${attributes}: a web.config at ${path} setting the section for ${where}`, () => {
      const config = parse(declared(attributes), webConfigs({ path, text }));
      const refusals = config.diagnostics.filter((diagnostic) => diagnostic.code === 'webconfig-section-not-allowed');
      assert.deepEqual(
        refusals.map((diagnostic) => [diagnostic.message, diagnostic.severity, diagnostic.file]),
        [[refusal(path, where, because), 'warning', 'webconfigs.json']],
      );
    });

  it('Everywhere, the default, and allowLocation="true" refuse nothing', () => {
    for (const attributes of ['allowDefinition="Everywhere"', 'allowLocation="true"', ''])
      for (const text of [TOP, IN_LOCATION]) {
        const config = parse(declared(attributes), webConfigs({ path: '/docs', text }));
        assert.deepEqual(
          config.diagnostics.filter((diagnostic) => diagnostic.code === 'webconfig-section-not-allowed'),
          [],
          `${attributes} ${text}`,
        );
      }
  });
});
