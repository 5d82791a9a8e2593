// The completion scripts, run in real shells: bash (COMP_* variables set as
// readline sets them), zsh (compinit in a pseudo-terminal) and fish
// (`complete -C`). Profile names come back through the `__complete profiles`
// callback, served here by a stand-in binary on PATH.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CALLBACK_WORD,
  COMPLETION_WORD,
  HELP_WORD,
  PROFILES_TOPIC,
  SHELLS,
  SUBCOMMANDS,
  completionScript,
  completionSpec,
  listProfiles,
  runCompletionCommand,
} from '../../src/completion/index.js';
import { COPY_SNAPSHOT, RESOURCE_TYPES } from '../../src/model/copy-snapshot.js';
import { COLOR_MODES, EXTRA_OUTPUT_FORMATS, EXTRA_SKELETON_MODES, GLOBAL_OPTIONS, OUTPUT_FORMATS, SKELETON_MODES } from '../../src/model/globals.js';
import type { OperationModel } from '../../src/model/shapes.js';
import { globalOptions, operationOptions } from '../../src/parse/options.js';

const ROOT = join(import.meta.dirname, '..', '..');
const COMMAND = COPY_SNAPSHOT.cliName;
const OUTPUTS = [...OUTPUT_FORMATS, ...EXTRA_OUTPUT_FORMATS];
const ALL_FLAGS = [...operationOptions(COPY_SNAPSHOT), ...globalOptions()].map((o) => o.flag);

