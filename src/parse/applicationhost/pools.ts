import type { ApplicationPool, AppPoolIdentityType, AppPoolLogonType } from '../../core/model';
import { childrenNamed, firstChild, type XmlElement } from '../xml';
import {
  attribute,
  DEFAULT_IDENTITY_TYPE,
  DEFAULT_POOL_LOGON_TYPE,
  enumAttribute,
  IDENTITY_TYPES,
  POOL_LOGON_TYPES,
  requiredAttribute,
} from './attributes';
import type { ParseContext } from './types';

// Application pools.

export interface ProcessModelSettings {
  identityType?: AppPoolIdentityType;
  userName?: string;
  logonType?: AppPoolLogonType;
}

export function readProcessModel(context: ParseContext, pool: XmlElement | undefined): ProcessModelSettings {
  const processModel = pool === undefined ? undefined : firstChild(pool, 'processModel');
  const settings: ProcessModelSettings = {};
  const identityType = enumAttribute(context, processModel, 'identityType', IDENTITY_TYPES);
  if (identityType !== undefined) settings.identityType = identityType;
  const userName = attribute(processModel, 'userName');
  if (userName !== undefined) settings.userName = userName;
  const logonType = enumAttribute(context, processModel, 'logonType', POOL_LOGON_TYPES);
  if (logonType !== undefined) settings.logonType = logonType;
  return settings;
}

export function readApplicationPools(root: XmlElement, context: ParseContext): Map<string, ApplicationPool> {
  const pools = new Map<string, ApplicationPool>();
  for (const host of childrenNamed(root, 'system.applicationHost')) {
    for (const section of childrenNamed(host, 'applicationPools')) {
      // applicationPoolDefaults may follow the pools it applies to (it does in IIS-written files).
      const defaults = readProcessModel(context, firstChild(section, 'applicationPoolDefaults'));
      for (const add of childrenNamed(section, 'add')) {
        const name = requiredAttribute(context, add, 'name');
        const own = readProcessModel(context, add);
        const identityType = own.identityType ?? defaults.identityType ?? DEFAULT_IDENTITY_TYPE;
        const key = name.toLowerCase();
        if (pools.has(key)) {
          context.diagnostics.push({
            code: 'duplicate-application-pool',
            severity: 'warning',
            message: `application pool "${name}" is defined more than once; the first definition is used (IIS refuses to load such a file)`,
            file: context.file,
            line: add.line,
          });
          continue;
        }
        const userName = identityType === 'SpecificUser' ? (own.userName ?? defaults.userName ?? '') : '';
        if (identityType === 'SpecificUser' && userName === '') {
          context.diagnostics.push({
            code: 'specific-user-without-name',
            severity: 'warning',
            message: `application pool "${name}" has identityType SpecificUser but no userName`,
            file: context.file,
            line: add.line,
          });
        }
        const pool: ApplicationPool = {
          name,
          identityType,
          userName,
          logonType: own.logonType ?? defaults.logonType ?? DEFAULT_POOL_LOGON_TYPE,
          line: add.line,
        };
        if (own.identityType === undefined && defaults.identityType === undefined) pool.identityTypeDefaulted = true;
        pools.set(key, pool);
      }
    }
  }
  return pools;
}
