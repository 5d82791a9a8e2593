// Differential fuzzing against the installed AWS CLI's own code (dev tool, not
// part of the test suite): generates seeded random inputs, asks reference.py
// for the AWS CLI's answers and compares them with src/params and src/python.
//
//   node test/params/capture/fuzz-diff.mjs <mode> <count> [seed]
//   modes: shorthand shorthand2 words words2 value value2 json json2 jsonplain
//          jsonplain2 validate wv jwords int
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const work = mkdtempSync(join(tmpdir(), 'cs-fuzz-'));
writeFileSync(join(work, 'entry.ts'), [
  'params/shorthand', 'params/shorthand-model', 'params/list-arg', 'params/validate', 'python/json', 'python/repr', 'python/int', 'python/value',
].map((f) => `export * from '${root}/src/${f}.js';`).join('\n') +
  `\nexport { COPY_SNAPSHOT } from '${root}/src/model/copy-snapshot.js';\nexport * from '${root}/src/errors.js';\n`);
await build({ entryPoints: [join(work, 'entry.ts')], bundle: true, format: 'esm', platform: 'node', outfile: join(work, 'bundle.mjs'), logLevel: 'warning' });
const m = await import(join(work, 'bundle.mjs'));
const [mode, countArg, seedArg] = process.argv.slice(2);
let seed = Number(seedArg ?? 1);
const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const pick = (a) => a[Math.floor(rnd() * a.length)];
const SH = ['a','b','K','=','=',',',',','[',']','{','}',"'",'"','\\',' ','\n','\t','@',':','.','x','1','é','😀','\u00a0','\x0b','Key','Value','=[','={',',',' ,','\\,','ResourceType','Tags','\r','\x1c','\u3000'];
const JS = ['{','}','[',']',',',':','"','"a"','"','1','-','0','.','e','E','+','2',' ','\n','\t','\\','u','d','8','0','x','null','true','NaN','Infinity','-Infinity','"\\u','"\\ud83d\\ude00"','é','😀','\x01','\ufeff','nul',' '];
function gen(alpha, maxLen) { let s=''; const n=Math.floor(rnd()*maxLen); for(let i=0;i<n;i++) s+=pick(alpha); return s; }
const tag = m.COPY_SNAPSHOT.input.members.find(x=>x.name==='TagSpecifications').shape;
const loadParamfile = (v) => { throw new m.CliError('general', `Unable to load paramfile ${v}: [Errno 2] No such file or directory: '${v.replace(/^fileb?:\/\//,'')}'`); };
function mine(c) {
  try {
    let v;
    if (c.mode==='shorthand') v = m.parseShorthand(c.input, {loadParamfile});
    else if (c.mode==='json') v = m.jsonLoads(c.input, {orderedDict:true});
    else if (c.mode==='jsonplain') v = m.jsonLoads(c.input);
    else if (c.mode==='words') v = m.parseListArgument(c.input, '--tag-specifications', tag, {loadParamfile});
    else if (c.mode==='value') v = m.parseListArgumentValue(c.input, '--tag-specifications', tag, {loadParamfile});
    else if (c.mode==='int') v = m.pythonInt(c.input);
    else if (c.mode==='wordsvalidate') { const t = m.parseListArgument(c.input, '--tag-specifications', tag, {loadParamfile}); return {report: m.validateParams({SourceRegion:'a', SourceSnapshotId:'b', TagSpecifications: t}, m.COPY_SNAPSHOT.input).join('\n')}; }
    else if (c.mode==='validate') { const o = m.jsonLoads(c.input); return {report: m.validateParams(o, m.COPY_SNAPSHOT.input).join('\n')}; }
    return {repr: m.pyRepr(v)};
  } catch (e) {
    if (e instanceof m.ShorthandSyntaxError) return {error: e.message};
    if (e instanceof m.ParamError) return {error: e.message};
    if (e instanceof m.PythonJsonError) return {valueerror: e.message};
    if (e instanceof m.CliError) return {general: e.message};
    return {crash: String(e && e.stack)};
  }
}

const KEYS=['a','b','Key','Value','ResourceType','Tags','x.y','k#1','','a/b:c','-_'];
const VALS=['v','snapshot','1','true','a b','x=y','é😀',"'q,x'","'it\\'s'",'"d,\\"q\\""',"'\\\\'",'"\\\\\\\\"','a\\,b','  sp  ','a\nb','[]','{}','',"''",'""','\u00a0v\u00a0','}','\\','file://x'];
function gval(d){ const r=rnd(); if(d<3&&r<0.2) return '['+Array.from({length:Math.floor(rnd()*4)},()=>gval(d+1)).join(pick([',',', ',' ,']))+(rnd()<0.2?',':'')+']'; if(d<3&&r<0.4) return '{'+Array.from({length:Math.floor(rnd()*3)},()=>pick(KEYS)+pick(['=','@=',' = '])+gval(d+1)).join(pick([',',', ']))+'}'; return pick(VALS); }
function gtop(){ const n=1+Math.floor(rnd()*3); const parts=[]; for(let i=0;i<n;i++){ let v=gval(0); if(rnd()<0.3) v=v+','+pick(VALS)+(rnd()<0.5?','+pick(VALS):''); parts.push(pick(KEYS)+pick(['=','=','@=',' =',' @ = '])+v);} let s=parts.join(pick([',',',',', ',' ,'])); if(rnd()<0.3){ const p=Math.floor(rnd()*(s.length+1)); s = rnd()<0.5 ? s.slice(0,p)+pick(SH)+s.slice(p) : s.slice(0,p)+s.slice(p+1);} return s; }

