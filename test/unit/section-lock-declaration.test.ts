import assert from 'node:assert/strict';
import { applicationHost, configFile, parse, scope, SECTION, webConfigs } from '../helpers/webconfig-snapshots';

/**
 * Which declaration of anonymousAuthentication decides the lock (only a <section> of that name
 * under system.webServer/security/authentication, the first such group holding one), what each
 * lock is called in a refusal, and the exact diagnostics <location> lock attributes give.
 */

const group = (name: string, inside: string) => `<sectionGroup name="${name}">${inside}</sectionGroup>`;
const path = (inside: string, top = 'system.webServer') =>
  group(top, group('security', group('authentication', inside)));
const section = (name: string, mode: string) => `<section name="${name}" overrideModeDefault="${mode}" />`;
const withSections = (sections: string, locations = '') =>
  applicationHost('undeclared', locations).replace(
    '<configuration>',
    `<configuration>\n<configSections>${sections}</configSections>`,
  );
const isUnlocked = (host: string) =>
  parse(host, webConfigs()).diagnostics.some((diagnostic) => diagnostic.code === 'anonymous-section-unlocked');

describe('section lock: which declaration decides', () => {
  const CASES: { name: string; sections: string; unlocked: boolean }[] = [
    { name: 'the declaration itself', sections: path(section('anonymousAuthentication', 'Allow')), unlocked: true },
    {
      name: 'another section declared before it in the group',
      sections: path(section('basicAuthentication', 'Allow') + section('anonymousAuthentication', 'Deny')),
      unlocked: false,
    },
    {
      name: 'a section of that name in another group, declared first',
      sections:
        path(section('anonymousAuthentication', 'Allow'), 'system.web') +
        path(section('anonymousAuthentication', 'Deny')),
      unlocked: false,
    },
    {
      name: 'a first system.webServer group without it',
      sections: group('system.webServer', group('security', '')) + path(section('anonymousAuthentication', 'Allow')),
      unlocked: true,
    },
  ];
  for (const { name, sections, unlocked } of CASES)
    it(`${name}: ${unlocked ? 'unlocked' : 'locked'}`, () => {
      assert.equal(isUnlocked(withSections(sections)), unlocked);
    });

  for (const [declaration, at] of [
    ['Deny', 'overrideModeDefault="Deny" (line 4)'],
    ['undeclared', 'the IIS default declaration (overrideModeDefault="Deny")'],
  ] as const)
    it(`a web.config refused by the ${declaration === 'Deny' ? 'declared' : 'default'} lock names it`, () => {
      const config = parse(applicationHost(declaration), webConfigs({ path: '/app', text: configFile(SECTION('')) }));
      const refusal = config.diagnostics.find((diagnostic) => diagnostic.code === 'webconfig-section-locked')!;
      assert.match(
        refusal.message,
        new RegExp(`where applicationHost\\.config locks the section \\(${at.replace(/[()]/g, '\\$&')}\\): `),
      );
    });
});

describe('section lock: <location> lock attributes', () => {
  const tag = (attributes: string, where = 'Blog/app') =>
    `<location path="${where}" ${attributes}>${SECTION('')}</location>\n`;
  const diagnostics = (locations: string) =>
    parse(applicationHost('Allow', locations), webConfigs())
      .diagnostics.filter((diagnostic) => diagnostic.code.startsWith('location-'))
      .map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.message, diagnostic.line]);

  it('overrideMode with allowOverride: a warning, overrideMode used', () => {
    assert.deepEqual(diagnostics(tag('overrideMode="Deny" allowOverride="true"')), [
      [
        'location-lock-ambiguous',
        'warning',
        `<location path="Blog/app"> writes both overrideMode and allowOverride, which .NET's configuration system refuses and IIS documents nowhere; overrideMode="Deny" is used`,
        16,
      ],
    ]);
  });

  it('allowOverride="true": read as Inherit, and said so', () => {
    assert.deepEqual(diagnostics(tag('allowOverride="true"')), [
      [
        'location-allow-override-true',
        'info',
        `<location path="Blog/app" allowOverride="true"> is read as overrideMode="Inherit", as .NET's configuration system defines it (IIS documents only allowOverride="false"); if IIS unlocks anonymousAuthentication there, web.config files could set another anonymous identity`,
        16,
      ],
    ]);
  });

  it('two tags for one path: a warning only when they disagree, the first used', () => {
    assert.deepEqual(diagnostics(tag('overrideMode="Deny"') + tag('allowOverride="false"')), []);
    assert.deepEqual(diagnostics(tag('overrideMode="Deny"') + tag('overrideMode="Allow"')), [
      [
        'location-lock-conflict',
        'warning',
        '<location path="Blog/app" overrideMode="Allow"> (line 17) contradicts <location path="Blog/app" overrideMode="Deny"> (line 16) for the same path; the first is used',
        17,
      ],
    ]);
  });

  it('overrideMode="Inherit" keeps the lock from above: web.config files at and above the path still count; under Deny only the root does', () => {
    const config = parse(applicationHost('Allow', tag('overrideMode="Inherit"')), webConfigs());
    assert.deepEqual(scope(config, '/app').webConfigGaps, [
      '/ (no web.config was collected there)',
      '/app (no web.config was collected there)',
    ]);
    const denied = parse(applicationHost('Allow', tag('overrideMode="Deny"')), webConfigs());
    assert.deepEqual(scope(denied, '/app').webConfigGaps, ['/ (no web.config was collected there)']);
  });
});

describe('location tags for no site', () => {
  it('each is a warning naming what it writes, an empty password as such', () => {
    const locations = [
      `<location path="Nope/app">${SECTION('userName="W\\x" password="" enabled="true" logonMethod="Network"')}</location>`,
      `<location path="Nope2">${SECTION('password="p"')}</location>`,
      '<location path="Nope3"><system.webServer /></location>',
    ].join('\n');
    const orphans = parse(applicationHost('Allow', locations), webConfigs())
      .diagnostics.filter((diagnostic) => diagnostic.code === 'orphan-location')
      .map((diagnostic) => [diagnostic.severity, diagnostic.message, diagnostic.line]);
    const apply = (path: string, written: string) =>
      `<location path="${path}"> names no site defined in <sites>; its settings${written} apply to nothing`;
    assert.deepEqual(orphans, [
      [
        'warning',
        apply(
          'Nope/app',
          ' (including anonymousAuthentication enabled="true", userName="W\\\\x", logonMethod="Network", an empty password)',
        ),
        16,
      ],
      ['warning', apply('Nope2', ' (including anonymousAuthentication a password)'), 17],
      ['warning', apply('Nope3', ''), 18],
    ]);
  });
});
