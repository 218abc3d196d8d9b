import type { SchemaName } from '../../src/parse/schema-validation';

/**
 * The rows of test/unit/schema-error-words.test.ts: a valid document of each schema-validated
 * input, and per keyword an edit that makes it fail with that keyword and the line it must give.
 */

const SID = 'S-1-5-21-1-2-3-1001';
const HOSTILE = `a\u001b[31m"${'x'.repeat(2000)}`;
const SHOWN = `"a\\\\x1b[31m\\"${'x'.repeat(50)}..."`;

export const valid: Record<SchemaName, () => Record<string, unknown> | unknown[]> = {
  accounts: () => ({ accounts: [{ name: 'HOST\\web', sid: SID, kind: 'local' }] }),
  host: () => ({ computerName: 'WEB1' }),
  facts: () => ({ files: { 'secedit.inf': '' } }),
  rsop: () => [{ right: 'SeNetworkLogonRight', accounts: [], precedence: 1, gpoId: 'LocalGPO' }],
  plan: () => ({
    planVersion: 1,
    tool: { name: 'iis-logon-rights', version: '1.0.0' },
    snapshot: 'snapshot',
    ruleSet: 'documented',
    options: { allowTemporaryFix: false },
    actions: [],
    undo: [{ action: 'revoke', right: 'SeNetworkLogonRight', sid: SID, account: 'HOST\\web', temporary: false }],
    refused: [],
    gpoEdits: [],
    verify: 'verify',
  }),
  'dsc-request': () => ({ desired: { scope: 'Default Web Site' }, facts: {} }),
  webconfigs: () => ({
    webConfigs: [{ site: 'Shop', path: '/', physicalPath: 'D:\\shop', state: 'absent' }],
    folderWalks: [{ site: 'Shop', path: '/', physicalPath: 'D:\\shop', depth: 1, complete: true }],
  }),
};

export type Edit = (document: any) => void; // eslint-disable-line @typescript-eslint/no-explicit-any
const REFUSED = {
  site: 'Shop',
  path: '/',
  account: 'a',
  sid: null,
  right: null,
  status: 'missing',
  reason: 'r',
  fix: 'f',
};
export const SID_WORDS = 'a SID such as S-1-5-32-544 (S-1-, then numbers joined by "-")';
const PLAN_SID_WORDS = 'a SID such as S-1-5-32-544 (S-1-, then at least two numbers joined by "-")';

