import type {
  AccountDirectory,
  AnonymousScope,
  ApplicationPool,
  GpoRightAssignment,
  GroupPolicyResult,
  HostInfo,
  IisConfiguration,
  PolicyHolder,
  SecurityTemplate,
} from '../../src/core/model';

/** In-memory model builders so core tests state only what matters to them. */

export function holders(...entries: string[]): PolicyHolder[] {
  return entries.map((entry) =>
    entry.startsWith('*')
      ? { kind: 'sid', sid: entry.slice(1), written: entry }
      : { kind: 'name', name: entry, written: entry },
  );
}

export function template(rights: Record<string, string[]>, file = 'secedit.inf'): SecurityTemplate {
  return {
    file,
    sections: ['Unicode', 'Privilege Rights', 'Version'],
    privilegeRights: new Map(
      Object.entries(rights).map(([right, entries]) => [right, { right, holders: holders(...entries) }]),
    ),
    diagnostics: [],
  };
}

export function scope(
  overrides: Partial<AnonymousScope> & {
    userName?: string;
    enabled?: boolean;
    logonMethod?: AnonymousScope['anonymous']['logonMethod'];
  } = {},
): AnonymousScope {
  const { userName = 'IUSR', enabled = true, logonMethod = 'ClearText', ...rest } = overrides;
  return {
    site: 'Default Web Site',
    path: '/',
    kind: 'site',
    applicationPool: 'DefaultAppPool',
    anonymous: {
      enabled,
      userName,
      logonMethod,
      passwordSet: userName !== '' && userName !== 'IUSR',
      definedAt: 'server level',
    },
    ...rest,
  };
}

export function pool(name: string, overrides: Partial<ApplicationPool> = {}): ApplicationPool {
  return { name, identityType: 'ApplicationPoolIdentity', userName: '', logonType: 'LogonBatch', ...overrides };
}

export function iis(
  scopes: AnonymousScope[],
  pools: ApplicationPool[] = [pool('DefaultAppPool')],
  format: IisConfiguration['format'] = 'applicationHost.config',
): IisConfiguration {
  return {
    file: format,
    format,
    iisMajorVersion: format === 'MetaBase.xml' ? 6 : null,
    applicationPools: new Map(pools.map((entry) => [entry.name.toLowerCase(), entry])),
    scopes,
    diagnostics: [],
  };
}

export function accounts(...entries: AccountDirectory['accounts']): AccountDirectory {
  return { accounts: entries, unresolved: [] };
}

export function gpoAssignment(
  right: string,
  entries: string[],
  gpoName = 'CONTOSO Server Baseline',
  id = '{11111111-2222-3333-4444-555555555555}',
): GpoRightAssignment {
  return { right, holders: holders(...entries), gpo: { id, name: gpoName }, precedence: 1, file: 'gpresult.xml' };
}

/** A gpresult-style result of these assignments, listing each of their GPOs once. */
export function groupPolicyResult(
  assignments: GpoRightAssignment[],
  file = 'gpresult.xml',
  diagnostics: GroupPolicyResult['diagnostics'] = [],
): GroupPolicyResult {
  const gpos = [...new Map(assignments.map((assignment) => [assignment.gpo.id, assignment.gpo])).values()];
  return { file, kind: 'gpresult', gpos, assignments, diagnostics };
}

export const WEB01: HostInfo = {
  computerName: 'WEB01',
  domain: 'CONTOSO',
  domainJoined: true,
  osVersion: '10.0.17763',
};

export const LOCAL_ANON = {
  name: 'WEB01\\anon',
  sid: 'S-1-5-21-1000-2000-3000-1005',
  kind: 'local' as const,
  groups: ['S-1-5-32-545'],
};
export const DOMAIN_ANON = {
  name: 'CONTOSO\\svc-anon',
  sid: 'S-1-5-21-7-8-9-1105',
  kind: 'domain' as const,
  groups: ['S-1-5-21-7-8-9-513', 'S-1-5-32-545'],
};
