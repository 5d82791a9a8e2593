// How each completion script is installed, for a fresh account (directories
// created, the lines a shell's start-up file needs). Printed at the top of
// each script; README.md shows the same commands (a test keeps them equal).
import { existsSync } from 'node:fs';
import type { Shell } from './spec.js';

/** The commands (indented) and the words around them, one string per line. */
export function installNotes(command: string, shell: Shell): string[] {
  switch (shell) {
    case 'bash':
      return [
        'Install (loaded by the bash-completion package when you first press TAB):',
        '  mkdir -p ~/.local/share/bash-completion/completions',
        `  ${command} completion bash > ~/.local/share/bash-completion/completions/${command}`,
        'Without bash-completion (or instead), add this line to ~/.bashrc:',
        `  source <(${command} completion bash)`,
      ];
    case 'zsh':
      return [
        'Install:',
        '  mkdir -p ~/.zfunc',
        `  ${command} completion zsh > ~/.zfunc/_${command}`,
        'and in ~/.zshrc, in this order (skip the second line if compinit is already called):',
        '  fpath=(~/.zfunc $fpath)',
        '  autoload -Uz compinit && compinit',
        'Or, in ~/.zshrc after compinit:',
        `  source <(${command} completion zsh)`,
      ];
    case 'fish':
      return [
        'Install:',
        '  mkdir -p ~/.config/fish/completions',
        `  ${command} completion fish > ~/.config/fish/completions/${command}.fish`,
      ];
  }
}

/** Where distributions and Homebrew put bash-completion's loader. */
export const BASH_COMPLETION_LOADERS = [
  '/usr/share/bash-completion/bash_completion',
  '/usr/local/share/bash-completion/bash_completion',
  '/etc/bash_completion',
  '/opt/homebrew/etc/profile.d/bash_completion.sh',
  '/usr/local/etc/profile.d/bash_completion.sh',
  '/run/current-system/sw/share/bash-completion/bash_completion',
];

export function bashCompletionInstalled(): boolean {
  return BASH_COMPLETION_LOADERS.some((path) => existsSync(path));
}

/** Said on stderr when the bash script is written to a file on a system without bash-completion. */
export function missingBashCompletionNote(command: string): string {
  return (
    `${command}: note: the bash-completion package was not found; without it bash never loads ` +
    `~/.local/share/bash-completion/completions/${command}. Install bash-completion, or add to ~/.bashrc: ` +
    `source <(${command} completion bash)\n`
  );
}
