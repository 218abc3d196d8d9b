import assert from 'node:assert/strict';
import { InputError } from '../../src/core/errors';
import {
  BASE_NS,
  RSOP_NS,
  SECURITY_NS,
  SETTINGS_NS,
  TYPES_NS,
  parseGroupPolicyXml,
  parseGroupPolicyXmlText,
} from '../../src/parse/gpresult';
import { inputErrorFrom } from '../helpers/errors';

/** Group Policy reports: every rejection with its exact message and place, and the edges of what is read. */

const FILE = 'gpresult.xml';
const DDP = '{31B2F340-016D-11D2-945F-00C04FB984F9}';

const errorFrom = (text: string): InputError => inputErrorFrom(() => parseGroupPolicyXmlText(text, FILE));

/** One line per element, so every element's line is its index in `lines` + 1. */
function rsop(...computerResults: string[]): string {
  return [`<Rsop xmlns="${RSOP_NS}">`, ...computerResults, '</Rsop>'].join('\n');
}

function computer(...inside: string[]): string {
  return ['<ComputerResults>', ...inside, '</ComputerResults>'].join('\n');
}

function settings(...assignments: string[]): string {
  return [
    `<ExtensionData><Extension xmlns:q1="${SECURITY_NS}" xmlns="${SETTINGS_NS}">`,
    ...assignments,
    '</Extension></ExtensionData>',
  ].join('\n');
}

function assignment(parts: {
  name?: string;
  gpo?: string | null;
  precedence?: string | null;
  members?: string[];
}): string {
  const gpo =
    parts.gpo === null
      ? ''
      : `<GPO xmlns="${BASE_NS}"><Identifier xmlns="${TYPES_NS}">${parts.gpo ?? DDP}</Identifier></GPO>`;
  const precedence =
    parts.precedence === null ? '' : `<Precedence xmlns="${BASE_NS}">${parts.precedence ?? '1'}</Precedence>`;
  const name = parts.name === undefined ? '<q1:Name>SeNetworkLogonRight</q1:Name>' : parts.name;
  return [
    '<q1:UserRightsAssignment>',
    name,
    ...(parts.members ?? []),
    gpo,
    precedence,
    '</q1:UserRightsAssignment>',
  ].join('\n');
}

function gpoReport(
  inside: string[],
  identifier = `<Identifier><Identifier xmlns="${TYPES_NS}">${DDP}</Identifier></Identifier>`,
): string {
  return [`<GPO xmlns="${SETTINGS_NS}">`, identifier, ...inside, '</GPO>'].join('\n');
}

