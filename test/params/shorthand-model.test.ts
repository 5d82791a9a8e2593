// Expected values were captured with test/params/capture/visitor.py: the
// installed awscli (1.45.11) ShorthandParser + BackCompatVisitor over the same
// made-up model (CopySnapshot has no integer or boolean inside a shorthand
// option, so the model below exercises those rules).
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import type { Shape, StructureShape } from '../../src/model/shapes.js';
import { applyShorthandModel } from '../../src/params/shorthand-model.js';
import { parseShorthand } from '../../src/params/shorthand.js';
import { pyRepr } from '../../src/python/repr.js';

const member = (name: string, shape: Shape) => ({ name, wireName: name, shape, summary: '' });
const int: Shape = { type: 'integer' };
const bool: Shape = { type: 'boolean' };
const strs: Shape = { type: 'list', member: { type: 'string' } };
const inner: StructureShape = { type: 'structure', members: [member('N', int), member('B', bool), member('L', strs)] };
const top: StructureShape = {
  type: 'structure',
  members: [member('Count', int), member('Flag', bool), member('Names', strs), member('Items', { type: 'list', member: inner }), member('Inner', inner)],
};
const topList: Shape = { type: 'list', member: top };

function outcome(words: string[]): { repr?: string; general?: string } {
  try {
    return { repr: pyRepr(applyShorthandModel(words.map((w) => parseShorthand(w)), topList)) };
  } catch (e) {
    if (e instanceof CliError && e.kind === 'general') return { general: e.message };
    throw e;
  }
}

describe('applyShorthandModel', () => {
  it.each([
    [['Count=15'], { repr: "[{'Count': 15}]" }],
    [['Count= +1_5 '], { repr: "[{'Count': 15}]" }],
    [['Count=abc'], { general: "invalid literal for int() with base 10: 'abc'" }],
    [['Count=1.5'], { general: "invalid literal for int() with base 10: '1.5'" }],
    [['Count=[1,2]'], { general: "int() argument must be a string, a bytes-like object or a real number, not 'list'" }],
    [['Count={a=1}'], { general: "int() argument must be a string, a bytes-like object or a real number, not 'dict'" }],
    [['Count=١٢'], { repr: "[{'Count': 12}]" }],
    [['Count=99999999999999999999'], { repr: "[{'Count': 99999999999999999999}]" }],
    [['Flag=TRUE'], { repr: "[{'Flag': True}]" }],
    [['Flag=False'], { repr: "[{'Flag': False}]" }],
    [['Flag=yes'], { repr: "[{'Flag': 'yes'}]" }],
    [['Flag=[true]'], { general: "'list' object has no attribute 'lower'" }],
    [['Flag={a=b}'], { general: "'dict' object has no attribute 'lower'" }],
    [['Names=a'], { repr: "[{'Names': ['a']}]" }],
    [['Names=a,b'], { repr: "[{'Names': ['a', 'b']}]" }],
    [['Names=[a]'], { repr: "[{'Names': ['a']}]" }],
    [['Names='], { repr: "[{'Names': ['']}]" }],
    [['Items={N=5,B=true}'], { repr: "[{'Items': [{'N': '5', 'B': 'true'}]}]" }],
    [['Items=[{N=5,B=true},{N=6,L=x}]'], { repr: "[{'Items': [{'N': 5, 'B': True}, {'N': 6, 'L': ['x']}]}]" }],
    [['Items=x'], { repr: "[{'Items': ['x']}]" }],
    [['Inner={N=7,L=z,B=false,Zed=1}'], { repr: "[{'Inner': {'N': 7, 'L': ['z'], 'B': False, 'Zed': '1'}}]" }],
    [['Unknown=1,Count=2'], { repr: "[{'Unknown': '1', 'Count': 2}]" }],
    [['Count=1', 'Count=2,Flag=true'], { repr: "[{'Count': 1}, {'Count': 2, 'Flag': True}]" }],
    [['Inner=abc'], { repr: "[{'Inner': 'abc'}]" }],
    [['Items=[x,{N=1}]'], { repr: "[{'Items': ['x', {'N': 1}]}]" }],
  ])('%j', (words, expected) => {
    expect(outcome(words)).toEqual(expected);
  });

  it('never replaces the value it is given (a dict where a list is expected stays a dict)', () => {
    const dict = parseShorthand('Count=1');
    expect(applyShorthandModel(dict, topList)).toBe(dict);
    expect(pyRepr(dict)).toBe("{'Count': '1'}");
  });
});
