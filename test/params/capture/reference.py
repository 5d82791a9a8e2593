"""Reference answers from the installed AWS CLI v1 (1.45.11) code, in-process.

Reads a JSON list of cases on stdin, prints a JSON list of results. Each case is
{"mode": ..., "input": ...}; modes:

  shorthand   input: str        -> {"repr": repr(parsed)} | {"error": msg} | {"general": msg}
  words       input: [str]      -> the real --tag-specifications handling of these
                                   argparse words (ParamShorthandParser, then
                                   unpack_cli_arg), as {"repr": ...} or errors
  value       input: str        -> the same for one string (a file:// value)
  json        input: str        -> json.loads(input, object_pairs_hook=OrderedDict)
  jsonplain   input: str        -> json.loads(input)
  wordsvalidate input: [str]    -> words parsed as above, then validated as the
                                   TagSpecifications of {SourceRegion, SourceSnapshotId}
  validate    input: JSON text  -> {"report": botocore's ParamValidator report for CopySnapshot}
  int         input: str        -> int(input)

Syntax errors are reported in the fixed (1.45.53+) form: 1.45.11 prints the
literal "{self._error_location()}", so the location is taken from the
exception's own _error_location() (its expected/actual/index are the real ones).

This only drives the AWS CLI's modules to produce expected values for the
tests; nothing from it is part of copy-snapshot.
"""
import json
import sys
from collections import OrderedDict

import botocore.session
from awscli import shorthand
from awscli.argprocess import ParamError, ParamShorthandParser, unpack_cli_arg
from botocore.validate import ParamValidator

session = botocore.session.get_session()
op = session.get_service_model('ec2').operation_model('CopySnapshot')
INPUT = op.input_shape
TAGSPEC = INPUT.members['TagSpecifications']


class FakeArgument:
    name = 'tag-specifications'
    cli_name = '--tag-specifications'
    py_name = 'tag_specifications'
    argument_model = TAGSPEC


def syntax_message(e):
    if isinstance(e, shorthand.ShorthandParseSyntaxError):
        return "Expected: '%s', received: '%s' for input:\n%s" % (
            e.expected, e.actual, e._error_location())
    return str(e)


def run(case):
    mode, value = case['mode'], case['input']
    try:
        if mode == 'shorthand':
            return {'repr': repr(shorthand.ShorthandParser().parse(value))}
        if mode == 'wordsvalidate':
            parsed = run({'mode': 'words', 'input': value})
            if 'repr' not in parsed:
                return parsed
            out = ParamShorthandParser()(FakeArgument, value, 'process-cli-arg.ec2.copy-snapshot')
            if out is None:
                out = unpack_cli_arg(FakeArgument, value)
            params = {'SourceRegion': 'a', 'SourceSnapshotId': 'b', 'TagSpecifications': out}
            report = ParamValidator().validate(params, INPUT)
            return {'report': report.generate_report() if report.has_errors() else ''}
        if mode in ('words', 'value'):
            handler = ParamShorthandParser()
            try:
                out = handler(FakeArgument, value, 'process-cli-arg.ec2.copy-snapshot')
                if out is None:
                    out = unpack_cli_arg(FakeArgument, value)
            except ParamError as e:
                cause = e.__context__
                if isinstance(cause, shorthand.ShorthandParseSyntaxError):
                    return {'error': "Error parsing parameter '--tag-specifications': " + syntax_message(cause)}
                return {'error': str(e)}
            return {'repr': repr(out)}
        if mode == 'json':
            return {'repr': repr(json.loads(value, object_pairs_hook=OrderedDict))}
        if mode == 'jsonplain':
            return {'repr': repr(json.loads(value))}
        if mode == 'validate':
            report = ParamValidator().validate(json.loads(value), INPUT)
            return {'report': report.generate_report() if report.has_errors() else ''}
        if mode == 'int':
            return {'repr': repr(int(value))}
        raise SystemExit('unknown mode ' + mode)
    except shorthand.ShorthandParseError as e:
        return {'error': syntax_message(e)}
    except ValueError as e:
        return {'valueerror': str(e)}
    except Exception as e:  # Python-level failures the CLI prints as they are
        return {'general': str(e), 'type': type(e).__name__}


print(json.dumps([run(c) for c in json.load(sys.stdin)]))
