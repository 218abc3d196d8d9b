import assert from 'node:assert/strict';
import { normalizeGpoId } from '../../src/core/group-policy';
import type {
  AccountDirectory,
  GroupPolicyResult,
  IisConfiguration,
  PolicyHolder,
  SecurityTemplate,
} from '../../src/core/model';
import { canonicalRightName } from '../../src/core/rights';
import { normalizeSid } from '../../src/core/sids';
import { lineCount } from './harness';

/**
 * Invariants of accepted models: what any consumer may rely on whatever the input was. A
 * mutation that slips through a parser's checks shows up here as a model that breaks one.
 */

const LOGON_METHODS = new Set(['Interactive', 'Batch', 'Network', 'ClearText']);
const IDENTITY_TYPES = new Set([
  'LocalSystem',
  'LocalService',
  'NetworkService',
  'SpecificUser',
  'ApplicationPoolIdentity',
]);
const SCOPE_KINDS = new Set(['site', 'application', 'virtual-directory', 'location']);

function checkLine(line: number | undefined, lines: number, what: string): void {
  if (line === undefined) return;
  assert.ok(
    Number.isInteger(line) && line >= 1 && line <= lines,
    `${what}: line ${line} is within the document's ${lines} lines`,
  );
}

export function checkHolder(holder: PolicyHolder): void {
  if (holder.kind === 'sid')
    assert.equal(normalizeSid(holder.sid), holder.sid, `holder SID ${holder.sid} is normalised`);
  else
    assert.ok(
      holder.name !== '' && holder.name === holder.name.trim(),
      `holder name ${JSON.stringify(holder.name)} is trimmed and not empty`,
    );
}

function checkRightKey(right: string): void {
  assert.ok(right.trim() !== '', 'a right has a name');
  assert.equal(
    canonicalRightName(right) ?? right,
    right,
    `a known right (${right}) is stored under its canonical name`,
  );
}

export function checkSecurityTemplate(template: SecurityTemplate, text: string): void {
  const lines = lineCount(text);
  for (const [key, assignment] of template.privilegeRights ?? []) {
    assert.equal(key, assignment.right);
    checkRightKey(key);
    assert.ok(assignment.line !== undefined, 'a template assignment has its line');
    checkLine(assignment.line, lines, key);
    assignment.holders.forEach(checkHolder);
  }
  assert.equal(
    new Set(template.sections.map((section) => section.toLowerCase())).size,
    template.sections.length,
    'each section is listed once',
  );
  for (const diagnostic of template.diagnostics) checkLine(diagnostic.line, lines, diagnostic.code);
}

export function checkIisConfiguration(configuration: IisConfiguration, text: string): void {
  const lines = lineCount(text);
  for (const [key, pool] of configuration.applicationPools) {
    assert.equal(key, pool.name.toLowerCase(), 'pools are keyed by lower-cased name');
    assert.ok(IDENTITY_TYPES.has(pool.identityType), `identity type ${pool.identityType}`);
    assert.ok(pool.logonType === 'LogonBatch' || pool.logonType === 'LogonService', `logon type ${pool.logonType}`);
    if (pool.identityType !== 'SpecificUser')
      assert.equal(pool.userName, '', 'only a SpecificUser pool has a user name');
    checkLine(pool.line, lines, `pool ${pool.name}`);
  }
  const seen = new Set<string>();
  for (const scope of configuration.scopes) {
    assert.ok(SCOPE_KINDS.has(scope.kind), `scope kind ${scope.kind}`);
    assert.ok(scope.path.startsWith('/'), `scope path ${scope.path} is site-relative`);
    assert.ok(LOGON_METHODS.has(scope.anonymous.logonMethod), `logon method ${scope.anonymous.logonMethod}`);
    assert.equal(typeof scope.anonymous.enabled, 'boolean');
    assert.equal(typeof scope.anonymous.userName, 'string');
    assert.ok(scope.applicationPool === null || scope.applicationPool !== '', 'no pool is null, not ""');
    checkLine(scope.line, lines, `scope ${scope.site} ${scope.path}`);
    // One scope per site and path: IIS resolves a URL to one effective configuration.
    const key = `${scope.site.toLowerCase()}\u0000${scope.path.toLowerCase()}`;
    if (configuration.format === 'applicationHost.config') {
      assert.ok(!seen.has(key), `one scope for site ${scope.site} path ${scope.path}`);
      seen.add(key);
    }
  }
  for (const diagnostic of configuration.diagnostics) checkLine(diagnostic.line, lines, diagnostic.code);
}

export function checkGroupPolicyResult(result: GroupPolicyResult, text: string | undefined): void {
  const lines = text === undefined ? Number.MAX_SAFE_INTEGER : lineCount(text);
  for (const gpo of result.gpos) assert.equal(normalizeGpoId(gpo.id), gpo.id, `GPO id ${gpo.id} is normalised`);
  const applied = new Set<string>();
  for (const assignment of result.assignments) {
    checkRightKey(assignment.right);
    assert.equal(normalizeGpoId(assignment.gpo.id), assignment.gpo.id, `GPO id ${assignment.gpo.id} is normalised`);
    assert.ok(assignment.gpo.name !== '', 'a GPO has a name (its id when it has none)');
    assert.ok(
      Number.isInteger(assignment.precedence) && assignment.precedence >= 1 && assignment.precedence <= 0xffffffff,
      `precedence ${assignment.precedence}`,
    );
    if (assignment.precedence === 1) {
      assert.ok(!applied.has(assignment.right), `one applied (precedence 1) entry for ${assignment.right}`);
      applied.add(assignment.right);
    }
    assignment.holders.forEach(checkHolder);
    checkLine(assignment.line, lines, assignment.right);
  }
  for (const diagnostic of result.diagnostics) checkLine(diagnostic.line, lines, diagnostic.code);
}

export function checkAccountDirectory(directory: AccountDirectory): void {
  for (const account of directory.accounts) {
    assert.equal(normalizeSid(account.sid), account.sid, `account SID ${account.sid} is normalised`);
    for (const group of account.groups) assert.equal(normalizeSid(group), group, `group SID ${group} is normalised`);
    assert.ok(account.name !== '', 'an account has a name');
  }
  for (const entry of directory.unresolved) assert.ok(entry.name !== '', 'an unresolved entry has a name');
}
