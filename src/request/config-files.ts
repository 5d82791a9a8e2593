// Reads the shared config and credentials files as AWS CLI v1 does: Python's
// configparser.RawConfigParser (strict, `=` and `:` delimiters, `#`/`;` whole
// line comments only, indented continuation lines, [DEFAULT] under every
// section, option names lower-cased), then botocore's raw_config_parse
// (values that start on the next line are `key = value` sub-settings) and
// build_profile_map (`[profile x]` names are split as shlex.split splits them).
//
// Shape: `configFile` holds the profiles by name plus `services.<name>` and
// `sso-session.<name>` sections; `credentialsFile` holds every section by its
// name. A sub-setting `ec2 =\n  endpoint_url = u` is flattened to the key
// `ec2.endpoint_url`. Objects have no prototype, so a profile named
// `constructor` is just a name.
import { readFileSync, statSync } from 'node:fs';
import { CliError } from '../errors.js';
import { isPySpace, pyRstrip, pyStrip } from '../python/text.js';
import { pyRepr } from '../python/repr.js';
import type { Env, IniSection, SharedConfig } from './settings.js';
import { shlexSplit } from '../shell-word.js';

type Section = Record<string, string | undefined>;
type Sections = Record<string, Section>;

function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** The configparser error, raised by botocore as ConfigParseError (v1 dies with a traceback). */
class ParseFailure extends Error {}

/** Python's `'{0:2d}'.format(n)`. */
const lineNo = (n: number) => String(n).padStart(2, ' ');

const SECTION_HEADER = /^\[(.+)\]/su;

function firstNonSpace(line: string): number {
  let i = 0;
  while (i < line.length && isPySpace(line.charCodeAt(i))) i++;
  return i;
}

/** An option line: the shortest name before `=` or `:`, as configparser's OPTCRE splits it. */
function splitOption(value: string): { name: string; value: string } | undefined {
  const at = value.search(/[=:]/);
  if (at < 0) return undefined;
  return { name: pyRstrip(value.slice(0, at)), value: value.slice(at + 1) };
}

/** RawConfigParser.read_string on the decoded file; sections in file order, [DEFAULT] apart. */
function parseIniText(text: string, source: string): { sections: Map<string, Map<string, string[]>>; defaults: Map<string, string[]> } {
  const sections = new Map<string, Map<string, string[]>>();
  const defaults = new Map<string, string[]>();
  const added = new Set<string>();
  let current: Map<string, string[]> | undefined;
  let sectionName = '';
  let option: string | undefined;
  let indentLevel = 0;
  const errors: string[] = [];
  // Python's text mode turns \r\n and \r into \n, then iterates lines.
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, index) => {
    const lineno = index + 1;
    const line = index < lines.length - 1 || text.endsWith('\n') || text.endsWith('\r') ? `${raw}\n` : raw;
    const stripped = pyStrip(line);
    const isComment = stripped.startsWith('#') || stripped.startsWith(';');
    const value = isComment ? '' : stripped;
    if (value === '') {
      if (!isComment && current !== undefined && option) current.get(option)!.push('');
      return;
    }
    const indent = firstNonSpace(line);
    if (current !== undefined && option && indent > indentLevel) {
      current.get(option)!.push(value);
      return;
    }
    indentLevel = indent;
    const header = SECTION_HEADER.exec(value);
    if (header) {
      sectionName = header[1]!;
      const existing = sections.get(sectionName);
      if (existing) {
        if (added.has(sectionName)) {
          throw new ParseFailure(`While reading from ${pyRepr(source)} [line ${lineNo(lineno)}]: section ${pyRepr(sectionName)} already exists`);
        }
        current = existing;
        added.add(sectionName);
      } else if (sectionName === 'DEFAULT') {
        current = defaults;
      } else {
        current = new Map();
        sections.set(sectionName, current);
        added.add(sectionName);
      }
      option = undefined;
      return;
    }
    if (current === undefined) {
      throw new ParseFailure(`File contains no section headers.\nfile: ${pyRepr(source)}, line: ${lineno}\n${pyRepr(line)}`);
    }
    const parsed = splitOption(value);
    if (!parsed) {
      errors.push(`\n\t[line ${lineNo(lineno)}]: ${pyRepr(line)}`);
      return;
    }
    if (!parsed.name) errors.push(`\n\t[line ${lineNo(lineno)}]: ${pyRepr(line)}`);
    option = parsed.name.toLowerCase();
    const key = `${sectionName}\u0000${option}`;
    if (added.has(key)) {
      throw new ParseFailure(
        `While reading from ${pyRepr(source)} [line ${lineNo(lineno)}]: option ${pyRepr(option)} in section ${pyRepr(sectionName)} already exists`,
      );
    }
    added.add(key);
    current.set(option, [pyStrip(parsed.value)]);
  });
  if (errors.length) throw new ParseFailure(`Source contains parsing errors: ${pyRepr(source)}${errors.join('')}`);
  return { sections, defaults };
}

