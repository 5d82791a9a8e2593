"""Reference answers for shorthand-model.test.ts: the installed awscli's
ShorthandParser + BackCompatVisitor on a small made-up model with integer,
boolean, list and nested structure members (the CopySnapshot model has none).

    echo '[["Count=15"], ["Flag=yes"]]' | python3 test/params/capture/visitor.py
"""
import json, sys
from botocore.model import ShapeResolver
from awscli.shorthand import ShorthandParser, BackCompatVisitor
r = ShapeResolver({
  'Top': {'type': 'structure', 'members': {'Count': {'shape': 'Int'}, 'Flag': {'shape': 'Bool'}, 'Names': {'shape': 'Strs'}, 'Items': {'shape': 'Items'}, 'Inner': {'shape': 'Inner'}}},
  'Int': {'type': 'integer'}, 'Bool': {'type': 'boolean'}, 'Str': {'type': 'string'},
  'Strs': {'type': 'list', 'member': {'shape': 'Str'}},
  'Items': {'type': 'list', 'member': {'shape': 'Inner'}},
  'Inner': {'type': 'structure', 'members': {'N': {'shape': 'Int'}, 'B': {'shape': 'Bool'}, 'L': {'shape': 'Strs'}}},
  'TopList': {'type': 'list', 'member': {'shape': 'Top'}},
})
top = r.get_shape_by_name('TopList')
for words in json.load(sys.stdin):
    try:
        parsed = [ShorthandParser().parse(w) for w in words]
        BackCompatVisitor().visit(parsed, top)
        print(json.dumps({'repr': repr(parsed)}, ensure_ascii=False))
    except Exception as e:
        print(json.dumps({'general': str(e)}, ensure_ascii=False))
