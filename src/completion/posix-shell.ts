// Pieces shared by the bash and zsh scripts, which speak the same shell
// language for these parts: quoting, word lists, case patterns, and the
// function that resolves an abbreviated option the way argparse does.
import type { CompletionOption } from './spec.js';

export function q(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

export function words(values: readonly string[]): string {
  return values.map(q).join(' ');
}

export function casePattern(options: readonly CompletionOption[]): string {
  return options.map((o) => q(o.flag)).join('|');
}

/** `<fn>_resolve WORD`: REPLY = the option WORD names, itself or the only option it abbreviates. */
export function resolveFunction(fn: string, indent: string): string {
  const lines = [
    `# REPLY = the option WORD names: itself, or the only option it abbreviates.`,
    `${fn}_resolve() {`,
    `1local word=$1 flag`,
    `1REPLY=`,
    `1for flag in "\${${fn}_options[@]}"; do`,
    `2if [[ $flag == "$word" ]]; then REPLY=$flag; return 0; fi`,
    `1done`,
    `1for flag in "\${${fn}_abbreviable[@]}"; do`,
    `2if [[ $flag == "$word"* ]]; then`,
    `3if [[ -n $REPLY ]]; then REPLY=; return 1; fi`,
    `3REPLY=$flag`,
    `2fi`,
    `1done`,
    `1[[ -n $REPLY ]]`,
    `}`,
  ];
  return lines.map((line) => (/^\d/.test(line) ? indent.repeat(Number(line[0])) + line.slice(1) : line)).join('\n');
}
