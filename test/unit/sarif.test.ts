import assert from 'node:assert/strict';
import { plainFinding } from '../../src/core/judged-finding';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JudgedSnapshot } from '../../src/core/fleet-summary';
import { ALL_STATUSES, FINDING_STATUSES } from '../../src/core/status';
import {
  FINGERPRINT_KEY,
  findingFingerprint,
  renderSarif,
  SARIF_LEVELS,
  snapshotUri,
  STATUS_ADVICE,
} from '../../src/render/sarif';
import { assertValidSarif, EXAMPLES, judgeExample, sarifSchemaValidator } from '../helpers/fleet';

const IUSR_WEB01 = 'S-1-5-21-173939653-3250197068-1151168150-1003';

/** A copy of an example snapshot in a temporary folder, edited by `edit`, judged, then removed. */
function judgeEditedCopy(template: string, edit: (folder: string) => void): JudgedSnapshot {
  const folder = mkdtempSync(join(tmpdir(), 'iis-logon-rights-sarif-'));
  try {
    cpSync(join(EXAMPLES, template), folder, { recursive: true });
    edit(folder);
    return judgeExample(template, 'documented', folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function editUtf16(path: string, edit: (text: string) => string): void {
  const text = readFileSync(path).subarray(2).toString('utf16le');
  writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(edit(text), 'utf16le')]));
}

