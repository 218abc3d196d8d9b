import fc from 'fast-check';

/**
 * Generated documents for every format, valid in shape but with values drawn from both the
 * accepted and the rejected side of each rule, so the parsers' value checks run as often as
 * their syntax checks. The fuzz suite mutates these as it mutates the fixture files.
 */

const lineEnd = fc.constantFrom('\r\n', '\n', '\r');

const sidText = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'S-1-1-0',
      'S-1-5-11',
      'S-1-5-32-544',
      'S-1-5-32-545',
      'S-1-5-17',
      'S-1-5-113',
      'S-1-5-114',
      'S-1-5-32-568',
      'S-1-5-20',
      'S-1-5-82-1-2-3-4-5',
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 15 }),
      )
      .map(([authority, rest]) => ['S', '1', authority, ...rest].join('-')),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'S-1-',
      'S-1-5-32-xyz',
      's-1-5-32-544',
      'S-1-5-21-4294967296-1',
      'S-1-0x000000000005-32-544',
      'S-2-5-11',
      '',
      ' S-1-5-11 ',
    ),
  },
);

const accountName = fc.oneof(
  fc.constantFrom(
    'IUSR',
    'WEB01\\anon',
    'CONTOSO\\svc-web',
    'Guest',
    'Everyone',
    'NT AUTHORITY\\NETWORK SERVICE',
    'IIS APPPOOL\\DefaultAppPool',
    'BUILTIN\\Users',
    'Web Admins',
    '__proto__',
    'constructor',
  ),
  fc.string({ unit: fc.constantFrom(...'abcXYZ019 -_.$@\\äÉжß漢"&<>\''.split('')), minLength: 0, maxLength: 20 }),
);

const rightName = fc.constantFrom(
  'SeNetworkLogonRight',
  'SeDenyNetworkLogonRight',
  'SeInteractiveLogonRight',
  'SeDenyInteractiveLogonRight',
  'SeBatchLogonRight',
  'SeDenyBatchLogonRight',
  'SeServiceLogonRight',
  'SeDenyServiceLogonRight',
  'SeRemoteInteractiveLogonRight',
  'SeDebugPrivilege',
  'senetworklogonright',
  'SeMadeUpRight',
  '__proto__',
  'toString',
);

const gpoId = fc.oneof(
  fc.constantFrom(
    '{31B2F340-016D-11D2-945F-00C04FB984F9}',
    '{7d2c4b9e-3f1a-4c6d-9e85-2b1f0a6c3d47}',
    'LocalGPO',
    'CN={31B2F340-016D-11D2-945F-00C04FB984F9},CN=Policies,CN=System,DC=contoso,DC=com',
  ),
  fc.constantFrom('', '{}', '{31B2F340-016D-11D2-945F}', 'not-a-guid', '__proto__'),
  fc.uuid().map((uuid) => `{${uuid.toUpperCase()}}`),
);

// ---------------------------------------------------------------------------------------------
// INF

const infHolder = fc.oneof(
  sidText.map((sid) => `*${sid}`),
  accountName,
  accountName.map((name) => `"${name.replaceAll('"', '""')}"`),
  fc.constantFrom('*', '""', '"a""b"', '"unbalanced', ' '),
);

