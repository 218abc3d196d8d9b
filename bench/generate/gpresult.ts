/** gpresult.xml of a generated snapshot: the GPOs that own user rights, as `gpresult /x` writes it. */
import {
  DOMAIN,
  DOMAIN_SID,
  POOL_ACCOUNTS_GROUP,
  BASELINE_GPO,
  DEFAULT_DOMAIN_GPO,
  type SnapshotSpec,
  utf16WithBom,
} from './spec';

const WELL_KNOWN_NAMES: Record<string, string> = {
  'S-1-5-32-544': 'BUILTIN\\Administrators',
  'S-1-5-32-546': 'BUILTIN\\Guests',
  'S-1-5-32-551': 'BUILTIN\\Backup Operators',
  'S-1-5-32-568': 'BUILTIN\\IIS_IUSRS',
  'S-1-5-11': 'NT AUTHORITY\\Authenticated Users',
  'S-1-5-114': 'NT AUTHORITY\\Local account and member of Administrators group',
  'S-1-5-80-0': 'NT SERVICE\\ALL SERVICES',
  [POOL_ACCOUNTS_GROUP]: `${DOMAIN}\\IIS Pool Accounts`,
};

/** The user rights the baseline GPO defines on this host, by right. */
function gpoRights(spec: SnapshotSpec): Map<string, string[]> {
  const rights = new Map<string, string[]>([
    ['SeNetworkLogonRight', ['S-1-5-32-544', 'S-1-5-11', 'S-1-5-32-551']],
    ['SeDenyNetworkLogonRight', ['S-1-5-32-546', 'S-1-5-114']],
    ['SeInteractiveLogonRight', ['S-1-5-32-544']],
  ]);
  if (spec.profile === 'gpo-revoked' || spec.profile === 'gpo-blocked')
    rights.set('SeNetworkLogonRight', ['S-1-5-32-544']);
  if (spec.profile === 'mixed') {
    // The GPO owns batch logon and grants it through a group only half the pool accounts are in.
    rights.set('SeBatchLogonRight', ['S-1-5-32-544', 'S-1-5-32-551', POOL_ACCOUNTS_GROUP]);
  }
  return rights;
}

function gpoLinkXml(gpo: { id: string; name: string }, order: number, somPath: string): string {
  return `    <GPO>
      <Name>${gpo.name}</Name>
      <Path>
        <Identifier xmlns="http://www.microsoft.com/GroupPolicy/Types">${gpo.id}</Identifier>
        <Domain xmlns="http://www.microsoft.com/GroupPolicy/Types">contoso.com</Domain>
      </Path>
      <VersionDirectory>${order + 3}</VersionDirectory>
      <VersionSysvol>${order + 3}</VersionSysvol>
      <Enabled>true</Enabled>
      <IsValid>true</IsValid>
      <FilterAllowed>true</FilterAllowed>
      <AccessDenied>false</AccessDenied>
      <Link>
        <SOMPath>${somPath}</SOMPath>
        <SOMOrder>1</SOMOrder>
        <AppliedOrder>${order}</AppliedOrder>
        <LinkOrder>${order}</LinkOrder>
        <Enabled>true</Enabled>
        <NoOverride>false</NoOverride>
      </Link>
      <SecurityFilter>NT AUTHORITY\\Authenticated Users</SecurityFilter>
      <ExtensionName>Security</ExtensionName>
    </GPO>
`;
}

function settingGpo(gpo: { id: string }): string {
  return `          <GPO xmlns="http://www.microsoft.com/GroupPolicy/Settings/Base">
            <Identifier xmlns="http://www.microsoft.com/GroupPolicy/Types">${gpo.id}</Identifier>
            <Domain xmlns="http://www.microsoft.com/GroupPolicy/Types">contoso.com</Domain>
          </GPO>
          <Precedence xmlns="http://www.microsoft.com/GroupPolicy/Settings/Base">1</Precedence>
`;
}

