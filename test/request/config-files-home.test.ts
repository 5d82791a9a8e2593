// `~` in the config and credentials paths, as Python's os.path.expanduser
// reads it: HOME when it is set (even empty), else the password database's
// home (io.passwdHome); `~user` is left as written.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandUser, loadSharedConfigSync, userHome } from '../../src/request/config-files.js';
import { tempDir } from '../support/temp-dir.js';

describe('the home of ~', () => {
  it('is HOME when set, even empty, else the password database', () => {
    expect(userHome({ HOME: '/h' }, () => '/p')).toBe('/h');
    expect(userHome({ HOME: '' }, () => '/p')).toBe('');
    expect(userHome({}, () => '/p')).toBe('/p');
    expect(userHome({})).toBeUndefined();
  });

  it('expands ~ and ~/ only', () => {
    expect(expandUser('~/.aws/config', '/h/')).toBe('/h/.aws/config');
    expect(expandUser('~', '/h')).toBe('/h');
    expect(expandUser('~', '/')).toBe('/');
    expect(expandUser('~/x', '')).toBe('/x');
    expect(expandUser('~root/x', '/h')).toBe('~root/x');
    expect(expandUser('~/x', undefined)).toBe('~/x');
    expect(expandUser('a/~/x', '/h')).toBe('a/~/x');
  });

  it('finds ~/.aws/config in the password database home when HOME is not set', () => {
    const home = tempDir('cs-passwd-home-');
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'config'), '[default]\nregion = eu-north-1\n');
    writeFileSync(join(home, '.aws', 'credentials'), '[default]\naws_access_key_id = AKIDHOME\n');
    const config = loadSharedConfigSync({}, () => home);
    expect(config.configFile.default?.region).toBe('eu-north-1');
    expect(config.credentialsFile.default?.aws_access_key_id).toBe('AKIDHOME');
    expect(loadSharedConfigSync({ HOME: join(home, 'nowhere') }, () => home).configFile.default).toBeUndefined();
  });
});
