import assert from 'node:assert/strict';
import { parseApplicationHostConfig } from '../../src/parse/applicationhost';

/** Which element a connect-as account comes from, as the finding names it, and blank values. */

function connectAsOf(directory: string, defaults = '') {
  const text = [
    '<configuration><system.applicationHost><applicationPools><add name="P" /></applicationPools><sites>',
    '<site name="S" id="1">',
    '<application path="/" applicationPool="P">',
    `<virtualDirectory path="/" physicalPath="\\\\fs\\share" ${directory} />`,
    '</application>',
    defaults,
    '</site>',
    '</sites></system.applicationHost></configuration>',
  ].join('\n');
  return parseApplicationHostConfig(text, 'applicationHost.config').scopes[0]!.connectAs;
}

describe('connect-as: where the account is written, and blank values', () => {
  it("a directory's own padded userName, trimmed, defined at its <virtualDirectory> line", () => {
    assert.deepEqual(connectAsOf('userName="  C\\web  " password=""'), {
      userName: 'C\\web',
      logonMethod: 'ClearText',
      passwordSet: false,
      physicalPath: '\\\\fs\\share',
      definedAt: '<virtualDirectory path="/"> (line 4)',
    });
  });

  it('an account from the defaults is defined at the <virtualDirectoryDefaults> line', () => {
    const credentials = connectAsOf('', '<virtualDirectoryDefaults userName="C\\site" password="x" />');
    assert.deepEqual(
      [credentials?.userName, credentials?.passwordSet, credentials?.definedAt],
      ['C\\site', true, '<virtualDirectoryDefaults> (line 6)'],
    );
  });

  it('a blank userName names no account, even over a default', () => {
    assert.equal(connectAsOf('userName="   "', '<virtualDirectoryDefaults userName="C\\site" />'), undefined);
    assert.equal(connectAsOf(''), undefined);
  });

  it('no password written anywhere is no password', () => {
    assert.equal(connectAsOf('userName="C\\web"')?.passwordSet, false);
  });
});
