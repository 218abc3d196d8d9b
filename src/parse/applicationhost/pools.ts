import type { ApplicationPool, AppPoolIdentityType, AppPoolLogonType } from '../../core/model';
import { childrenNamed, firstChild, type XmlAttributeSource, type XmlElement } from '../xml';
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

/** The settings of a pool's (or the pool defaults') first `<processModel>`, if it has one. */
export function readProcessModel(
  context: ParseContext,
  processModel: XmlAttributeSource | undefined,
): ProcessModelSettings {
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
      const poolDefaults = firstChild(section, 'applicationPoolDefaults');
      const defaults = readProcessModel(
        context,
        poolDefaults === undefined ? undefined : firstChild(poolDefaults, 'processModel'),
      );
      for (const add of childrenNamed(section, 'add')) {
        const name = requiredAttribute(context, add, 'name');
        addPool(pools, context, name, add.line, readProcessModel(context, firstChild(add, 'processModel')), defaults);
      }
    }
  }
  return pools;
}

/**
 * One `<add>` of `<applicationPools>` (its name, line and processModel settings) into `pools`; a
 * name already there is a warning, the first definition stays.
 */
export function addPool(
  pools: Map<string, ApplicationPool>,
  context: ParseContext,
  name: string,
  line: number,
  own: ProcessModelSettings,
  defaults: ProcessModelSettings,
): void {
  const identityType = own.identityType ?? defaults.identityType ?? DEFAULT_IDENTITY_TYPE;
  const key = name.toLowerCase();
  if (pools.has(key)) {
    context.diagnostics.push({
      code: 'duplicate-application-pool',
      severity: 'warning',
      message: `application pool "${name}" is defined more than once; the first definition is used (IIS refuses to load such a file)`,
      file: context.file,
      line,
    });
    return;
  }
  const userName = identityType === 'SpecificUser' ? (own.userName ?? defaults.userName ?? '') : '';
  if (identityType === 'SpecificUser' && userName === '') {
    context.diagnostics.push({
      code: 'specific-user-without-name',
      severity: 'warning',
      message: `application pool "${name}" has identityType SpecificUser but no userName`,
      file: context.file,
      line,
    });
  }
  const pool: ApplicationPool = {
    name,
    identityType,
    userName,
    logonType: own.logonType ?? defaults.logonType ?? DEFAULT_POOL_LOGON_TYPE,
    line,
  };
  if (own.identityType === undefined && defaults.identityType === undefined) pool.identityTypeDefaulted = true;
  pools.set(key, pool);
}