const JKEYS=['"a"','"ResourceType"','"Tags"','"Key"','"Value"','"1"','"__proto__"','"a"','"\\u00e9"','"é😀"','"q\'s"','"b\\"c"'];
const JVALS=['1','1.0','-0','-0.0','1e5','1E-7','123456789012345678901234567890','9007199254740993','0.1','1e400','-1e-400','NaN','Infinity','-Infinity','true','false','null','"s"','"x\\ny"','"\\ud83d\\ude00"','"\\ud800"','"\'"','"\\""','"\\\\"','"\\u0001\\u007f\\u0085\\u00ad"','"é"','[]','{}','1.5','100000000000000000.0','1e16','1e15','0.0001','0.00001','12345.678e10'];
function jval(d){ const r=rnd(); if(d<4&&r<0.2) return '['+Array.from({length:Math.floor(rnd()*4)},()=>jval(d+1)).join(pick([',',', ',' ,\n']))+']'; if(d<4&&r<0.4) return '{'+Array.from({length:Math.floor(rnd()*4)},()=>pick(JKEYS)+pick([':',' : '])+jval(d+1)).join(pick([',',', ']))+'}'; return pick(JVALS); }
function jmut(){ let s=jval(0); if(rnd()<0.4){ const p=Math.floor(rnd()*(s.length+1)); s = rnd()<0.5 ? s.slice(0,p)+pick(JS)+s.slice(p) : s.slice(0,p)+s.slice(p+1);} if(rnd()<0.2) s=pick([' ','\n','\t\r'])+s+pick([' ','\n','']); return s; }
const MEMBERS=['Description','DestinationOutpostArn','DestinationRegion','Encrypted','KmsKeyId','PresignedUrl','SourceRegion','SourceSnapshotId','TagSpecifications','CompletionDurationMinutes','DestinationAvailabilityZone','DryRun','Foo','1','b'];
const VVALS=['"x"','1','0','-5','true','false','null','1.0','[]','{}','["a"]','{"a":1}','[{"ResourceType":"snapshot","Tags":[{"Key":"k","Value":"v"}]}]','[{"ResourceType":1,"Tags":{"Key":"k"},"X":2}]','[{"Tags":[{"Key":1,"Value":null,"Z":"q"},"s",[]]}]','["s"]','[null]','123456789012345678901234567890','-123456789012345678901234567890','NaN','"é\\n"'];
function vgen(){ const n=Math.floor(rnd()*5); return '{'+Array.from({length:n},()=>'"'+pick(MEMBERS)+'":'+pick(VVALS)).join(',')+'}'; }
const cases = [];
const N = Number(countArg);
for (let i=0;i<N;i++) {
  if (mode==='shorthand') cases.push({mode, input: gen(SH, 20)});
  else if (mode==='json2') cases.push({mode:'json', input: jmut()});
  else if (mode==='jsonplain2') cases.push({mode:'jsonplain', input: jmut()});
  else if (mode==='validate') cases.push({mode, input: vgen()});
  else if (mode==='wv') cases.push({mode:'wordsvalidate', input: rnd()<0.5 ? [pick(['[','{'])+pick(VVALS)+pick([']','}'])] : rnd()<0.5 ? ['['+pick(VVALS)+','+vgen()+']'] : Array.from({length:1+Math.floor(rnd()*2)},gtop)});
  else if (mode==='jwords') cases.push({mode:'words', input: Array.from({length:1+Math.floor(rnd()*2)},jmut)});
  else if (mode==='shorthand2') cases.push({mode:'shorthand', input: gtop()});
  else if (mode==='words2') cases.push({mode:'words', input: Array.from({length:Math.floor(rnd()*3)},gtop)});
  else if (mode==='value2') cases.push({mode:'value', input: gtop()});
  else if (mode==='json' || mode==='jsonplain') cases.push({mode, input: gen(JS, 14)});
  else if (mode==='words') { const k=Math.floor(rnd()*3); const w=[]; for(let j=0;j<k;j++) w.push(rnd()<0.3? gen(JS,10) : gen(SH,14)); cases.push({mode, input:w}); }
  else if (mode==='value') cases.push({mode, input: rnd()<0.3? gen(JS,10) : gen(SH,14)});
  else if (mode==='int') cases.push({mode, input: gen(['1','0','_',' ','-','+','١','\u3000','x','9','\n','__'], 8)});
}
const py = spawnSync('python3', [join(root, 'test/params/capture/reference.py')], {input: JSON.stringify(cases), maxBuffer: 1<<30});
if (py.status !== 0) { console.error(py.stderr.toString()); process.exit(1); }
const ref = JSON.parse(py.stdout.toString());
let bad = 0;
for (let i=0;i<N;i++) {
  const r = {...ref[i]}; delete r.type; if (mode==="int" && r.valueerror!==undefined) { r.general = r.valueerror; delete r.valueerror; } const a = JSON.stringify(r); const b = JSON.stringify(mine(cases[i]));
  if (a !== b) { if (bad++ < 8) console.log('MISMATCH', JSON.stringify(cases[i].input), '\n  py:', a, '\n  ts:', b); }
}
const ok = ref.filter(r=>r.repr!==undefined).length; console.log(mode, "cases", N, "ok", ok, "mismatches", bad);