const infLine = fc.oneof(
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(
        'Unicode',
        'Version',
        'Privilege Rights',
        'privilege rights',
        'System Access',
        'Registry Values',
        'Event Audit',
        '__proto__',
        ' Privilege Rights ',
        '',
      )
      .map((name) => `[${name}]`),
  },
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        rightName,
        fc.array(infHolder, { maxLength: 8 }),
        fc.constantFrom(' = ', '=', ' =', '= '),
        fc.constantFrom(',', ', ', ' ,'),
      )
      .map(([right, entries, equals, comma]) => `${right}${equals}${entries.join(comma)}`),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((text) => `; ${text}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      '   ',
      'Unicode=yes',
      'signature="$CHICAGO$"',
      'Revision=1',
      'MACHINE\\Software\\x=4,1',
      'no equals sign here',
      '\\',
    ),
  },
);

export const generatedInf: fc.Arbitrary<string> = fc
  .tuple(fc.boolean(), fc.array(infLine, { maxLength: 30 }), lineEnd)
  .map(([header, lines, end]) =>
    [...(header ? ['[Unicode]', 'Unicode=yes', '[Privilege Rights]'] : []), ...lines, ''].join(end),
  );

// ---------------------------------------------------------------------------------------------
// XML helpers

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;');
}

function escapeText(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
}

/** An attribute written or left out; values include ones the parsers must reject. */
function optionalAttribute(name: string, values: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .option(values, { nil: undefined })
    .map((value) => (value === undefined ? '' : ` ${name}="${escapeAttribute(value)}"`));
}

const urlPath = fc
  .array(fc.constantFrom('app', 'App', 'sub', 'img', 'a b', 'ü', '..', '.', ''), { maxLength: 4 })
  .map((segments) => `/${segments.join('/')}`);

// ---------------------------------------------------------------------------------------------
// applicationHost.config

const poolName = fc.constantFrom('DefaultAppPool', 'Intranet', 'intranet', 'Catalog', '', '__proto__');
const siteName = fc.constantFrom('Default Web Site', 'Intranet', 'intranet', 'Shop', 'Ωmega', '', '__proto__');

const processModel = fc
  .tuple(
    optionalAttribute(
      'identityType',
      fc.constantFrom(
        'ApplicationPoolIdentity',
        'SpecificUser',
        'NetworkService',
        'LocalSystem',
        'LocalService',
        'specificuser',
        '3',
        '4',
        '5',
        '999',
        'Nobody',
        '',
      ),
    ),
    optionalAttribute('userName', accountName),
    optionalAttribute('logonType', fc.constantFrom('LogonBatch', 'LogonService', '0', '1', '2', 'Batch')),
  )
  .map((attributes) => `<processModel${attributes.join('')} />`);

const pool = fc
  .tuple(poolName, fc.option(processModel, { nil: undefined }))
  .map(([name, model]) => `<add name="${escapeAttribute(name)}">${model ?? ''}</add>`);

const anonymousAuthentication = fc
  .tuple(
    optionalAttribute('enabled', fc.constantFrom('true', 'false', 'True', 'FALSE', 'yes', '')),
    optionalAttribute('userName', accountName),
    optionalAttribute('password', fc.constantFrom('', '[enc:AesProvider:abc=:enc]')),
    optionalAttribute(
      'logonMethod',
      fc.constantFrom('ClearText', 'Network', 'Batch', 'Interactive', '0', '3', '4', 'cleartext', 'Basic'),
    ),
  )
  .map(
    (attributes) =>
      `<system.webServer><security><authentication><anonymousAuthentication${attributes.join('')} /></authentication></security></system.webServer>`,
  );

const application = fc
  .tuple(urlPath, fc.option(poolName, { nil: undefined }), fc.array(urlPath, { maxLength: 3 }))
  .map(
    ([path, applicationPool, directories]) =>
      `<application path="${escapeAttribute(path)}"${applicationPool === undefined ? '' : ` applicationPool="${escapeAttribute(applicationPool)}"`}>${directories.map((directory) => `<virtualDirectory path="${escapeAttribute(directory)}" physicalPath="C:\\inetpub\\x" />`).join('')}</application>`,
  );

const site = fc
  .tuple(
    siteName,
    fc.nat({ max: 99 }),
    fc.array(application, { maxLength: 4 }),
    fc.option(poolName, { nil: undefined }),
  )
  .map(
    ([name, id, applications, defaultPool]) =>
      `<site name="${escapeAttribute(name)}" id="${id}">${defaultPool === undefined ? '' : `<applicationDefaults applicationPool="${escapeAttribute(defaultPool)}" />`}${applications.join('')}</site>`,
  );

const location = fc
  .tuple(
    siteName,
    urlPath,
    optionalAttribute('inheritInChildApplications', fc.constantFrom('true', 'false', 'maybe')),
    fc.array(anonymousAuthentication, { maxLength: 2 }),
  )
  .map(
    ([name, path, inherit, settings]) =>
      `<location path="${escapeAttribute(name === '' ? '' : `${name}${path === '/' ? '' : path}`)}"${inherit}>${settings.join('')}</location>`,
  );

export const generatedApplicationHost: fc.Arbitrary<string> = fc
  .tuple(
    fc.boolean(),
    fc.array(pool, { maxLength: 4 }),
    fc.option(processModel, { nil: undefined }),
    fc.array(site, { maxLength: 4 }),
    fc.option(anonymousAuthentication, { nil: undefined }),
    fc.array(location, { maxLength: 5 }),
    fc.constantFrom('Allow', 'Deny', 'allow'),
    lineEnd,
  )
  .map(([declaration, pools, defaults, sites, serverAnonymous, locations, overrideMode, end]) =>
    [
      ...(declaration ? ['<?xml version="1.0" encoding="UTF-8"?>'] : []),
      '<configuration>',
      `<configSections><sectionGroup name="system.webServer"><sectionGroup name="security"><sectionGroup name="authentication"><section name="anonymousAuthentication" overrideModeDefault="${overrideMode}" /></sectionGroup></sectionGroup></sectionGroup></configSections>`,
      '<system.applicationHost>',
      `<applicationPools>${pools.join(end)}${defaults === undefined ? '' : `<applicationPoolDefaults>${defaults}</applicationPoolDefaults>`}</applicationPools>`,
      `<sites>${sites.join(end)}</sites>`,
      '</system.applicationHost>',
      serverAnonymous ?? '',
      ...locations,
      '</configuration>',
      '',
    ].join(end),
  );

// ---------------------------------------------------------------------------------------------
// MetaBase.xml

const metabaseKey = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('IIsWebVirtualDir', 'IIsWebDirectory', 'IIsWebFile', 'IIsConfigObject'),
      fc.constantFrom('1', '2', '1864297', 'x'),
      urlPath,
      optionalAttribute('AnonymousUserName', accountName),
      optionalAttribute('AnonymousUserPass', fc.constantFrom('', '0000DEADBEEF')),
      optionalAttribute(
        'AuthFlags',
        fc.constantFrom(
          'AuthAnonymous',
          'AuthNTLM',
          'AuthAnonymous | AuthNTLM',
          'authbasic|AUTHMD5',
          '1',
          '5',
          '0x7',
          '4294967295',
          '4294967296',
          '0x1FFFFFFFF',
          'MD_AUTH_ANONYMOUS',
          'AuthBogus',
          '',
        ),
      ),
      optionalAttribute(
        'LogonMethod',
        fc.constantFrom('0', '1', '2', '3', '4', 'MD_LOGON_NETWORK', 'cleartext', '0x3', '-1', ''),
      ),
      optionalAttribute('AppPoolId', poolName),
    )
    .map(
      ([type, site, path, ...attributes]) =>
        `<${type} Location="/LM/W3SVC/${site}/ROOT${path === '/' ? '' : path}"${attributes.join('')}></${type}>`,
    ),
  fc
    .tuple(
      fc.constantFrom('1', '2', '1864297', 'x'),
      optionalAttribute('ServerComment', siteName),
      optionalAttribute('AuthFlags', fc.constantFrom('AuthAnonymous', '4', 'AuthNTLM')),
    )
    .map(([site, ...attributes]) => `<IIsWebServer Location="/LM/W3SVC/${site}"${attributes.join('')}></IIsWebServer>`),
  fc
    .tuple(
      poolName,
      optionalAttribute(
        'AppPoolIdentityType',
        fc.constantFrom('0', '1', '2', '3', '4', 'MD_APPPOOL_IDENTITY_TYPE_SPECIFICUSER', 'NetworkService', 'bogus'),
      ),
      optionalAttribute('WAMUserName', accountName),
    )
    .map(
      ([name, ...attributes]) =>
        `<IIsApplicationPool Location="/LM/W3SVC/AppPools/${escapeAttribute(name)}"${attributes.join('')}></IIsApplicationPool>`,
    ),
  fc
    .tuple(
      optionalAttribute('AnonymousUserName', accountName),
      optionalAttribute('IIs5IsolationModeEnabled', fc.constantFrom('TRUE', 'FALSE', '1', '0', 'maybe')),
      optionalAttribute('AnonymousPasswordSync', fc.constantFrom('TRUE', 'FALSE', 'x')),
      optionalAttribute('AppPoolId', poolName),
    )
    .map(
      (attributes) =>
        `<IIsWebService Location="/LM/W3SVC"${attributes.join('')}><Custom Name="AnonymousUserName" ID="6020" Value="x" /></IIsWebService>`,
    ),
  fc.constantFrom(
    '<IIS_Global Location="."></IIS_Global>',
    '<IIsComputer Location="/LM"></IIsComputer>',
    '<IIsFtpService Location="/LM/MSFTPSVC" AnonymousUserName="ftp"></IIsFtpService>',
    '<NoLocation Foo="bar"></NoLocation>',
    '<IIsWebServer Location=""></IIsWebServer>',
  ),
);

export const generatedMetabase: fc.Arbitrary<string> = fc
  .tuple(fc.array(metabaseKey, { maxLength: 12 }), lineEnd)
  .map(([keys, end]) =>
    [
      '<?xml version ="1.0"?>',
      '<configuration xmlns="urn:microsoft-catalog:XML_Metabase_V64_0">',
      '<MBProperty>',
      ...keys,
      '</MBProperty>',
      '</configuration>',
      '',
    ].join(end),
  );

// ---------------------------------------------------------------------------------------------
// Group Policy reports

const RSOP_NS = 'http://www.microsoft.com/GroupPolicy/Rsop';
const SETTINGS_NS = 'http://www.microsoft.com/GroupPolicy/Settings';
const TYPES_NS = 'http://www.microsoft.com/GroupPolicy/Types';
const SECURITY_NS = 'http://www.microsoft.com/GroupPolicy/Settings/Security';
const BASE_NS = 'http://www.microsoft.com/GroupPolicy/Settings/Base';

const member = fc
  .tuple(fc.option(sidText, { nil: undefined }), fc.option(accountName, { nil: undefined }))
  .map(
    ([sid, name]) =>
      `<q1:Member>${sid === undefined ? '' : `<SID xmlns="${TYPES_NS}">${escapeText(sid)}</SID>`}${name === undefined ? '' : `<Name xmlns="${TYPES_NS}">${escapeText(name)}</Name>`}</q1:Member>`,
  );

function userRightsAssignment(withGpo: boolean): fc.Arbitrary<string> {
  return fc
    .tuple(
      rightName,
      fc.array(member, { maxLength: 4 }),
      gpoId,
      fc.constantFrom('1', '2', '3', '0', '-1', '4294967296', 'x', ''),
    )
    .map(
      ([right, members, id, precedence]) =>
        `<q1:UserRightsAssignment><q1:Name>${escapeText(right)}</q1:Name>${members.join('')}${withGpo ? `<GPO xmlns="${BASE_NS}"><Identifier xmlns="${TYPES_NS}">${escapeText(id)}</Identifier></GPO><Precedence xmlns="${BASE_NS}">${precedence}</Precedence>` : ''}</q1:UserRightsAssignment>`,
    );
}

function extensionData(withGpo: boolean, namespace: string): fc.Arbitrary<string> {
  return fc
    .array(userRightsAssignment(withGpo), { maxLength: 6 })
    .map(
      (settings) =>
        `<ExtensionData><Extension xmlns:q1="${SECURITY_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="q1:SecuritySettings" xmlns="${namespace}">${settings.join('')}</Extension><Name>Security</Name></ExtensionData>`,
    );
}

