import type { ConnectAsCredentials } from '../../core/model';
import type { XmlAttributeSource, XmlElement } from '../xml';
import { attribute, enumAttribute, LOGON_METHODS } from './attributes';
import type { ParseContext } from './types';

/** The `<virtualDirectoryDefaults>` a directory falls back to, nearest first (any may be missing). */
export type ConnectAsDefaults = readonly (XmlElement | undefined)[];

/**
 * The connect-as credentials of one `<virtualDirectory>`: its own userName, password and
 * logonMethod, each attribute falling back to the nearest `<virtualDirectoryDefaults>` (the
 * application's, then the site's, then `<sites>`'s), and logonMethod to the schema default
 * ClearText. Undefined when no account is named: IIS then reaches the content as the
 * requesting user or the worker process, which other findings judge.
 */
export function readConnectAs(
  context: ParseContext,
  directory: XmlAttributeSource,
  defaults: ConnectAsDefaults,
): ConnectAsCredentials | undefined {
  // Most directories name no account: that answer allocates nothing.
  const userNameAt = firstWriting(directory, defaults, 'userName');
  if (userNameAt === undefined) return undefined;
  const userName = userNameAt.attributes['userName']!;
  if (userName.trim() === '') return undefined;
  const methodAt = firstWriting(directory, defaults, 'logonMethod');
  const passwordAt = firstWriting(directory, defaults, 'password');
  const origin =
    userNameAt === directory
      ? `<virtualDirectory path="${attribute(directory, 'path') ?? ''}">`
      : `<${userNameAt.name}>`;
  return {
    userName: userName.trim(),
    logonMethod: methodAt === undefined ? 'ClearText' : enumAttribute(context, methodAt, 'logonMethod', LOGON_METHODS)!,
    passwordSet: passwordAt !== undefined && passwordAt.attributes['password'] !== '',
    physicalPath: attribute(directory, 'physicalPath') ?? '',
    definedAt: `${origin} (line ${userNameAt.line})`,
  };
}

/** The nearest of the directory and its defaults that writes the attribute. */
function firstWriting(
  directory: XmlAttributeSource,
  defaults: ConnectAsDefaults,
  name: string,
): XmlAttributeSource | undefined {
  if (directory.attributes[name] !== undefined) return directory;
  for (let index = 0; index < defaults.length; index++) {
    const element = defaults[index];
    if (element !== undefined && element.attributes[name] !== undefined) return element;
  }
  return undefined;
}
