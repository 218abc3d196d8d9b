import fc from 'fast-check';

/** Values and XML helpers the generated documents of generators.ts and generators-iis.ts share. */

export const lineEnd = fc.constantFrom('\r\n', '\n', '\r');

export const sidText = fc.oneof(
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

export const accountName = fc.oneof(
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

export const rightName = fc.constantFrom(
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

export const gpoId = fc.oneof(
  fc.constantFrom(
    '{31B2F340-016D-11D2-945F-00C04FB984F9}',
    '{7d2c4b9e-3f1a-4c6d-9e85-2b1f0a6c3d47}',
    'LocalGPO',
    'CN={31B2F340-016D-11D2-945F-00C04FB984F9},CN=Policies,CN=System,DC=contoso,DC=com',
  ),
  fc.constantFrom('', '{}', '{31B2F340-016D-11D2-945F}', 'not-a-guid', '__proto__'),
  fc.uuid().map((uuid) => `{${uuid.toUpperCase()}}`),
);

export function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;');
}

export function escapeText(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
}

/** An attribute written or left out; values include ones the parsers must reject. */
export function optionalAttribute(name: string, values: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .option(values, { nil: undefined })
    .map((value) => (value === undefined ? '' : ` ${name}="${escapeAttribute(value)}"`));
}

export const urlPath = fc
  .array(fc.constantFrom('app', 'App', 'sub', 'img', 'a b', 'ü', '..', '.', ''), { maxLength: 4 })
  .map((segments) => `/${segments.join('/')}`);