/** Per input schema: the keyword a row makes the document fail with, the edit, and the line after the file name. */
export const ROWS: Record<SchemaName, [keyword: string, edit: Edit, line: string][]> = {
  // accounts.json
  accounts: [
    ['required', (d) => delete d.accounts[0].kind, '(at /accounts/0): expected property "kind", found it missing'],
    [
      'additionalProperties',
      (d) => (d.accounts[0]['a/b~c'] = 1),
      '(at /accounts/0/a~1b~0c): expected only the documented properties (no "a/b~c"), found property "a/b~c"',
    ],
    ['type', (d) => (d.accounts = {}), '(at /accounts): expected a value of type array, found an object'],
    [
      'enum',
      (d) => (d.accounts[0].kind = HOSTILE),
      `(at /accounts/0/kind): expected one of "local", "domain", "builtin", "virtual", found ${SHOWN}`,
    ],
    ['pattern', (d) => (d.accounts[0].sid = HOSTILE), `(at /accounts/0/sid): expected ${SID_WORDS}, found ${SHOWN}`],
    [
      'minLength',
      (d) => (d.accounts[0].name = ''),
      '(at /accounts/0/name): expected a string of at least 1 character(s), found ""',
    ],
  ],
  // host.json
  host: [
    ['type', (d) => (d.domainJoined = 'yes'), '(at /domainJoined): expected a value of type boolean, found "yes"'],
    [
      'additionalProperties',
      (d) => (d[HOSTILE] = 1),
      `(at ${`/${HOSTILE.replace('\u001b', '\\x1b')}`.slice(0, 400)}...): expected only the documented properties (no ${SHOWN}), found property ${SHOWN}`,
    ],
    [
      'minLength',
      (d) => (d.computerName = ''),
      '(at /computerName): expected a string of at least 1 character(s), found ""',
    ],
  ],
  // facts on stdin
  facts: [
    [
      'required',
      (d) => delete d.files['secedit.inf'],
      '(at /files): expected property "secedit.inf", found it missing',
    ],
    [
      'additionalProperties',
      (d) => (d.files['web.config'] = ''),
      '(at /files/web.config): expected only the documented properties (no "web.config"), found property "web.config"',
    ],
    [
      'type',
      (d) => (d.files['rsop.json'] = false),
      '(at /files/rsop.json): expected a value of type string or array, found boolean false',
    ],
    ['const', (d) => (d.factsVersion = 2), '(at /factsVersion): expected 1, found number 2'],
  ],
  // rsop.json
  rsop: [
    ['type', (d) => (d[0].precedence = 1.5), '(at /0/precedence): expected a value of type integer, found number 1.5'],
    ['required', (d) => delete d[0].gpoId, '(at /0): expected property "gpoId", found it missing'],
    [
      'additionalProperties',
      (d) => (d[0].gpo = 'x'),
      '(at /0/gpo): expected only the documented properties (no "gpo"), found property "gpo"',
    ],
    ['pattern', (d) => (d[0].right = ' \t'), '(at /0/right): expected a string that is not blank, found " \\\\x09"'],
    ['minimum', (d) => (d[0].precedence = 0), '(at /0/precedence): expected a number of at least 1, found number 0'],
    [
      'maximum',
      (d) => (d[0].precedence = 2 ** 32),
      '(at /0/precedence): expected a number of at most 4294967295, found number 4294967296',
    ],
  ],
  // plans, their undo entries included
  plan: [
    ['required', (d) => delete d.undo[0].temporary, '(at /undo/0): expected property "temporary", found it missing'],
    [
      'additionalProperties',
      (d) => (d.undo[0].holder = 'x'),
      '(at /undo/0/holder): expected only the documented properties (no "holder"), found property "holder"',
    ],
    [
      'type',
      (d) => (d.undo[0].temporary = 'no'),
      '(at /undo/0/temporary): expected a value of type boolean, found "no"',
    ],
    ['const', (d) => (d.tool.name = 'other'), '(at /tool/name): expected "iis-logon-rights", found "other"'],
    [
      'enum',
      (d) => (d.undo[0].action = 'remove'),
      '(at /undo/0/action): expected one of "grant", "revoke", found "remove"',
    ],
    ['pattern', (d) => (d.undo[0].sid = 'S-1-5'), `(at /undo/0/sid): expected ${PLAN_SID_WORDS}, found "S-1-5"`],
    [
      'minLength',
      (d) => (d.undo[0].account = ''),
      '(at /undo/0/account): expected a string of at least 1 character(s), found ""',
    ],
    [
      'anyOf',
      (d) => d.refused.push({ ...REFUSED, sid: 'S-1-x' }),
      `(at /refused/0/sid): expected ${PLAN_SID_WORDS} or a value of type null, found "S-1-x"`,
    ],
    [
      'anyOf',
      (d) => d.refused.push({ ...REFUSED, sid: 5 }),
      '(at /refused/0/sid): expected a value of type string or null, found number 5',
    ],
    [
      'anyOf',
      (d) => d.refused.push({ ...REFUSED, right: 'SeDebugPrivilege' }),
      '(at /refused/0/right): expected one of "SeNetworkLogonRight", "SeDenyNetworkLogonRight", "SeInteractiveLogonRight", "SeDenyInteractiveLogonRight", "SeBatchLogonRight", "SeDenyBatchLogonRight", "SeServiceLogonRight", "SeDenyServiceLogonRight", "SeRemoteInteractiveLogonRight", "SeDenyRemoteInteractiveLogonRight" or a value of type null, found "SeDebugPrivilege"',
    ],
    [
      'minItems',
      (d) =>
        d.gpoEdits.push({
          gpo: { id: 'g', name: 'n' },
          right: 'SeNetworkLogonRight',
          add: [],
          remove: [],
          line: null,
          baselineConflicts: [],
        }),
      '(at /gpoEdits/0/baselineConflicts): expected an array of at least 1 item(s), found an array of 0 item(s)',
    ],
  ],
  // the DSC request on stdin
  'dsc-request': [
    ['required', (d) => delete d.desired.scope, '(at /desired): expected property "scope", found it missing'],
    [
      'additionalProperties',
      (d) => (d.actual = {}),
      '(at /actual): expected only the documented properties (no "actual"), found property "actual"',
    ],
    [
      'type',
      (d) => (d.desired.allowTemporaryFix = 1),
      '(at /desired/allowTemporaryFix): expected a value of type boolean, found number 1',
    ],
    [
      'enum',
      (d) => (d.desired.ruleSet = 'strict'),
      '(at /desired/ruleSet): expected one of "documented", "conservative", found "strict"',
    ],
    [
      'minLength',
      (d) => (d.desired.scope = ''),
      '(at /desired/scope): expected a string of at least 1 character(s), found ""',
    ],
  ],
  // webconfigs.json
  webconfigs: [
    [
      'required',
      (d) => delete d.webConfigs[0].state,
      '(at /webConfigs/0): expected property "state", found it missing',
    ],
    [
      'additionalProperties',
      (d) => (d.webConfigs[0].size = 1),
      '(at /webConfigs/0/size): expected only the documented properties (no "size"), found property "size"',
    ],
    [
      'type',
      (d) => (d.folderWalks[0].complete = 'yes'),
      '(at /folderWalks/0/complete): expected a value of type boolean, found "yes"',
    ],
    [
      'enum',
      (d) => (d.webConfigs[0].state = 'gone'),
      '(at /webConfigs/0/state): expected one of "read", "absent", "unreadable", found "gone"',
    ],
    [
      'minLength',
      (d) => (d.webConfigs[0].site = ''),
      '(at /webConfigs/0/site): expected a string of at least 1 character(s), found ""',
    ],
    [
      'maxLength',
      (d) => (d.webConfigs[0].site = HOSTILE),
      `(at /webConfigs/0/site): expected a string of at most 1024 character(s), found a string of 2007 characters, ${SHOWN}`,
    ],
    [
      'maxLength',
      (d) => (d.webConfigs[0].reason = '\u{1F600}'.repeat(4097)),
      `(at /webConfigs/0/reason): expected a string of at most 4096 character(s), found a string of 4097 characters, "${'\u{1F600}'.repeat(30)}..."`,
    ],
    [
      'pattern',
      (d) => (d.webConfigs[0].path = 'app'),
      '(at /webConfigs/0/path): expected a path starting with "/", found "app"',
    ],
    [
      'maxItems',
      (d) => (d.webConfigs = new Array(200_001).fill(d.webConfigs[0])),
      '(at /webConfigs): expected an array of at most 200000 item(s), found an array of 200001 item(s)',
    ],
    [
      'minimum',
      (d) => (d.folderWalks[0].depth = -1),
      '(at /folderWalks/0/depth): expected a number of at least 0, found number -1',
    ],
    [
      'maximum',
      (d) => (d.folderWalks[0].depth = 65),
      '(at /folderWalks/0/depth): expected a number of at most 64, found number 65',
    ],
    [
      'not',
      (d) => (d.webConfigs[0].text = '<configuration />'),
      '(at /webConfigs/0/text): expected no property "text" unless state is "read", found property "text"',
    ],
    [
      'if',
      (d) => (d.folderWalks[0].complete = false),
      '(at /folderWalks/0): expected property "reason", found it missing',
    ],
  ],
};