const listedGpo = fc
  .tuple(gpoId, accountName)
  .map(
    ([id, name]) =>
      `<GPO><Name>${escapeText(name)}</Name><Path><Identifier xmlns="${TYPES_NS}">${escapeText(id)}</Identifier><Domain xmlns="${TYPES_NS}">contoso.com</Domain></Path></GPO>`,
  );

const rsopReport = fc
  .tuple(fc.array(listedGpo, { maxLength: 4 }), extensionData(true, SETTINGS_NS), fc.boolean(), lineEnd)
  .map(([gpos, data, userResults, end]) =>
    [
      '<?xml version="1.0" encoding="utf-16"?>',
      `<Rsop xmlns="${RSOP_NS}">`,
      '<ReadTime>2024-03-14T09:26:53Z</ReadTime>',
      `<ComputerResults>${gpos.join(end)}${data}</ComputerResults>`,
      userResults ? '<UserResults><Name>x</Name></UserResults>' : '',
      '</Rsop>',
      '',
    ].join(end),
  );

const gpoReport = fc
  .tuple(gpoId, accountName, fc.constantFrom('true', 'false', 'TRUE', ''), extensionData(false, SETTINGS_NS), lineEnd)
  .map(([id, name, enabled, data, end]) =>
    [
      '<?xml version="1.0" encoding="utf-8"?>',
      `<GPO xmlns="${SETTINGS_NS}">`,
      `<Identifier><Identifier xmlns="${TYPES_NS}">${escapeText(id)}</Identifier></Identifier>`,
      `<Name>${escapeText(name)}</Name>`,
      `<Computer><Enabled>${enabled}</Enabled>${data}</Computer>`,
      '</GPO>',
      '',
    ].join(end),
  );

