import fc from 'fast-check';
import { accountName, escapeAttribute, lineEnd, optionalAttribute, urlPath } from './generators-common';

/** Generated applicationHost.config and MetaBase.xml documents, for generators.ts. */

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