describe('Group Policy reports: messages and edges', () => {
  it('a root that is neither report, with or without a namespace', () => {
    assert.equal(
      errorFrom('<Rsop/>').message,
      `gpresult.xml (line 1, element <Rsop>): expected a gpresult /x report (root <Rsop> in namespace ${RSOP_NS}) or a Get-GPOReport XML report (root <GPO> in namespace ${SETTINGS_NS}), found root element "Rsop" in no namespace`,
    );
    assert.match(errorFrom('<x:GPO xmlns:x="urn:other"/>').found, /^root element "x:GPO" in namespace "urn:other"$/);
  });

  it('gpresult: no computer results, or two', () => {
    assert.equal(
      errorFrom(rsop('<UserResults/>')).message,
      'gpresult.xml (line 1, element <Rsop>): expected a <ComputerResults> element (the report of gpresult /scope computer /x), found none (a report of user settings only?)',
    );
    assert.equal(
      errorFrom(rsop(computer(), computer())).message,
      'gpresult.xml (line 4, element <ComputerResults>): expected one <ComputerResults> element, found 2',
    );
  });

  it('gpresult: a setting without its GPO, or without a usable precedence', () => {
    assert.equal(
      errorFrom(rsop(computer(settings(assignment({ gpo: null }))))).message,
      `gpresult.xml (line 4, element <q1:UserRightsAssignment>): expected a <GPO> (namespace ${BASE_NS}) with an <Identifier> naming the GPO that sets this right, found none`,
    );
    const missing = errorFrom(rsop(computer(settings(assignment({ precedence: null })))));
    assert.equal(
      missing.message,
      `gpresult.xml (line 4, element <q1:UserRightsAssignment>): expected a <Precedence> (namespace ${BASE_NS}) holding a whole number from 1 (applied) up, found none`,
    );
    for (const [written, found] of [
      ['0', '"0"'],
      [' x ', '"x"'],
      ['4294967296', '"4294967296"'],
      ['', '""'],
      ['1.5', '"1.5"'],
    ] as const) {
      const error = errorFrom(rsop(computer(settings(assignment({ precedence: written })))));
      assert.equal(error.found, found, written);
      assert.deepEqual(error.location, { line: 7, element: '<Precedence>' }, written);
    }
    assert.equal(
      parseGroupPolicyXmlText(rsop(computer(settings(assignment({ precedence: ' 4294967295 ' })))), FILE)
        .assignments[0]!.precedence,
      4294967295,
    );
  });

  it('a setting without a right name, members with a bad SID or with neither SID nor name', () => {
    assert.equal(
      errorFrom(rsop(computer(settings(assignment({ name: '' }))))).message,
      `gpresult.xml (line 4, element <q1:UserRightsAssignment>): expected a <Name> (namespace ${SECURITY_NS}) naming the right, found none`,
    );
    assert.equal(
      errorFrom(rsop(computer(settings(assignment({ name: '<q1:Name> </q1:Name>' }))))).found,
      'an empty <Name>',
    );
    const badSid = errorFrom(
      rsop(
        computer(settings(assignment({ members: [`<q1:Member><SID xmlns="${TYPES_NS}">S-1-5-x</SID></q1:Member>`] }))),
      ),
    );
    assert.equal(
      badSid.message,
      'gpresult.xml (line 6, element <q1:Member>): expected a SID like S-1-5-32-544 in the member\'s <SID>, found "S-1-5-x"',
    );
    const empty = errorFrom(
      rsop(
        computer(
          settings(
            assignment({
              members: [`<q1:Member><SID xmlns="${TYPES_NS}"> </SID><Name xmlns="${TYPES_NS}"></Name></q1:Member>`],
            }),
          ),
        ),
      ),
    );
    assert.equal(
      empty.message,
      `gpresult.xml (line 6, element <q1:Member>): expected a member with a <SID> or a <Name> (namespace ${TYPES_NS}), found a member with neither`,
    );
  });

  it('a GPO identifier that is not a GUID names the identifier element', () => {
    const bad = errorFrom(rsop(computer(settings(assignment({ gpo: 'not-a-guid' })))));
    assert.equal(
      bad.message,
      `gpresult.xml (line 6, element <Identifier>): expected a GPO GUID like {31B2F340-016D-11D2-945F-00C04FB984F9} (or LocalGPO), found "not-a-guid"`,
    );
    assert.equal(errorFrom(rsop(computer(settings(assignment({ gpo: ' ' }))))).found, 'an empty identifier');
  });

  it('a GPO report without its identifier', () => {
    assert.equal(
      errorFrom(gpoReport([], '<Name>x</Name>')).message,
      `gpresult.xml (line 1, element <GPO>): expected <Identifier><Identifier xmlns="${TYPES_NS}">{GPO GUID}</Identifier></Identifier> under the report's <GPO>, found none`,
    );
    assert.deepEqual(errorFrom(gpoReport([], '\n<Identifier><Domain>x</Domain></Identifier>')).location, {
      line: 3,
      element: '<Identifier>',
    });
  });

  it('a GPO report with computer settings disabled applies none of its rights, with a warning only when it had some', () => {
    const rights = settings(assignment({ gpo: null, precedence: null }));
    const disabled = parseGroupPolicyXmlText(
      gpoReport(['<Name>Baseline</Name>', '<Computer>', '<Enabled> FALSE </Enabled>', rights, '</Computer>']),
      FILE,
    );
    assert.deepEqual(disabled.assignments, []);
    assert.deepEqual(disabled.gpos, [{ id: DDP, name: 'Baseline' }]);
    assert.deepEqual(disabled.diagnostics, [
      {
        code: 'gpo-computer-settings-disabled',
        severity: 'warning',
        message: `GPO "Baseline" ${DDP} has its computer configuration disabled, so its 1 user-rights settings are not applied and are ignored`,
        file: FILE,
        line: 4,
      },
    ]);
    const empty = parseGroupPolicyXmlText(gpoReport(['<Computer><Enabled>false</Enabled></Computer>']), FILE);
    assert.deepEqual([empty.kind, empty.assignments, empty.diagnostics], ['gpo-report', [], []]);
    const enabled = parseGroupPolicyXmlText(
      gpoReport(['<Computer><Enabled>true</Enabled>', rights, '</Computer>']),
      FILE,
    );
    assert.deepEqual(
      enabled.assignments.map((entry) => [entry.right, entry.precedence, entry.gpo.id, entry.gpo.name]),
      [['SeNetworkLogonRight', 1, DDP, DDP]],
    );
    assert.deepEqual(parseGroupPolicyXmlText(gpoReport([]), FILE).assignments, []);
  });

  it("only the security extension's settings count; listed GPOs need a path identifier; a GUID as a name is spelled like the id", () => {
    const other = `<ExtensionData><Extension xmlns="urn:other"><q1:UserRightsAssignment xmlns:q1="${SECURITY_NS}"><q1:Name>SeDenyNetworkLogonRight</q1:Name></q1:UserRightsAssignment></Extension><NotExtension xmlns="${SETTINGS_NS}"/></ExtensionData>`;
    const result = parseGroupPolicyXmlText(
      rsop(
        computer(
          `<GPO><Name>${DDP.toLowerCase()}</Name><Path><Identifier xmlns="${TYPES_NS}">${DDP.toLowerCase()}</Identifier></Path></GPO>`,
          '<GPO><Name>No path</Name></GPO>',
          `<GPO><Name>Wrong namespace</Name><Path><Identifier>{11111111-1111-1111-1111-111111111111}</Identifier></Path></GPO>`,
          `<GPO><Name>Second listing</Name><Path><Identifier xmlns="${TYPES_NS}">${DDP}</Identifier></Path></GPO>`,
          other,
          settings(assignment({})),
        ),
      ),
      FILE,
    );
    assert.deepEqual(result.gpos, [{ id: DDP, name: DDP }]);
    assert.deepEqual(
      result.assignments.map((entry) => entry.right),
      ['SeNetworkLogonRight'],
    );
  });

  it('refuses a report over its size limit before decoding it', () => {
    const error = (() => {
      try {
        parseGroupPolicyXml(new Uint8Array(64 * 1024 * 1024 + 1), FILE);
      } catch (caught) {
        return caught as InputError;
      }
      return undefined;
    })();
    assert.equal(error?.message, 'gpresult.xml: expected a Group Policy XML report of at most 64 MiB, found 64.0 MiB');
    assert.throws(
      () => parseGroupPolicyXml(new Uint8Array(64 * 1024 * 1024), FILE),
      (caught: unknown) => caught instanceof InputError && /NUL character/.test(caught.message),
    );
  });
});