export const generatedGroupPolicyXml: fc.Arbitrary<string> = fc.oneof(rsopReport, gpoReport);

// ---------------------------------------------------------------------------------------------
// JSON documents

const rsopEntry = fc.record(
  {
    right: fc.oneof(rightName, fc.constant<unknown>(''), fc.constant<unknown>(7)),
    accounts: fc.oneof(
      fc.array(
        fc.oneof(
          sidText.map((sid) => `*${sid}`),
          sidText,
          accountName,
        ),
        { maxLength: 5 },
      ),
      fc.constant(null),
      fc.constant<unknown>('S-1-1-0'),
    ),
    precedence: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.constantFrom<unknown>(0, -1, 1.5, 4294967296, '1', null)),
    gpoId: fc.oneof(gpoId, fc.constant<unknown>(null)),
    gpoName: fc.oneof(accountName, fc.constant<unknown>(null), fc.constant<unknown>(3)),
  },
  { requiredKeys: ['right', 'accounts', 'precedence', 'gpoId'] },
);

export const generatedRsopJson: fc.Arbitrary<unknown> = fc.array(rsopEntry, { maxLength: 8 });

const account = fc.record(
  {
    name: accountName,
    sid: sidText,
    kind: fc.constantFrom('local', 'domain', 'builtin', 'virtual', 'person'),
    groups: fc.array(sidText, { maxLength: 4 }),
  },
  { requiredKeys: ['name', 'sid', 'kind'] },
);