describe('SARIF renderer', () => {
  let examples: JudgedSnapshot[];
  before(() => {
    examples = [
      'iis6-gpo-revoked-at-refresh',
      'iis10-local-account-denied',
      'iis10-specificuser-pool-missing-batch',
      'iis10-healthy',
      'iis10-gpo-blocked',
    ].map((name) => judgeExample(name));
  });

  it('the validator is not vacuous: it rejects a wrong version, a result without a message and a bad URI', () => {
    const log = renderSarif(examples);
    const validate = sarifSchemaValidator();
    assert.equal(validate(log), true);
    assert.equal(validate({ ...log, version: '2.0.0' }), false);
    const noMessage = structuredClone(log) as unknown as { runs: { results: Record<string, unknown>[] }[] };
    delete noMessage.runs[0]!.results[0]!.message;
    assert.equal(validate(noMessage), false);
    const badUri = structuredClone(log);
    badUri.runs[0]!.artifacts[0]!.location.uri = 'not a uri\\at all';
    assert.equal(validate(badUri), false);
  });

  it('one rule per status, in the status table order, with help text saying what to do', () => {
    const log = renderSarif(examples);
    assertValidSarif(log);
    const rules = log.runs[0]!.tool.driver.rules;
    assert.deepEqual(
      rules.map((rule) => rule.id),
      ALL_STATUSES,
    );
    for (const rule of rules) {
      const status = rule.id as keyof typeof FINDING_STATUSES;
      assert.equal(rule.name, FINDING_STATUSES[status].reasonSuffix);
      assert.equal(rule.fullDescription.text, FINDING_STATUSES[status].summary);
      assert.ok(rule.help.text.startsWith(FINDING_STATUSES[status].summary));
      assert.ok(rule.help.text.endsWith(`What to do: ${STATUS_ADVICE[status]}`));
      assert.equal(rule.defaultConfiguration.level, SARIF_LEVELS[status]);
    }
    assert.deepEqual(Object.fromEntries(rules.map((rule) => [rule.id, rule.defaultConfiguration.level])), {
      ok: 'none',
      missing: 'error',
      denied: 'error',
      'revoked-at-refresh': 'error',
      'gpo-blocked': 'error',
      unresolved: 'warning',
      'not-required': 'none',
    });
  });

  it('one result per finding not in the desired state, at the snapshot, logically at site and path', () => {
    const log = renderSarif(examples);
    assertValidSarif(log);
    const run = log.runs[0]!;
    // 2 revoked-at-refresh (WEB01) + 2 denied (WEB02) + 1 missing (WEB03) + 0 (WEB04) + 1 gpo-blocked (WEB05).
    assert.deepEqual(
      run.results.map((result) => [result.properties.host, result.ruleId, result.level]),
      [
        ['WEB01', 'revoked-at-refresh', 'error'],
        ['WEB01', 'revoked-at-refresh', 'error'],
        ['WEB02', 'denied', 'error'],
        ['WEB02', 'denied', 'error'],
        ['WEB03', 'missing', 'error'],
        ['WEB05', 'gpo-blocked', 'error'],
      ],
    );
    for (const result of run.results) assert.equal(run.tool.driver.rules[result.ruleIndex]!.id, result.ruleId);
    const shopApi = run.results[3]!;
    assert.match(
      shopApi.message.text,
      /^Site "Shop" path \/api: anonymous account WEB02\\anon-shop \(S-1-5-21-2011844671-2342893436-4137841088-1003\) is denied/,
    );
    const location = shopApi.locations[0]!;
    assert.equal(location.physicalLocation.artifactLocation.index, 1);
    assert.equal(run.artifacts[1]!.location.uri, snapshotUri(examples[1]!.name));
    assert.equal(location.physicalLocation.artifactLocation.uri, run.artifacts[1]!.location.uri);
    assert.deepEqual(location.logicalLocations, [
      { name: 'Shop', fullyQualifiedName: 'WEB02/Shop', kind: 'namespace' },
      { name: '/api', fullyQualifiedName: 'WEB02/Shop/api', kind: 'resource' },
    ]);
    assert.deepEqual(run.results[5]!.properties.causedBy, [
      { id: '{0AA8C852-AFFA-4A5C-8060-C9F1750C8133}', name: 'CONTOSO Hardened Baseline - Computer' },
    ]);
    assert.equal(run.results[0]!.properties.right, 'Access this computer from the network (SeNetworkLogonRight)');
    assert.deepEqual(run.invocations, [{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  it('unresolved is a warning', () => {
    const dropped = judgeEditedCopy('iis10-gpo-blocked', (folder) => {
      const accounts = JSON.parse(readFileSync(join(folder, 'accounts.json'), 'utf8')) as {
        accounts: { name: string }[];
      };
      accounts.accounts = accounts.accounts.filter((account) => account.name !== 'CONTOSO\\svc-anon');
      writeFileSync(join(folder, 'accounts.json'), JSON.stringify(accounts));
    });
    const log = renderSarif([dropped]);
    assertValidSarif(log);
    assert.deepEqual(
      log.runs[0]!.results.map((result) => [result.ruleId, result.level, result.properties.identity]),
      [['unresolved', 'warning', { name: 'CONTOSO\\svc-anon', sid: null }]],
    );
  });

  it('a snapshot that could not be loaded is an error notification, and the invocation did not fully succeed', () => {
    const error = 'fleet/web 07/secedit.inf (line 4): expected a SID after "*", found "*S-1-5-32-5x5"';
    const log = renderSarif([examples[0]!, { kind: 'failed', name: 'fleet/web 07', error }]);
    assertValidSarif(log);
    const invocation = log.runs[0]!.invocations[0]!;
    assert.equal(invocation.executionSuccessful, false);
    assert.deepEqual(invocation.toolExecutionNotifications, [
      {
        level: 'error',
        message: { text: error },
        descriptor: { id: 'invalid-input' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'fleet/web%2007', index: 1 } } }],
      },
    ]);
    assert.equal(log.runs[0]!.artifacts[1]!.location.uri, 'fleet/web%2007');
    assert.equal(log.runs[0]!.results.length, 2);
  });

  it('hostile names and messages still give a schema-valid log', () => {
    const base = examples[0]!;
    const finding = {
      ...plainFinding(base.evaluation.findings[0]!),
      site: 'Site\u0000"<&>\ud800',
      path: '/a b/%2e%2e/\\x',
      message: 'line1\nline2\u0007',
    };
    const log = renderSarif([
      { ...base, name: 'C:\\Snapshots\\web #1?', evaluation: { ...base.evaluation, findings: [finding] } },
    ]);
    assertValidSarif(log);
    assert.equal(log.runs[0]!.artifacts[0]!.location.uri, 'file:///C:/Snapshots/web%20%231%3F');
    assert.equal(log.runs[0]!.results[0]!.message.text, 'line1\nline2\u0007');
  });

  describe('fingerprints', () => {
    const fingerprintsOf = (snapshot: JudgedSnapshot) =>
      renderSarif([snapshot]).runs[0]!.results.map((result) => result.partialFingerprints[FINGERPRINT_KEY]);

    it('are the same on a repeated run, and differ between the problems of one host', () => {
      const first = fingerprintsOf(examples[0]!);
      assert.deepEqual(fingerprintsOf(judgeExample('iis6-gpo-revoked-at-refresh')), first);
      assert.equal(first.length, 2);
      assert.notEqual(first[0], first[1], 'Default Web Site / and Intranet / are two problems');
      for (const fingerprint of first) assert.match(fingerprint!, /^[0-9a-f]{64}$/);
    });

    it('stay the same when the snapshot is collected into another folder (same computer)', () => {
      const elsewhere = judgeEditedCopy('iis6-gpo-revoked-at-refresh', () => {});
      assert.notEqual(elsewhere.name, examples[0]!.name);
      assert.deepEqual(fingerprintsOf(elsewhere), fingerprintsOf(examples[0]!));
    });

    it('stay the same when the problem changes status: revoked-at-refresh becomes gpo-blocked once the refresh ran', () => {
      const afterRefresh = judgeEditedCopy('iis6-gpo-revoked-at-refresh', (folder) =>
        editUtf16(join(folder, 'secedit.inf'), (text) => text.replace(`,*${IUSR_WEB01}`, '')),
      );
      assert.deepEqual(
        afterRefresh.evaluation.findings.map((finding) => finding.status),
        ['gpo-blocked', 'not-required', 'gpo-blocked', 'not-required'],
      );
      assert.deepEqual(fingerprintsOf(afterRefresh), fingerprintsOf(examples[0]!));
    });

    it('change with the computer, and are case-insensitive in site and path like IIS', () => {
      const base = examples[0]!;
      const finding = plainFinding(base.evaluation.findings[0]!);
      const original = findingFingerprint(base, finding);
      assert.notEqual(
        findingFingerprint({ ...base, host: { ...base.host, computerName: 'WEB02' } }, finding),
        original,
      );
      assert.equal(
        findingFingerprint({ ...base, host: { ...base.host, computerName: 'web01', domain: 'contoso' } }, finding),
        original,
      );
      assert.equal(
        findingFingerprint(base, { ...finding, site: 'DEFAULT WEB SITE', path: finding.path.toUpperCase() }),
        original,
      );
      assert.notEqual(findingFingerprint(base, { ...finding, right: 'SeBatchLogonRight' }), original);
      assert.equal(findingFingerprint(base, { ...finding, status: 'missing', message: 'another story' }), original);
      assert.notEqual(
        findingFingerprint(base, { ...finding, role: 'connect-as' }),
        original,
        'the same account as connect-as account is another problem',
      );
    });

    it('use the snapshot name only when host.json does not name the computer, and the identity name only without a SID', () => {
      const base = examples[0]!;
      const finding = plainFinding(base.evaluation.findings[0]!);
      const noHost = { ...base, host: null };
      assert.notEqual(
        findingFingerprint(noHost, finding),
        findingFingerprint({ ...noHost, name: 'elsewhere' }, finding),
      );
      const unresolved = { ...finding, identity: { ...finding.identity, sid: null } };
      assert.equal(
        findingFingerprint(base, unresolved),
        findingFingerprint(base, { ...unresolved, identity: { ...unresolved.identity, name: 'web01\\iusr_web01' } }),
      );
      assert.notEqual(findingFingerprint(base, unresolved), findingFingerprint(base, finding));
    });
  });
});

describe('snapshotUri', () => {
  it('keeps relative paths relative and percent-encodes each segment', () => {
    assert.equal(snapshotUri('examples/snapshots/iis10-healthy'), 'examples/snapshots/iis10-healthy');
    assert.equal(snapshotUri('fleet\\web 01#a'), 'fleet/web%2001%23a');
  });
  it('turns absolute POSIX, Windows drive and UNC paths into file: URIs', () => {
    assert.equal(snapshotUri('/srv/snapshots/web01'), 'file:///srv/snapshots/web01');
    assert.equal(snapshotUri('D:\\snapshots\\web01'), 'file:///D:/snapshots/web01');
    assert.equal(snapshotUri('\\\\fileserver\\share\\web01'), 'file://fileserver/share/web01');
  });
});