/** UTF-16LE with BOM and CRLF, as `gpresult /scope computer /x` writes it. */
export function gpresultXml(spec: SnapshotSpec): Buffer {
  const parts: string[] = [];
  parts.push(`<?xml version="1.0" encoding="utf-16"?>
<Rsop xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://www.microsoft.com/GroupPolicy/Rsop">
  <ReadTime>2025-01-15T07:59:12.1234567Z</ReadTime>
  <DataType>LoggedData</DataType>
  <ComputerResults>
    <Version>2</Version>
    <Name>${DOMAIN}\\${spec.host}$</Name>
    <Domain>contoso.com</Domain>
    <SOM>contoso.com/Servers/Web</SOM>
    <Site>Default-First-Site-Name</Site>
`);
  for (const [order, [path, type]] of [
    ['Local', 'Local'],
    ['contoso.com', 'Domain'],
    ['contoso.com/Servers/Web', 'OU'],
  ].entries()) {
    parts.push(
      `    <SearchedSOM>\n      <Path>${path}</Path>\n      <Type>${type}</Type>\n      <Order>${order + 1}</Order>\n      <BlocksInheritance>false</BlocksInheritance>\n      <Blocked>false</Blocked>\n      <Reason>Normal</Reason>\n    </SearchedSOM>\n`,
    );
  }
  for (const [sid, name] of [
    ['S-1-1-0', 'Everyone'],
    ['S-1-5-32-545', 'BUILTIN\\Users'],
    ['S-1-5-11', 'NT AUTHORITY\\Authenticated Users'],
    [`${DOMAIN_SID}-515`, `${DOMAIN}\\Domain Computers`],
  ]) {
    parts.push(
      `    <SecurityGroup>\n      <SID xmlns="http://www.microsoft.com/GroupPolicy/Types">${sid}</SID>\n      <Name xmlns="http://www.microsoft.com/GroupPolicy/Types">${name}</Name>\n    </SecurityGroup>\n`,
    );
  }
  parts.push(`    <SlowLink>false</SlowLink>
    <ExtensionStatus>
      <Name>Security</Name>
      <Identifier>{827D319E-6EAC-11D2-A4EA-00C04F79F83A}</Identifier>
      <BeginTime>2025-01-15T07:58:12</BeginTime>
      <EndTime>2025-01-15T07:58:13</EndTime>
      <LoggingStatus>Complete</LoggingStatus>
      <Error>0</Error>
    </ExtensionStatus>
`);
  parts.push(gpoLinkXml(DEFAULT_DOMAIN_GPO, 1, 'contoso.com'));
  parts.push(gpoLinkXml(BASELINE_GPO, 2, 'contoso.com/Servers/Web'));
  parts.push(`    <ExtensionData>
      <Extension xmlns:q1="http://www.microsoft.com/GroupPolicy/Settings/Security" xsi:type="q1:SecuritySettings" xmlns="http://www.microsoft.com/GroupPolicy/Settings">
`);
  for (const [name, value] of [
    ['MinimumPasswordLength', 14],
    ['MaximumPasswordAge', 42],
    ['LockoutBadCount', 0],
  ] as const) {
    parts.push(
      `        <q1:Account>\n${settingGpo(DEFAULT_DOMAIN_GPO)}          <q1:Name>${name}</q1:Name>\n          <q1:SettingNumber>${value}</q1:SettingNumber>\n          <q1:Type>Password</q1:Type>\n        </q1:Account>\n`,
    );
  }
  for (const [right, holders] of gpoRights(spec)) {
    parts.push(`        <q1:UserRightsAssignment>\n${settingGpo(BASELINE_GPO)}          <q1:Name>${right}</q1:Name>\n`);
    for (const sid of holders) {
      parts.push(
        `          <q1:Member>\n            <SID xmlns="http://www.microsoft.com/GroupPolicy/Types">${sid}</SID>\n            <Name xmlns="http://www.microsoft.com/GroupPolicy/Types">${WELL_KNOWN_NAMES[sid] ?? sid}</Name>\n          </q1:Member>\n`,
      );
    }
    parts.push('        </q1:UserRightsAssignment>\n');
  }
  parts.push('      </Extension>\n      <Name>Security</Name>\n    </ExtensionData>\n  </ComputerResults>\n</Rsop>\n');
  return utf16WithBom(parts.join('').replace(/\n/g, '\r\n'));
}

// ---------------------------------------------------------------------------------------------