/** Python's str.splitlines() separators. */
const PY_LINE_BREAKS = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

/** botocore's _parse_nested: `key = value` lines of a value that started on the next line. */
function parseNested(value: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const raw of value.split(PY_LINE_BREAKS)) {
    const line = pyStrip(raw);
    if (!line) continue;
    const at = line.indexOf('=');
    if (at < 0) throw new ParseFailure('not enough values to unpack (expected 2, got 1)');
    pairs.push([pyStrip(line.slice(0, at)), pyStrip(line.slice(at + 1))]);
  }
  return pairs;
}

/** raw_config_parse: every section (with [DEFAULT] merged in), sub-settings flattened. */
function rawConfigParse(text: string, source: string): Sections {
  const { sections, defaults } = parseIniText(text, source);
  const out = dict<Section>();
  for (const [name, options] of sections) {
    const section = dict<string | undefined>();
    const merged = new Map([...options, ...[...defaults].filter(([k]) => !options.has(k))]);
    for (const [option, lines] of merged) {
      const value = pyRstrip(lines.join('\n'));
      if (value.startsWith('\n')) {
        for (const [k, v] of parseNested(value)) section[`${option}.${k}`] = v;
      } else {
        section[option] = value;
      }
    }
    out[name] = section;
  }
  return out;
}

/** build_profile_map's _parse_section: `profile x` → `x` (two shlex words, else nothing). */
function sectionSubject(name: string): string | undefined {
  try {
    const words = shlexSplit(name);
    return words.length === 2 ? words[1] : undefined;
  } catch {
    return undefined;
  }
}

/** The config file's profiles by name, and its `services` and `sso-session` sections with those prefixes. */
function buildProfileMap(sections: Sections): Record<string, IniSection> {
  const out = dict<IniSection>();
  for (const [name, values] of Object.entries(sections)) {
    let key: string | undefined;
    if (name.startsWith('profile')) key = sectionSubject(name);
    else if (name.startsWith('sso-session')) key = mapPrefixed('sso-session', name);
    else if (name.startsWith('services')) key = mapPrefixed('services', name);
    else if (name === 'default') key = 'default';
    if (key !== undefined) out[key] = values;
  }
  return out;
}

function mapPrefixed(prefix: string, name: string): string | undefined {
  const subject = sectionSubject(name);
  return subject === undefined ? undefined : `${prefix}.${subject}`;
}

/** Python's os.path.expandvars: `$NAME` and `${NAME}` that are set; others stay as written. */
export function expandVars(path: string, env: Env): string {
  if (!path.includes('$')) return path;
  return path.replace(/\$([A-Za-z0-9_]+|\{[^}/]*\})/g, (whole, name: string) => {
    const key = name.startsWith('{') ? name.slice(1, -1) : name;
    const value = env[key];
    return value === undefined ? whole : value;
  });
}

/** The home directory as Python's os.path.expanduser finds it: HOME when set (even empty), else the password database's. */
export function userHome(env: Env, passwdHome?: () => string): string | undefined {
  return env.HOME ?? passwdHome?.();
}

/** Python's os.path.expanduser for `~` and `~/...`; `~user` stays as written, and so does `~` without a home. */
export function expandUser(path: string, home: string | undefined): string {
  if (!path.startsWith('~')) return path;
  const slash = path.indexOf('/', 1);
  const end = slash < 0 ? path.length : slash;
  if (end !== 1 || home === undefined) return path;
  return home.replace(/\/+$/, '') + path.slice(end) || '/';
}

/** The file's sections, or undefined when it is not a regular file (botocore's ConfigNotFound). */
function readIniFile(path: string, env: Env, home: string | undefined): Sections | undefined {
  const full = expandUser(expandVars(path, env), home);
  if (full === '') return undefined;
  let bytes: Buffer;
  try {
    if (!statSync(full).isFile()) return undefined;
    bytes = readFileSync(full);
  } catch {
    // configparser's read() skips files it cannot open.
    return undefined;
  }
  try {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      throw new ParseFailure('invalid utf-8');
    }
    return rawConfigParse(text, full);
  } catch (e) {
    if (e instanceof ParseFailure) {
      throw new CliError('crash', `botocore.exceptions.ConfigParseError: Unable to parse config file: ${full}`);
    }
    throw e;
  }
}

/** The config and credentials files; `passwdHome` is asked for `~` only when HOME is not set. */
export function loadSharedConfigSync(env: Env, passwdHome?: () => string): SharedConfig {
  const home = userHome(env, passwdHome);
  const config = readIniFile(env.AWS_CONFIG_FILE ?? '~/.aws/config', env, home);
  const credentials = readIniFile(env.AWS_SHARED_CREDENTIALS_FILE ?? '~/.aws/credentials', env, home);
  return { configFile: config ? buildProfileMap(config) : dict(), credentialsFile: credentials ?? dict() };
}

export async function loadSharedConfig(env: Env, passwdHome?: () => string): Promise<SharedConfig> {
  return loadSharedConfigSync(env, passwdHome);
}
