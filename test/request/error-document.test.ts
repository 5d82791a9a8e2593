// Error answers read as botocore's EC2 parser reads them. The expected texts
// are what AWS CLI v1 (botocore 1.43.11) printed for the same bodies (the
// differential cases xml2-error-* and xml2-errors-* run them end to end).
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { errorDocumentError, readErrorDocument } from '../../src/request/error-document.js';
import { PYTHON_NESTING_LIMIT, readXml } from '../../src/request/xml-check.js';

const read = (body: string) => readErrorDocument(readXml(body).root!);
const ERRS = (inner: string) => `<Response><Errors>${inner}</Errors><RequestID>r</RequestID></Response>`;

describe('readErrorDocument', () => {
  it.each([
    ['EC2 answer', ERRS('<Error><Code>InvalidSnapshot.NotFound</Code><Message>gone</Message></Error>'), 'InvalidSnapshot.NotFound', 'gone'],
    ['the first of several errors', ERRS('<Error><Code>A</Code><Message>first</Message></Error><Error><Code>B</Code><Message>second</Message></Error>'), 'A', 'first'],
    ['no message', ERRS('<Error><Code>A</Code></Error>'), 'A', 'Unknown'],
    ['an empty message (None)', ERRS('<Error><Code>A</Code><Message/></Error>'), 'A', 'None'],
    ['whitespace kept', ERRS('<Error><Code>A</Code><Message>\n  </Message></Error>'), 'A', '\n  '],
    ['markup in the message: a dict', ERRS('<Error><Code>A</Code><Message>hi <b>x</b> there</Message></Error>'), 'A', "{'b': 'x'}"],
    [
      'repeated and empty children',
      ERRS(`<Error><Code>A</Code><Message><a>it's</a><b/><c>é"x'</c><a>again</a></Message></Error>`),
      'A',
      `{'a': {}, 'b': None, 'c': 'é"x\\''}`,
    ],
    ['a repeated message: the first one, as a dict of its children', ERRS('<Error><Code>A</Code><Message>one</Message><Message>two</Message></Error>'), 'A', '{}'],
    ['Error at the top level', '<ErrorResponse><Error><Code>C</Code><Message>M</Message></Error></ErrorResponse>', 'C', 'M'],
    ['errors with text only, repeated', ERRS('<Error>x</Error><Error>y</Error>'), 'Unknown', 'Unknown'],
    ['no error at all', '<html><body>Not Found</body></html>', 'Unknown', 'Unknown'],
    ['a tag named like an Object property', ERRS('<Error><Code>A</Code><Message><constructor>c</constructor><__proto__>p</__proto__></Message></Error>'), 'A', "{'constructor': 'c', '__proto__': 'p'}"],
  ])('%s', (_, body, code, message) => {
    expect(read(body)).toEqual({ code, message });
  });

  it.each([
    ['an Error with only text', ERRS('<Error>x</Error>'), "'str' object has no attribute 'get'"],
    ['an empty Error', ERRS('<Error/>'), "'NoneType' object has no attribute 'get'"],
    ['Errors with only text', '<Response><Errors>ab</Errors></Response>', 'dictionary update sequence element #0 has length 1; 2 is required'],
    ['an empty Errors', '<Response><Errors/></Response>', "'NoneType' object is not iterable"],
    ['markup in the code', ERRS('<Error><Code><b>x</b></Code><Message>m</Message></Error>'), "unhashable type: 'dict'"],
  ])("%s: Python's exception", (_, body, message) => {
    expect(() => read(body)).toThrow(new CliError('general', message));
  });

  it("nested as deep as Python's recursion limit: v1's RecursionError", () => {
    const nested = (levels: number) => ERRS(`${'<x>'.repeat(levels)}${'</x>'.repeat(levels)}`);
    expect(read(nested(PYTHON_NESTING_LIMIT - 3))).toEqual({ code: 'Unknown', message: 'Unknown' });
    expect(() => read(nested(PYTHON_NESTING_LIMIT - 2))).toThrow(new CliError('general', 'maximum recursion depth exceeded while calling a Python object'));
  });
});

describe('errorDocumentError', () => {
  it('looks like an SDK service error', () => {
    const e = errorDocumentError(readXml(ERRS('<Error><Code>RequestLimitExceeded</Code><Message>slow</Message></Error>')).root!, 503);
    expect({ ...e }).toEqual({
      name: 'RequestLimitExceeded',
      $fault: 'server',
      $metadata: { httpStatusCode: 503 },
      $reason: 'slow',
      Error: { Code: 'RequestLimitExceeded', Message: 'slow' },
    });
  });
});