export const generatedAccountsJson: fc.Arbitrary<unknown> = fc.record(
  {
    accounts: fc.array(account, { maxLength: 6 }),
    unresolved: fc.array(
      fc.record({ name: accountName, reason: fc.string({ maxLength: 20 }) }, { requiredKeys: ['name'] }),
      { maxLength: 3 },
    ),
  },
  { requiredKeys: ['accounts'] },
);

export const generatedHostJson: fc.Arbitrary<unknown> = fc.record(
  {
    computerName: fc.constantFrom('WEB01', '', 'web-02'),
    domain: fc.constantFrom('CONTOSO', '', 'WORKGROUP'),
    domainJoined: fc.oneof(fc.boolean(), fc.constant<unknown>('yes')),
    osVersion: fc.constantFrom('10.0.17763', '5.2.3790', '6.1.7601', 'x'),
    iisVersion: fc.constantFrom('10.0', '6.0', '7.5'),
    collectedAt: fc.constant('2024-11-04T16:06:11Z'),
  },
  { requiredKeys: [] },
);

/** A whole facts document (schemas/facts.schema.json), as the module sends it on stdin. */
export const generatedFacts: fc.Arbitrary<{ origin: string; value: unknown }> = fc
  .record({
    iis: fc.oneof(
      generatedApplicationHost.map((text) => ({ 'applicationHost.config': text })),
      generatedMetabase.map((text) => ({ 'MetaBase.xml': text })),
    ),
    secedit: generatedInf,
    gpresult: fc.option(generatedGroupPolicyXml, { nil: undefined }),
    rsop: fc.option(generatedRsopJson, { nil: undefined }),
    accounts: fc.option(generatedAccountsJson, { nil: undefined }),
    host: fc.option(generatedHostJson, { nil: undefined }),
    name: fc.option(fc.constantFrom('WEB01', '', '__proto__'), { nil: undefined }),
  })
  .map(({ iis, secedit, gpresult, rsop, accounts, host, name }) => {
    const files: Record<string, unknown> = { 'secedit.inf': secedit, ...iis };
    if (gpresult !== undefined) files['gpresult.xml'] = gpresult;
    if (rsop !== undefined) files['rsop.json'] = rsop;
    if (accounts !== undefined) files['accounts.json'] = accounts;
    if (host !== undefined) files['host.json'] = JSON.stringify(host);
    return { origin: 'generated facts', value: { factsVersion: 1, ...(name === undefined ? {} : { name }), files } };
  });
