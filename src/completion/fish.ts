// The fish completion script (fish 3 and later).
import { CALLBACK_WORD, COMPLETION_WORD, functionName, subcommandArgs, type CompletionOption, type CompletionSpec } from './spec.js';
import { installNotes } from './install.js';

function q(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

function words(values: readonly string[]): string {
  return values.map(q).join(' ');
}

/**
 * Values for -a, each with an empty description of its own: without one, fish
 * shows the option's description (-d) beside every value.
 */
function values(list: readonly string[]): string {
  return list.map((v) => `${q(v)}\\t`).join(' ');
}

/** `--tag-specifications` → `tag-specifications` (fish's -l takes the name without dashes). */
function longName(option: CompletionOption): string {
  return option.flag.replace(/^--/, '');
}

function shorthandFunction(fn: string, option: CompletionOption): string[] {
  const { keys, enums } = option.shorthand!;
  const enumCases = Object.entries(enums).flatMap(([key, values]) => [
    `        case ${q(`${key}=*`)}`,
    `            for v in ${words(values)}`,
    `                printf '%s\\t\\n' "$head"${q(`${key}=`)}"$v"`,
    `            end`,
  ]);
  return [
    `# One shorthand structure per word: its keys, and enum values after KEY=.`,
    `function ${fn}_shorthand_${longName(option).replace(/-/g, '_')}`,
    `    set -l token (string replace -r -- '^--[^=]*=' '' (commandline -ct))`,
    `    set -l head (string replace -r -- '[^,]*$' '' $token)`,
    `    set -l seg (string replace -r -- '.*,' '' $token)`,
    `    set -l opens (string replace -a -r -- '[^\\[{]' '' "$head" | string length)`,
    `    set -l closes (string replace -a -r -- '[^\\]}]' '' "$head" | string length)`,
    `    test "$opens" -gt "$closes"; and return`,
    `    switch $seg`,
    ...enumCases,
    `        case '*=*'`,
    `        case '*'`,
    `            for k in ${words(keys)}`,
    `                printf '%s\\t\\n' "$head$k="`,
    `            end`,
    `    end`,
    `end`,
  ];
}

export function fishScript(spec: CompletionSpec): string {
  const fn = functionName(spec.command).replace(/^_+/, '__');
  const c = `complete -c ${spec.command}`;
  const lines: string[] = [];
  const lists = spec.options.filter((o) => o.arity === 'list');
  for (const option of spec.options) {
    const base = `${c} -l ${longName(option)} -d ${q(option.description)}`;
    if (option.arity === 'none') {
      lines.push(base);
    } else if (option.arity === 'optional') {
      // The value may be left out: offered only right after the option.
      lines.push(base);
      if (option.choices) lines.push(`${c} -n ${q(`${fn}_prev_is ${option.flag}`)} -x -a ${q(values(option.choices))}`);
    } else if (option.choices) {
      lines.push(`${base} -x -a ${q(values(option.choices))}`);
    } else if (option.file) {
      lines.push(`${base} -r -F`);
    } else if (option.dynamic) {
      lines.push(`${base} -x -a ${q(`(${fn}_callback ${option.dynamic})`)}`);
    } else if (option.shorthand) {
      const values = `(${fn}_shorthand_${longName(option).replace(/-/g, '_')})`;
      lines.push(`${base} -x -a ${q(values)}`);
    } else {
      lines.push(`${base} -x`);
    }
  }
  for (const option of lists.filter((o) => o.shorthand)) {
    const values = `(${fn}_shorthand_${longName(option).replace(/-/g, '_')})`;
    lines.push(`${c} -n ${q(`${fn}_in_list ${option.flag}`)} -x -a ${q(values)}`);
  }

  return `# fish completion for ${spec.command}, generated from its model by \`${spec.command} completion fish\`.
#
${installNotes(spec.command, 'fish').map((line) => `# ${line}`).join('\n')}

# True when the word before the cursor is one of the given options.
function ${fn}_prev_is
    set -l tokens (commandline -opc)
    test (count $tokens) -gt 1; and contains -- $tokens[-1] $argv
end

# True when the last option before the cursor is the given list option.
function ${fn}_in_list
    set -l tokens (commandline -opc)
    for i in (seq (count $tokens) -1 2)
        if string match -q -- '-*' $tokens[$i]
            test $tokens[$i] = $argv[1]
            return
        end
    end
    return 1
end

# True when the cursor is at the first word after the command.
function ${fn}_first_word
    test (count (commandline -opc)) -eq 1
end

# True when the cursor is at the word right after the given subcommand.
function ${fn}_after
    set -l tokens (commandline -opc)
    test (count $tokens) -eq 2; and test $tokens[2] = $argv[1]
end

# Values ${spec.command} looks up itself, such as profile names (each with an empty description).
function ${fn}_callback
    set -l cmd (commandline -opc)[1]
    command -q -- $cmd; or return
    for value in ($cmd ${q(CALLBACK_WORD)} $argv 2>/dev/null)
        printf '%s\\t\\n' $value
    end
end

${spec.options.filter((o) => o.shorthand).flatMap((o) => shorthandFunction(fn, o)).join('\n')}

${c} -f
${spec.subcommands.map((sub) => `${c} -n ${q(`${fn}_first_word`)} -a ${q(sub.name)} -d ${q(sub.description)}`).join('\n')}
${c} -n ${q(`${fn}_after ${COMPLETION_WORD}`)} -a ${q(values(subcommandArgs(spec, COMPLETION_WORD)))}
${lines.join('\n')}
`;
}
