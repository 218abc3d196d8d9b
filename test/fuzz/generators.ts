import fc from 'fast-check';
import { accountName, escapeText, gpoId, lineEnd, rightName, sidText } from './generators-common';
import { generatedApplicationHost, generatedMetabase } from './generators-iis';

/**
 * Generated documents for every format, valid in shape but with values drawn from both the
 * accepted and the rejected side of each rule, so the parsers' value checks run as often as
 * their syntax checks. The fuzz suite mutates these as it mutates the fixture files.
 */

export { generatedApplicationHost, generatedMetabase };

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
