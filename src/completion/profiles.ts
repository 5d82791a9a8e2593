// Profile names for `--profile` completion: a quick scan of the section
// headers of the shared config and credentials files (the same files, and the
// same naming rules, as the AWS CLI: `[default]` and `[profile NAME]` in
// config, `[NAME]` in credentials). No values are read.
import { readFileSync } from 'node:fs';
import type { Env } from '../env.js';

export type { Env } from '../env.js';

/** The home for `~`: HOME, else the password database's (as Python's expanduser). */
type PasswdHome = (() => string) | undefined;

function expandHome(path: string, env: Env, passwdHome: PasswdHome): string {
  if (path !== '~' && !path.startsWith('~/')) return path;
  return (env.HOME ?? passwdHome?.() ?? '').replace(/\/+$/, '') + path.slice(1);
}

function read(path: string, env: Env, passwdHome: PasswdHome): string {
  try {
    return readFileSync(expandHome(path, env, passwdHome), 'utf8');
  } catch {
    return '';
  }
}

function sectionNames(text: string): string[] {
  const names: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*\[\s*([^\]]*?)\s*\]/.exec(line);
    if (match) names.push(match[1]!);
  }
  return names;
}

function unquote(name: string): string {
  return /^(["']).*\1$/.test(name) ? name.slice(1, -1) : name;
}

/** Profile names from $AWS_CONFIG_FILE and $AWS_SHARED_CREDENTIALS_FILE, each once, config first. */
export function listProfiles(env: Env, passwdHome?: () => string): string[] {
  const found: string[] = [];
  for (const section of sectionNames(read(env.AWS_CONFIG_FILE ?? '~/.aws/config', env, passwdHome))) {
    if (section === 'default') found.push(section);
    const named = /^profile\s+(.+)$/.exec(section);
    if (named) found.push(unquote(named[1]!.trim()));
  }
  for (const section of sectionNames(read(env.AWS_SHARED_CREDENTIALS_FILE ?? '~/.aws/credentials', env, passwdHome))) {
    if (section !== '') found.push(section);
  }
  return [...new Set(found.filter((name) => name !== ''))];
}
