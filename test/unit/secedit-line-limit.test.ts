import assert from 'node:assert/strict';
import { MAX_INF_LINE_LENGTH } from '../../src/core/limits';
import { parseSecurityTemplateText } from '../../src/parse/secedit-inf';
import { inputErrorFrom } from '../helpers/errors';

/**
 * The line limit of a security template, with a line that is cheap to read at the limit (a
 * comment): secedit-inf.test.ts checks it with a privilege line, a test the mutation run skips
 * for its cost.
 */

describe('security template: the line limit, with a comment line', () => {
  const template = (comment: string) =>
    `[Unicode]\nUnicode=yes\n${comment}\n[Privilege Rights]\nSeNetworkLogonRight = *S-1-1-0\n`;

  it('a comment line of exactly the limit is read; one character more is refused on its line', () => {
    const atLimit = parseSecurityTemplateText(template(`;${'x'.repeat(MAX_INF_LINE_LENGTH - 1)}`), 'secedit.inf');
    assert.deepEqual([...(atLimit.privilegeRights?.keys() ?? [])], ['SeNetworkLogonRight']);
    const error = inputErrorFrom(() =>
      parseSecurityTemplateText(template(`;${'x'.repeat(MAX_INF_LINE_LENGTH)}`), 'secedit.inf'),
    );
    assert.equal(
      error.message,
      `secedit.inf (line 3): expected lines of at most ${MAX_INF_LINE_LENGTH} characters, found a line of ${MAX_INF_LINE_LENGTH + 1} characters`,
    );
  });
});