const work = mkdtempSync(join(tmpdir(), 'cs-completion-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const SUBCOMMAND_NAMES = SUBCOMMANDS.map((c) => c.name);
// Files for path completion: ca.pem and certs/inner.pem.
const files = join(work, 'files');
mkdirSync(join(files, 'certs'), { recursive: true });
writeFileSync(join(files, 'ca.pem'), '');
writeFileSync(join(files, 'certs', 'inner.pem'), '');
const scripts = Object.fromEntries(
  SHELLS.map((shell) => {
    const file = join(work, `${COMMAND}.${shell}`);
    writeFileSync(file, completionScript(shell));
    return [shell, file];
  }),
) as Record<(typeof SHELLS)[number], string>;

// The built `copy-snapshot` on PATH (it answers the completion callback),
// and config files with a few profiles.
const bin = join(work, 'bin');
mkdirSync(bin);
writeFileSync(
  join(bin, COMMAND),
  `#!/bin/sh\nexec ${JSON.stringify(join(ROOT, 'bin', 'copy-snapshot'))} "$@"\n`,
);
chmodSync(join(bin, COMMAND), 0o755);
writeFileSync(join(work, 'config'), '[default]\nregion = us-east-1\n[profile dev]\nregion = eu-west-1\n[sso-session corp]\n');
writeFileSync(join(work, 'credentials'), '[prod]\naws_access_key_id = x\n[default]\n');
const ENV = {
  PATH: `${bin}:${process.env.PATH ?? ''}`,
  HOME: work,
  AWS_CONFIG_FILE: join(work, 'config'),
  AWS_SHARED_CREDENTIALS_FILE: join(work, 'credentials'),
};

function has(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0']).status === 0;
}

// ------------------------------------------------------------------- bash

const WORDBREAKS = ` \t\n"'@><=;|&(:`;

/** COMP_WORDS as bash builds them: words split at blanks, wordbreak characters as words of their own. */
function compWords(line: string): string[] {
  const words: string[] = [];
  for (const blankWord of line.split(/[ \t\n]+/).filter((w) => w !== '')) {
    for (const piece of blankWord.split(/([="'@><;|&(:]+)/)) if (piece !== '') words.push(piece);
  }
  if (line === '' || /[\s=:]$/.test(line)) words.push('');
  return words;
}

const q = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** COMPREPLY for `line` with the cursor at its end. */
function bashComplete(line: string, options: { compLine?: boolean } = {}): string[] {
  const words = compWords(line);
  const setLine = options.compLine === false ? 'unset COMP_LINE COMP_POINT' : `COMP_LINE=${q(line)}; COMP_POINT=${line.length}`;
  const program = [
    `source ${q(scripts.bash)}`,
    `COMP_WORDS=(${words.map(q).join(' ')}); COMP_CWORD=${words.length - 1}`,
    setLine,
    `_copy_snapshot`,
    `printf '%s\\n' "\${COMPREPLY[@]}"`,
  ].join('\n');
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', program], { encoding: 'utf8', env: ENV });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout.split('\n').filter((l) => l !== '');
}

describe('bash completion script', () => {
  it('is valid bash and registers the completion function', () => {
    expect(spawnSync('bash', ['-n', scripts.bash]).status).toBe(0);
    const r = spawnSync('bash', ['--norc', '-c', `source ${q(scripts.bash)}; complete -p ${COMMAND}`], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe(`complete -F _copy_snapshot ${COMMAND}`);
  });

  it('completes --out<TAB> to --output', () => {
    expect(bashComplete(`${COMMAND} --out`)).toEqual(['--output']);
    expect(bashComplete(`${COMMAND} --out`, { compLine: false })).toEqual(['--output']);
  });

  it('offers every option the CLI accepts, in model order (and the subcommands first, as the first word)', () => {
    expect(bashComplete(`${COMMAND} --`)).toEqual(ALL_FLAGS);
    expect(bashComplete(`${COMMAND} `)).toEqual([...SUBCOMMAND_NAMES, ...ALL_FLAGS]);
    expect(bashComplete(`${COMMAND} --debug `)).toEqual(ALL_FLAGS);
    expect(bashComplete(`${COMMAND} --no-`)).toEqual(ALL_FLAGS.filter((f) => f.startsWith('--no-')));
  });

  it('completes --output <TAB> with every output format', () => {
    expect(bashComplete(`${COMMAND} --output `)).toEqual(OUTPUTS);
    expect(bashComplete(`${COMMAND} --output t`)).toEqual(['text', 'table']);
    // an abbreviated option and the --option=value form
    expect(bashComplete(`${COMMAND} --outp y`)).toEqual(['yaml', 'yaml-stream']);
    expect(bashComplete(`${COMMAND} --output=t`)).toEqual(['text', 'table']);
  });

  it('completes --color and --generate-cli-skeleton choices', () => {
    expect(bashComplete(`${COMMAND} --color `)).toEqual([...COLOR_MODES]);
    expect(bashComplete(`${COMMAND} --generate-cli-skeleton `)).toEqual([...SKELETON_MODES, ...EXTRA_SKELETON_MODES]);
  });

  it('completes ResourceType values inside --tag-specifications', () => {
    // readline replaces only what follows the last `=`
    expect(bashComplete(`${COMMAND} --tag-specifications ResourceType=snap`)).toEqual(['snapshot']);
    expect(bashComplete(`${COMMAND} --tag-specifications ResourceType=`)).toEqual([...RESOURCE_TYPES]);
    expect(bashComplete(`${COMMAND} --tag-specifications Tags=[{Key=a,Value=b}],ResourceType=vpn-g`)).toEqual(['vpn-gateway']);
    expect(bashComplete(`${COMMAND} --tag-specifications=ResourceType=snap`)).toEqual(['snapshot']);
  });

  it('completes the shorthand keys, also in later words of the list', () => {
    expect(bashComplete(`${COMMAND} --tag-specifications `)).toEqual(['ResourceType=', 'Tags=']);
    expect(bashComplete(`${COMMAND} --tag-specifications ResourceType=snapshot,T`)).toEqual(['snapshot,Tags=']);
    expect(bashComplete(`${COMMAND} --tag-specifications ResourceType=volume Res`)).toEqual(['ResourceType=']);
    // inside brackets nothing is offered
    expect(bashComplete(`${COMMAND} --tag-specifications Tags=[{Ke`)).toEqual([]);
  });

  it('completes profile names from the config and credentials files', () => {
    expect(bashComplete(`${COMMAND} --profile `)).toEqual(['default', 'dev', 'prod']);
    expect(bashComplete(`${COMMAND} --profile d`)).toEqual(['default', 'dev']);
  });

  it('completes file:// paths for operation options', () => {
    writeFileSync(join(work, 'input.json'), '{}');
    expect(bashComplete(`${COMMAND} --cli-input-json file://${work}/inp`)).toEqual([`//${work}/input.json`]);
  });

  it('offers nothing for free-form values', () => {
    expect(bashComplete(`${COMMAND} --description `)).toEqual([]);
    expect(bashComplete(`${COMMAND} --region `)).toEqual([]);
    expect(bashComplete(`${COMMAND} --wait-timeout `)).toEqual([]);
    expect(bashComplete(`${COMMAND} --wait-for file://`)).toEqual([]);
  });

  it('completes file names for path options (--ca-bundle), directories with a slash', () => {
    expect(bashComplete(`${COMMAND} --ca-bundle ${files}/c`)).toEqual([`${files}/ca.pem`, `${files}/certs/`]);
    expect(bashComplete(`${COMMAND} --ca-bundle=${files}/ca`)).toEqual([`${files}/ca.pem`]);
    expect(bashComplete(`${COMMAND} --ca-b ${files}/certs/`)).toEqual([`${files}/certs/inner.pem`]);
  });

  it('completes the subcommands as the first word, and the shells after completion', () => {
    expect(bashComplete(`${COMMAND} c`)).toEqual([COMPLETION_WORD]);
    expect(bashComplete(`${COMMAND} h`)).toEqual([HELP_WORD]);
    expect(bashComplete(`${COMMAND} ${COMPLETION_WORD} `)).toEqual([...SHELLS]);
    expect(bashComplete(`${COMMAND} ${COMPLETION_WORD} z`)).toEqual(['zsh']);
    expect(bashComplete(`${COMMAND} ${COMPLETION_WORD} bash `)).toEqual([]);
    expect(bashComplete(`${COMMAND} ${HELP_WORD} `)).toEqual([]);
    expect(bashComplete(`${COMMAND} --debug c`)).toEqual([]);
  });
});

// -------------------------------------------------------------------- zsh

describe.skipIf(!has('zsh'))('zsh completion script', () => {
  function zshComplete(line: string): string[] {
    const r = spawnSync('zsh', ['-f', join(ROOT, 'test', 'completion', 'fixtures', 'zsh-capture.zsh'), scripts.zsh, line], {
      encoding: 'utf8',
      env: { ...ENV, TERM: 'dumb' },
      timeout: 20_000,
    });
    expect(r.status).toBe(0);
    return r.stdout.split('\n').filter((l) => l !== '');
  }

  it('parses (zsh -n) and starts with #compdef', () => {
    const r = spawnSync('zsh', ['-n', scripts.zsh], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(completionScript('zsh').startsWith(`#compdef ${COMMAND}\n`)).toBe(true);
  });

  it('completes options, choices, ResourceType values and profiles under compinit', () => {
    expect(zshComplete(`${COMMAND} --out`)).toEqual(['--output']);
    expect(zshComplete(`${COMMAND} --output `)).toEqual(OUTPUTS);
    expect(zshComplete(`${COMMAND} --output=t`)).toEqual(['--output=text', '--output=table']);
    expect(zshComplete(`${COMMAND} --color `)).toEqual([...COLOR_MODES]);
    expect(zshComplete(`${COMMAND} --tag-specifications ResourceType=snap`)).toEqual(['ResourceType=snapshot']);
    expect(zshComplete(`${COMMAND} --tag-specifications x Tags=[],ResourceType=vpn-g`)).toEqual(['Tags=[],ResourceType=vpn-gateway']);
    expect(zshComplete(`${COMMAND} --profile `)).toEqual(['default', 'dev', 'prod']);
  });

  it('completes file names for --ca-bundle, the subcommands, and the shells after completion', () => {
    // _files passes the directory typed so far with -W, which the capture does not print
    expect(zshComplete(`${COMMAND} --ca-bundle ${files}/c`)).toEqual(['ca.pem', 'certs']);
    expect(zshComplete(`${COMMAND} c`)).toEqual([COMPLETION_WORD]);
    expect(zshComplete(`${COMMAND} ${COMPLETION_WORD} `)).toEqual([...SHELLS]);
    expect(zshComplete(`${COMMAND} ${COMPLETION_WORD} f`)).toEqual(['fish']);
    expect(zshComplete(`${COMMAND} ${HELP_WORD} `)).toEqual([]);
    expect(zshComplete(`${COMMAND} --wait-timeout `)).toEqual([]);
  });
});

// ------------------------------------------------------------------- fish

describe.skipIf(!has('fish'))('fish completion script', () => {
  /** What fish offers: each candidate, with `\t` and its description when it has one. */
  function fishOffers(line: string): string[] {
    const r = spawnSync('fish', ['--no-config', '-c', `source ${q(scripts.fish)}; complete -C ${q(line)}`], {
      encoding: 'utf8',
      env: ENV,
    });
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter((l) => l !== '');
  }

  function fishComplete(line: string): string[] {
    return fishOffers(line).map((l) => l.split('\t')[0]!);
  }

  it("shows an option's description beside the option, not beside each of its values", () => {
    expect(fishOffers(`${COMMAND} --out`)).toEqual(['--output\tHow the result is printed.']);
    expect(fishOffers(`${COMMAND} --output `).sort()).toEqual([...OUTPUTS].sort());
    expect(fishOffers(`${COMMAND} --color `).sort()).toEqual([...COLOR_MODES].sort());
    expect(fishOffers(`${COMMAND} --tag-specifications ResourceType=snap`)).toEqual(['ResourceType=snapshot']);
    expect(fishOffers(`${COMMAND} --profile d`).sort()).toEqual(['default', 'dev']);
  });

  it('completes file names for --ca-bundle, the subcommands, and the shells after completion', () => {
    expect(fishComplete(`${COMMAND} --ca-bundle ${files}/c`).sort()).toEqual([`${files}/ca.pem`, `${files}/certs/`]);
    expect(fishOffers(`${COMMAND} `)).toEqual(SUBCOMMANDS.map((c) => `${c.name}\t${c.description}`));
    expect(fishOffers(`${COMMAND} ${COMPLETION_WORD} `).sort()).toEqual([...SHELLS].sort());
    expect(fishOffers(`${COMMAND} ${HELP_WORD} `)).toEqual([]);
  });

  it('parses (fish -n)', () => {
    const r = spawnSync('fish', ['-n', scripts.fish], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('completes options, choices, ResourceType values and profiles', () => {
    expect(fishComplete(`${COMMAND} --out`)).toEqual(['--output']);
    expect(fishComplete(`${COMMAND} --output `).sort()).toEqual([...OUTPUTS].sort());
    expect(fishComplete(`${COMMAND} --generate-cli-skeleton `).sort()).toEqual([...SKELETON_MODES, ...EXTRA_SKELETON_MODES].sort());
    expect(fishComplete(`${COMMAND} --tag-specifications ResourceType=snap`)).toEqual(['ResourceType=snapshot']);
    expect(fishComplete(`${COMMAND} --tag-specifications x ResourceType=vpn-g`)).toEqual(['ResourceType=vpn-gateway']);
    expect(fishComplete(`${COMMAND} --profile `).sort()).toEqual(['default', 'dev', 'prod']);
    expect(fishComplete(`${COMMAND} --no-e`)).toEqual(['--no-encrypted']);
  });

  it('declares every option', () => {
    const r = spawnSync('fish', ['--no-config', '-c', `source ${q(scripts.fish)}; complete -C ${q(`${COMMAND} --`)}`], { encoding: 'utf8', env: ENV });
    const offered = r.stdout.split('\n').filter((l) => l !== '').map((l) => l.split('\t')[0]!);
    expect(offered.sort()).toEqual([...ALL_FLAGS].sort());
  });
});

// -------------------------------------------------------- generation, data

describe('generated from the model', () => {
  it('the spec holds every option the CLI accepts, operation first, globals in v1 order', () => {
    const spec = completionSpec();
    expect(spec.options.map((o) => o.flag)).toEqual(ALL_FLAGS);
    expect(spec.options.slice(-GLOBAL_OPTIONS.length).map((o) => o.flag)).toEqual(GLOBAL_OPTIONS.map((g) => g.flag));
    expect(spec.options.find((o) => o.flag === '--profile')?.dynamic).toBe(PROFILES_TOPIC);
    expect(spec.options.find((o) => o.flag === '--tag-specifications')?.shorthand?.enums.ResourceType).toEqual(RESOURCE_TYPES);
    expect(spec.options.find((o) => o.flag === '--no-encrypted')?.description).toBe('The opposite of --encrypted.');
  });

  it.each(SHELLS)('the %s script names every option', (shell) => {
    const script = completionScript(shell);
    for (const flag of ALL_FLAGS) {
      expect(script).toContain(shell === 'fish' ? ` -l ${flag.slice(2)} ` : `'${flag}'`);
    }
  });

  it('a member added to the model is completed', () => {
    const operation: OperationModel = {
      ...COPY_SNAPSHOT,
      input: {
        ...COPY_SNAPSHOT.input,
        members: [
          ...COPY_SNAPSHOT.input.members,
          { name: 'PollSeconds', wireName: 'PollSeconds', shape: { type: 'integer' }, summary: 'Test only.' },
        ],
      },
    };
    for (const shell of SHELLS) expect(completionScript(shell, operation)).toContain('poll-seconds');
  });
});

describe('listProfiles', () => {
  it('reads [default] and [profile NAME] from config, [NAME] from credentials, each once', () => {
    expect(listProfiles(ENV)).toEqual(['default', 'dev', 'prod']);
  });

  it('accepts quoted names and spacing, and skips other sections', () => {
    const dir = mkdtempSync(join(work, 'profiles-'));
    writeFileSync(join(dir, 'c'), '# comment\n[ profile  "two words" ]\n[profile a]\r\n[services s]\n[sso-session x]\n[plain]\n');
    writeFileSync(join(dir, 'k'), '[b]\n[a]\n');
    expect(listProfiles({ AWS_CONFIG_FILE: join(dir, 'c'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'k') })).toEqual(['two words', 'a', 'b']);
  });

  it('defaults to ~/.aws/config and ~/.aws/credentials, and tolerates missing files', () => {
    const home = mkdtempSync(join(work, 'home-'));
    expect(listProfiles({ HOME: home })).toEqual([]);
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'config'), '[profile from-home]\n');
    writeFileSync(join(home, '.aws', 'credentials'), '[cred-home]\n');
    expect(listProfiles({ HOME: home })).toEqual(['from-home', 'cred-home']);
  });
});

describe('runCompletionCommand', () => {
  function run(argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = runCompletionCommand(argv, { env: ENV, writeStdout: (t) => void out.push(t), writeStderr: (t) => void err.push(t) });
    return { code, stdout: out.join(''), stderr: err.join('') };
  }

  it.each(SHELLS)('prints the %s script', (shell) => {
    expect(run([COMPLETION_WORD, shell])).toEqual({ code: 0, stdout: completionScript(shell), stderr: '' });
  });

  it('rejects a missing or unknown shell with exit code 2', () => {
    for (const argv of [[COMPLETION_WORD], [COMPLETION_WORD, 'tcsh'], [COMPLETION_WORD, 'bash', 'x']]) {
      const r = run(argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`^usage: ${COMMAND} completion \\{bash,zsh,fish\\}\\n${COMMAND}: error: `));
    }
  });

  it('says on stderr when the bash script is written to a file on a system without bash-completion', () => {
    const write = (installed: boolean, isFile: boolean) => {
      const err: string[] = [];
      const code = runCompletionCommand([COMPLETION_WORD, 'bash'], {
        env: ENV,
        stdoutIsFile: () => isFile,
        bashCompletionInstalled: () => installed,
        writeStdout: () => {},
        writeStderr: (t) => void err.push(t),
      });
      return { code, stderr: err.join('') };
    };
    expect(write(false, true)).toEqual({
      code: 0,
      stderr:
        `${COMMAND}: note: the bash-completion package was not found; without it bash never loads ~/.local/share/bash-completion/completions/${COMMAND}. ` +
        `Install bash-completion, or add to ~/.bashrc: source <(${COMMAND} completion bash)\n`,
    });
    // installed, or sourced through a pipe (`source <(...)`): nothing to say
    expect(write(true, true)).toEqual({ code: 0, stderr: '' });
    expect(write(false, false)).toEqual({ code: 0, stderr: '' });
  });

  it('answers the profiles callback, one name per line', () => {
    expect(run([CALLBACK_WORD, PROFILES_TOPIC])).toEqual({ code: 0, stdout: 'default\ndev\nprod\n', stderr: '' });
    expect(run([CALLBACK_WORD, 'unknown'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('leaves every other command line to the caller', () => {
    expect(run(['--source-region', 'x']).code).toBeUndefined();
    expect(run([]).code).toBeUndefined();
    expect(run(['help']).code).toBeUndefined();
  });
});
