import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { loadSnapshotFolder } from '../../src/io/snapshot';
import { MINIMAL_ACCOUNTS, MINIMAL_APPLICATION_HOST, MINIMAL_SECEDIT, makeSnapshotFolder } from '../helpers/cli';
import { inputErrorFrom } from '../helpers/errors';

/**
 * The other files of a snapshot are read and parsed before the IIS configuration (facts.ts), but
 * of several faults the one reported is still the first in the files' own order: secedit.inf,
 * the IIS configuration, gpresult.xml, rsop.json, accounts.json, host.json.
 */
describe('a snapshot with several faults reports the first, in the order the files are read', () => {
  const broken = {
    'gpresult.xml': '<Rsop',
    'rsop.json': '[',
    'accounts.json': '{"accounts": [',
    'host.json': '{',
  };

  function firstFault(files: Record<string, string>): string {
    const folder = makeSnapshotFolder({ 'secedit.inf': MINIMAL_SECEDIT, ...files });
    try {
      return basename(inputErrorFrom(() => loadSnapshotFolder(folder.path)).file);
    } finally {
      folder.cleanup();
    }
  }

  it('the IIS configuration before every other file', () => {
    assert.equal(firstFault({ 'applicationHost.config': '<configuration>', ...broken }), 'applicationHost.config');
    assert.equal(firstFault({ 'MetaBase.xml': '<configuration', ...broken }), 'MetaBase.xml');
    assert.match(firstFault({ ...broken }), /^iis-logon-rights-/, 'neither configuration: the folder is named');
  });

  it('then gpresult.xml, rsop.json, accounts.json and host.json in turn', () => {
    const files: Record<string, string> = { 'applicationHost.config': MINIMAL_APPLICATION_HOST, ...broken };
    assert.equal(firstFault(files), 'gpresult.xml');
    delete files['gpresult.xml'];
    assert.equal(firstFault(files), 'rsop.json');
    delete files['rsop.json'];
    assert.equal(firstFault(files), 'accounts.json');
    files['accounts.json'] = MINIMAL_ACCOUNTS;
    assert.equal(firstFault(files), 'host.json');
  });
});
