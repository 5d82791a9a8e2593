// The zsh completion script: works autoloaded from $fpath (as `_<command>`)
// and when sourced after compinit.
import { CALLBACK_WORD, COMPLETION_WORD, functionName, subcommandArgs, type CompletionOption, type CompletionSpec } from './spec.js';
import { casePattern, q, resolveFunction, words } from './posix-shell.js';
import { installNotes } from './install.js';

function valueCases(spec: CompletionSpec, fn: string): string {
  const cases: string[] = [];
  for (const option of spec.options) {
    if (option.choices) {
      cases.push(`    (${q(option.flag)}) compadd -- ${words(option.choices)} ;;`);
    } else if (option.dynamic) {
      cases.push(
        `    (${q(option.flag)})`,
        `      local -a found`,
        `      found=(\${(f)"$("$cmd" ${q(CALLBACK_WORD)} ${q(option.dynamic)} 2>/dev/null)"})`,
        `      compadd -a found`,
        `      ;;`,
      );
    } else if (option.shorthand) {
      const { keys, enums } = option.shorthand;
      const branches = Object.entries(enums).map(
        ([key, values], i) => `      ${i === 0 ? 'if' : 'elif'} compset -P ${q(`${key}=`)}; then\n        compadd -- ${words(values)}`,
      );
      const keyBranch = `[[ $PREFIX != *=* ]]; then\n        compadd -S '' -- ${words(keys.map((k) => `${k}=`))}`;
      branches.push(branches.length === 0 ? `      if ${keyBranch}` : `      elif ${keyBranch}`);
      cases.push(
        `    (${q(option.flag)})`,
        `      # One shorthand structure per word: complete its keys, and enum values after KEY=.`,
        `      if [[ $PREFIX != *[\\[\\{]* ]] && compset -P 'file(b|)://'; then ${fn}_files; return; fi`,
        `      local head=\${PREFIX%"\${PREFIX##*,}"}`,
        `      local opens=\${head//[^\\[\\{]/} closes=\${head//[^\\]\\}]/}`,
        `      (( \${#opens} > \${#closes} )) && return`,
        `      compset -P '*,'`,
        ...branches,
        `      fi`,
        `      ;;`,
      );
    }
  }
  const paramfiles = spec.options.filter((o) => o.paramfile && !o.choices && !o.shorthand);
  if (paramfiles.length > 0) {
    cases.push(`    (${casePattern(paramfiles)}) compset -P 'file(b|)://' && ${fn}_files ;;`);
  }
  const files = spec.options.filter((o) => o.file);
  if (files.length > 0) cases.push(`    (${casePattern(files)}) ${fn}_files ;;`);
  return cases.join('\n');
}

export function zshScript(spec: CompletionSpec): string {
  const fn = functionName(spec.command);
  const all = spec.options.map((o) => o.flag);
  const abbreviable = spec.options.filter((o) => !o.exactOnly).map((o) => o.flag);
  const widest = Math.max(...all.map((f) => f.length));
  const display = spec.options.map((o) => `${o.flag.padEnd(widest)}  -- ${o.description}`);
  const arity = (kind: string, list: readonly CompletionOption[]) =>
    list.length ? [`    (${casePattern(list)}) REPLY=${kind} ;;`] : [];
  const arityCases = [
    ...arity('one', spec.options.filter((o) => o.arity === 'one')),
    ...arity('optional', spec.options.filter((o) => o.arity === 'optional')),
    ...arity('list', spec.options.filter((o) => o.arity === 'list')),
  ];

  return `#compdef ${spec.command}
# zsh completion for ${spec.command}, generated from its model by \`${spec.command} completion zsh\`.
#
${installNotes(spec.command, 'zsh').map((line) => `# ${line}`).join('\n')}

${fn}_options=(${words(all)})
${fn}_abbreviable=(${words(abbreviable)})
${fn}_display=(
${display.map((d) => `  ${q(d)}`).join('\n')}
)
${fn}_subcommands=(${words(spec.subcommands.map((c) => c.name))})
${fn}_subcommand_display=(
${spec.subcommands.map((c) => `  ${q(`${c.name.padEnd(widest)}  -- ${c.description}`)}`).join('\n')}
)

${resolveFunction(fn, '  ')}

# REPLY = none | one | optional | list: how many values OPTION takes.
${fn}_arity() {
  case $1 in
${arityCases.join('\n')}
    (*) REPLY=none ;;
  esac
}

${fn}_files() {
  (( $+functions[_files] )) && _files
}

# The values OPTION can take; PREFIX holds what is typed of the value.
${fn}_values() {
  local option=$1
  case $option in
${valueCases(spec, fn)}
  esac
}

${fn}() {
  setopt localoptions extendedglob
  local cmd=\${words[1]} prev=\${words[CURRENT-1]} option= found= i

  if (( CURRENT > 2 )) && (( \${${fn}_subcommands[(Ie)\${words[2]}]} )); then
    [[ \${words[2]} == ${q(COMPLETION_WORD)} ]] && (( CURRENT == 3 )) && compadd -- ${words(subcommandArgs(spec, COMPLETION_WORD))}
    return
  fi
  if (( CURRENT == 2 )) && [[ $PREFIX != -* ]]; then
    compadd -l -d ${fn}_subcommand_display -a ${fn}_subcommands
    [[ -n $PREFIX ]] && return
  fi

  if [[ $PREFIX == --*=* ]]; then
    if ${fn}_resolve "\${PREFIX%%=*}"; then
      option=$REPLY
      compset -P '--[^=]##='
      ${fn}_values "$option"
    fi
    return
  fi
  if [[ $PREFIX != -* ]]; then
    if [[ $prev == -* ]] && ${fn}_resolve "$prev"; then
      option=$REPLY
      ${fn}_arity "$option"
      [[ $REPLY == none ]] && option=
    fi
    if [[ -z $option ]]; then
      # Later words of a list option (one tag specification per word).
      for (( i = CURRENT - 1; i > 1; i-- )); do
        if [[ \${words[i]} == -* ]]; then
          if ${fn}_resolve "\${words[i]}"; then
            found=$REPLY
            ${fn}_arity "$found"
            [[ $REPLY == list ]] && option=$found
          fi
          break
        fi
      done
    fi
    if [[ -n $option ]]; then
      ${fn}_values "$option"
      return
    fi
  fi
  compadd -l -d ${fn}_display -a ${fn}_options
}

if [[ \${funcstack[1]-} == _${spec.command} ]]; then
  ${fn} "$@"
elif (( $+functions[compdef] )); then
  compdef ${fn} ${spec.command}
fi
`;
}
