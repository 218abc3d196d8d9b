import assert from 'node:assert/strict';
import { plainFinding } from '../../src/core/judged-finding';
import type { Finding } from '../../src/core/evaluate-identities';
import type { JudgedSnapshot, SnapshotOutcome } from '../../src/core/fleet-summary';
import { childrenNamed, firstChild, parseXmlTree, type XmlElement } from '../../src/parse/xml';
import { renderJunit, testCaseNames, xmlAttribute, xmlText } from '../../src/render/junit';
import { judgeExample } from '../helpers/fleet';

function parseJunit(text: string): XmlElement {
  const root = parseXmlTree(text, 'junit.xml', { keepText: true });
  assert.equal(root.name, 'testsuites');
  return root;
}

function counts(element: XmlElement): Record<string, string | undefined> {
  const { tests, failures, errors, skipped } = element.attributes;
  return { tests, failures, errors, skipped };
}

describe('JUnit renderer', () => {
  let revoked: JudgedSnapshot;
  let denied: JudgedSnapshot;
  before(() => {
    revoked = judgeExample('iis6-gpo-revoked-at-refresh');
    denied = judgeExample('iis10-local-account-denied');
  });

  it('one suite per snapshot, one test case per site x path x identity, with counts at both levels', () => {
    const failed: SnapshotOutcome = {
      kind: 'failed',
      name: 'fleet/web99',
      error:
        'fleet/web99/secedit.inf (line 1): expected text in UTF-8, found bytes that are not valid in that encoding',
    };
    const root = parseJunit(renderJunit([revoked, denied, failed]));
    // iis6: 2 revoked-at-refresh + 2 NetworkService worker processes (not-required);
    // iis10-local-account-denied: IUSR not-required + 2 denied + 3 pool identities ok; plus the failed load.
    assert.deepEqual(counts(root), { tests: '11', failures: '4', errors: '1', skipped: '3' });
    const suites = childrenNamed(root, 'testsuite');
    assert.deepEqual(
      suites.map((suite) => suite.attributes.name),
      [revoked.name, denied.name, 'fleet/web99'],
    );
    assert.deepEqual(suites.map(counts), [
      { tests: '4', failures: '2', errors: '0', skipped: '2' },
      { tests: '6', failures: '2', errors: '0', skipped: '1' },
      { tests: '1', failures: '0', errors: '1', skipped: '0' },
    ]);
    assert.deepEqual(
      suites.map((suite) => suite.attributes.hostname),
      ['WEB01', 'WEB02', 'fleet/web99'],
    );
    for (const suite of suites) assert.equal(childrenNamed(suite, 'testcase').length, Number(suite.attributes.tests));
  });

  it('names test cases host.site and path + identity with its SID', () => {
    const root = parseJunit(renderJunit([revoked]));
    const cases = childrenNamed(firstChild(root, 'testsuite')!, 'testcase');
    assert.deepEqual(
      cases.map((entry) => [entry.attributes.classname, entry.attributes.name]),
      [
        ['WEB01.Default Web Site', '/ as WEB01\\IUSR_WEB01 (S-1-5-21-173939653-3250197068-1151168150-1003)'],
        ['WEB01.Default Web Site', '/ as NT AUTHORITY\\NETWORK SERVICE (S-1-5-20) (worker process identity)'],
        ['WEB01.Intranet', '/ as WEB01\\IUSR_WEB01 (S-1-5-21-173939653-3250197068-1151168150-1003)'],
        ['WEB01.Intranet', '/ as NT AUTHORITY\\NETWORK SERVICE (S-1-5-20) (worker process identity)'],
      ],
    );
  });

  it('a failure carries the status as its type, the finding message, and the explanation with the GPO fix', () => {
    const root = parseJunit(renderJunit([revoked]));
    const finding = revoked.evaluation.findings[0]!;
    const failure = firstChild(childrenNamed(firstChild(root, 'testsuite')!, 'testcase')[0]!, 'failure')!;
    assert.equal(failure.attributes.type, 'revoked-at-refresh');
    assert.equal(failure.attributes.message, finding.message);
    assert.match(
      failure.text,
      /^revoked-at-refresh \(IisAnonymousLogonRight:IisAnonymousLogonRight:RevokedAtRefresh\): Holds the right now/,
    );
    assert.match(failure.text, /Right: Access this computer from the network \(SeNetworkLogonRight\)/);
    assert.match(
      failure.text,
      /Durable fix: in GPO "CONTOSO Member Server Baseline" \{5A91776E-1ACB-4255-B97E-6FFF265E0FD3\}/,
    );
    assert.match(
      failure.text,
      /SeNetworkLogonRight = \*S-1-5-32-544,\*S-1-5-32-551,\*S-1-5-21-2060260628-1893702904-3285376245-513,\*S-1-5-21-173939653-3250197068-1151168150-1003/,
    );
    assert.equal(failure.text.split(finding.message).length, 2, 'the message appears once in the body');
  });

  it('without the policy projection the failure still carries status and message, just no story', () => {
    const root = parseJunit(renderJunit([{ ...revoked, policy: null }]));
    const failure = firstChild(childrenNamed(firstChild(root, 'testsuite')!, 'testcase')[0]!, 'failure')!;
    assert.ok(failure.text.includes(revoked.evaluation.findings[0]!.message));
    assert.doesNotMatch(failure.text, /Durable fix/);
  });

  it('not-required is skipped with its reason; ok is a bare passing test case', () => {
    const healthy = judgeExample('iis10-healthy');
    const root = parseJunit(renderJunit([healthy]));
    const suite = firstChild(root, 'testsuite')!;
    assert.deepEqual(counts(suite), { tests: '6', failures: '0', errors: '0', skipped: '1' });
    const [iusr, ...rest] = childrenNamed(suite, 'testcase');
    assert.equal(iusr!.attributes.name, '/ as NT AUTHORITY\\IUSR (S-1-5-17)');
    assert.match(
      firstChild(iusr!, 'skipped')!.attributes.message!,
      /^not-required: Site "Default Web Site" path \/: NT AUTHORITY\\IUSR \(S-1-5-17\) is not checked under the documented rules/,
    );
    for (const passing of rest) assert.equal(passing.children.length, 0);
  });

  it('a snapshot that could not be loaded is one errored test case carrying the message', () => {
    const error = 'web07/secedit.inf (line 4): expected a SID after "*", found "*S-1-5-32-5x5" & <more>';
    const suite = firstChild(parseJunit(renderJunit([{ kind: 'failed', name: 'web07', error }])), 'testsuite')!;
    const testCase = firstChild(suite, 'testcase')!;
    assert.equal(testCase.attributes.name, 'load snapshot');
    const element = firstChild(testCase, 'error')!;
    assert.equal(element.attributes.type, 'invalid-input');
    assert.equal(element.attributes.message, error);
    assert.equal(element.text, error);
  });

  it('suite properties carry the snapshot, the rule set and host.json facts', () => {
    const suite = firstChild(parseJunit(renderJunit([denied])), 'testsuite')!;
    const properties = Object.fromEntries(
      childrenNamed(firstChild(suite, 'properties')!, 'property').map((property) => [
        property.attributes.name,
        property.attributes.value,
      ]),
    );
    assert.deepEqual(properties, {
      snapshot: denied.name,
      ruleSet: 'documented',
      inDesiredState: 'false',
      computerName: 'WEB02',
      domain: 'WORKGROUP',
      osVersion: '10.0.17763',
      iisVersion: '10.0',
    });
  });

  it('hostile names survive: markup and quotes escaped, line breaks kept in attributes and shown escaped in the body, characters XML cannot hold replaced', () => {
    const original = plainFinding(revoked.evaluation.findings[0]!);
    const hostileName = 'EVIL\\a"b<c>&d\'e\nline2\ttab\u0001ctl\ud800lone';
    const finding: Finding = {
      ...original,
      site: 'Site & "Co" <x>',
      identity: { ...original.identity, name: hostileName },
      message: `msg with ]]> and ${hostileName}`,
    };
    const snapshot: JudgedSnapshot = {
      ...revoked,
      name: 'snap "x" & <y>',
      evaluation: { ...revoked.evaluation, findings: [finding] },
      policy: null,
    };
    const suite = firstChild(parseJunit(renderJunit([snapshot])), 'testsuite')!;
    assert.equal(suite.attributes.name, 'snap "x" & <y>');
    const testCase = firstChild(suite, 'testcase')!;
    const expectedName = 'EVIL\\a"b<c>&d\'e\nline2\ttab\ufffdctl\ufffdlone';
    assert.equal(testCase.attributes.classname, 'WEB01.Site & "Co" <x>');
    assert.equal(testCase.attributes.name, `/ as ${expectedName} (${original.identity.sid})`);
    const failure = firstChild(testCase, 'failure')!;
    assert.equal(failure.attributes.message, `msg with ]]> and ${expectedName}`);
    // The body is text for people: the name is shown escaped, so its line break starts no line.
    assert.ok(failure.text.includes(`msg with ]]> and EVIL\\a"b<c>&d'e\\nline2\\ttab\\x01ctl\ufffdlone`), failure.text);
    assert.ok(!failure.text.split('\n').some((line) => line.startsWith('line2')));
  });

  it('xmlText and xmlAttribute escape exactly what XML needs', () => {
    assert.equal(xmlText('a & b < c > d "e" \'f\'\nline'), 'a &amp; b &lt; c &gt; d "e" \'f\'\nline');
    assert.equal(xmlAttribute('a & "b"\n\tc\r'), 'a &amp; &quot;b&quot;&#10;&#9;c&#13;');
    assert.equal(xmlText('\u0000\u0008\u000b\u000c\u001f\ufffe\uffff'), '\ufffd'.repeat(7));
    assert.equal(xmlText('\ud83d\ude00 pair kept, lone \udc00 not'), '\ud83d\ude00 pair kept, lone \ufffd not');
  });

  it('testCaseNames falls back to the snapshot name without host.json and to (server) without a site', () => {
    const finding = revoked.evaluation.findings[0]!;
    assert.deepEqual(testCaseNames({ name: 'fleet/web01', host: null }, { ...plainFinding(finding), site: null }), {
      classname: 'fleet/web01.(server)',
      name: `/ as WEB01\\IUSR_WEB01 (${finding.identity.sid})`,
    });
  });

  it('is deterministic: the same outcomes give the same bytes', () => {
    assert.equal(
      renderJunit([revoked, denied]),
      renderJunit([judgeExample('iis6-gpo-revoked-at-refresh'), judgeExample('iis10-local-account-denied')]),
    );
  });
});
