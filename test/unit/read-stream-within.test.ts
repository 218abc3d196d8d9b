import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { InputError } from '../../src/core/errors';
import { readStreamWithin } from '../../src/io/read-limited';

/**
 * readStreamWithin is how the CLI reads stdin under --timeout on every platform (on Windows a
 * pipe cannot be read without blocking synchronously, so this is what makes the option work
 * there). These run it on in-memory streams: the answer, and that the stream is let go of, not
 * how long anything took.
 */
describe('readStreamWithin: stdin under --timeout', () => {
  async function refusal(promise: Promise<Buffer>): Promise<InputError> {
    try {
      await promise;
    } catch (error) {
      assert.ok(error instanceof InputError, String(error));
      return error;
    }
    assert.fail('expected a refusal');
  }

  it('a stream that never ends is refused once the time is up, saying how much came, and destroyed', async () => {
    const stream = new PassThrough();
    stream.write('{"factsVersion": 1');
    const error = await refusal(readStreamWithin(stream, 'stdin', 1024, 0.05));
    assert.equal(
      error.message,
      'stdin: expected input that ends within 0.05 s (--timeout), found 18 bytes and no end by then',
    );
    assert.equal(stream.destroyed, true, 'a writer that never closes cannot keep the process alive');
  });

  it('nothing at all is "nothing"', async () => {
    const error = await refusal(readStreamWithin(new PassThrough(), 'stdin', 1024, 0.01));
    assert.match(error.message, /found nothing and no end by then$/);
  });

  it('a stream that ends in time gives its bytes, whatever the chunks', async () => {
    const stream = new PassThrough();
    const read = readStreamWithin(stream, 'stdin', 1024, 3600);
    stream.write('{"a": ');
    stream.write(Buffer.from('"\u00e9"}'));
    stream.end();
    assert.equal((await read).toString('utf8'), '{"a": "\u00e9"}');
    assert.equal(stream.destroyed, true);
  });

  it('more than the limit is refused as soon as it goes over, without waiting for the end', async () => {
    const stream = new PassThrough();
    const read = readStreamWithin(stream, 'stdin', 10, 3600);
    stream.write('0123456789');
    stream.write('x');
    const error = await refusal(read);
    assert.equal(error.message, 'stdin: expected input of at most 10 bytes, found more (reading stopped there)');
  });

  it('a read error is an InputError naming the stream', async () => {
    const stream = new PassThrough();
    const read = readStreamWithin(stream, 'stdin', 1024, 3600);
    stream.destroy(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' }));
    const error = await refusal(read);
    assert.match(error.message, /^stdin: expected readable input, found /);
  });
});
