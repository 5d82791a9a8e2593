// Keys written in files (botocore's SharedCredentialProvider, ConfigProvider,
// OriginalEC2Provider and BotoProvider): the credentials file's section of
// the profile, the config file's profile, the old EC2 tools' key file named
// by AWS_CREDENTIAL_FILE, and boto 2's config (BOTO_CONFIG, else
// /etc/boto.cfg and ~/.boto, section [Credentials]).
import { readFileSync } from 'node:fs';
import type { IniSection } from '../settings.js';
import { expandUser } from '../config-files.js';
import { partialCredentials } from './env.js';
import type { CredentialContext, Found } from './types.js';

/** botocore reads a session token from aws_security_token first, then aws_session_token. */
function keysFromSection(section: IniSection, method: string): Found {
  const accessKeyId = section.aws_access_key_id!;
  const secretAccessKey = section.aws_secret_access_key;
  if (secretAccessKey === undefined) throw partialCredentials(method, 'aws_secret_access_key');
  const sessionToken = section.aws_security_token ?? section.aws_session_token;
  return {
    method,
    keys: { accessKeyId, secretAccessKey, sessionToken: sessionToken || undefined, accountId: section.aws_account_id },
  };
}

function configFilePath(context: CredentialContext, variable: 'AWS_SHARED_CREDENTIALS_FILE' | 'AWS_CONFIG_FILE'): string {
  return context.env[variable] ?? (variable === 'AWS_CONFIG_FILE' ? '~/.aws/config' : '~/.aws/credentials');
}

export function sharedCredentialsFileProvider(context: CredentialContext, profileName: string): Found | undefined {
  const section = context.config.credentialsFile[profileName];
  if (section?.aws_access_key_id === undefined) return undefined;
  context.debug?.log(
    'botocore.credentials',
    `Found credentials in shared credentials file: ${configFilePath(context, 'AWS_SHARED_CREDENTIALS_FILE')}`,
    'INFO',
  );
  return keysFromSection(section, 'shared-credentials-file');
}

export function configFileProvider(context: CredentialContext, profileName: string): Found | undefined {
  const section = context.config.configFile[profileName];
  if (section?.aws_access_key_id === undefined) return undefined;
  context.debug?.log('botocore.credentials', `Credentials found in config file: ${configFilePath(context, 'AWS_CONFIG_FILE')}`, 'INFO');
  return keysFromSection(section, 'config-file');
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The old EC2 tools' file: `AWSAccessKeyId=...` and `AWSSecretKey=...` lines. */
export function ec2CredentialsFileProvider(context: CredentialContext): Found | undefined {
  const path = context.env.AWS_CREDENTIAL_FILE;
  if (path === undefined) return undefined;
  const text = readText(expandUser(path, context.home));
  if (text === undefined) throw new Error(`The specified config file (${expandUser(path, context.home)}) could not be found.`);
  const values = new Map<string, string>();
  for (const line of text.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/)) {
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    values.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  const accessKeyId = values.get('AWSAccessKeyId');
  if (accessKeyId === undefined) return undefined;
  const secretAccessKey = values.get('AWSSecretKey');
  if (secretAccessKey === undefined) throw new Error("'AWSSecretKey'");
  context.debug?.log('botocore.credentials', 'Found credentials in AWS_CREDENTIAL_FILE.', 'INFO');
  return { method: 'ec2-credentials-file', keys: { accessKeyId, secretAccessKey } };
}

/** The [Credentials] section of an INI file, as configparser reads the simple cases. */
function credentialsSection(text: string): Record<string, string> | undefined {
  let section: string | undefined;
  let found: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, '');
    if (line === '' || /^\s*[#;]/.test(line)) continue;
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) {
      section = header[1];
      if (section === 'Credentials') found ??= {};
      continue;
    }
    const option = /^([^=:\s][^=:]*?)\s*[=:]\s*(.*)$/.exec(line);
    if (option && section === 'Credentials') found![option[1]!.toLowerCase()] = option[2]!;
  }
  return found;
}

export function botoConfigProvider(context: CredentialContext): Found | undefined {
  const locations = context.env.BOTO_CONFIG !== undefined ? [context.env.BOTO_CONFIG] : ['/etc/boto.cfg', '~/.boto'];
  for (const location of locations) {
    const path = expandUser(location, context.home);
    const text = readText(path);
    if (text === undefined) continue;
    const section = credentialsSection(text);
    if (section?.aws_access_key_id === undefined) continue;
    if (section.aws_secret_access_key === undefined) throw partialCredentials('boto-config', 'aws_secret_access_key');
    context.debug?.log('botocore.credentials', `Found credentials in boto config file: ${path}`, 'INFO');
    return { method: 'boto-config', keys: { accessKeyId: section.aws_access_key_id, secretAccessKey: section.aws_secret_access_key } };
  }
  return undefined;
}
