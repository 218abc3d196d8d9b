import type { ConnectAsCredentials } from '../../core/model';
import type { XmlElement } from '../xml';
import { attribute, enumAttribute, LOGON_METHODS } from './attributes';
import type { ParseContext } from './types';

/**
 * The connect-as credentials of one `<virtualDirectory>`: its own userName, password and
 * logonMethod, each attribute falling back to the nearest `<virtualDirectoryDefaults>` (the
 * application's, then the site's, then `<sites>`'s), and logonMethod to the schema default
 * ClearText. Undefined when no account is named: IIS then reaches the content as the
 * requesting user or the worker process, which other findings judge.
 */
export function readConnectAs(
  context: ParseContext,
  directory: XmlElement,
  defaults: readonly (XmlElement | undefined)[],
): ConnectAsCredentials | undefined {
  const chain = [directory, ...defaults];
  const first = (name: string): { element: XmlElement; value: string } | undefined => {
    for (const element of chain) {
      const value = attribute(element, name);
      if (element !== undefined && value !== undefined) return { element, value };
    }
    return undefined;
  };
  const userName = first('userName');
  if (userName === undefined || userName.value.trim() === '') return undefined;
  const method = first('logonMethod');
  const password = first('password');
  const origin =
    userName.element === directory
      ? `<virtualDirectory path="${attribute(directory, 'path') ?? ''}">`
      : `<${userName.element.name}>`;
  return {
    userName: userName.value.trim(),
    logonMethod:
      method === undefined ? 'ClearText' : enumAttribute(context, method.element, 'logonMethod', LOGON_METHODS)!,
    passwordSet: password !== undefined && password.value !== '',
    physicalPath: attribute(directory, 'physicalPath') ?? '',
    definedAt: `${origin} (line ${userName.element.line})`,
  };
}
