// The bash completion script. Written for bash 3.2 and later (no associative
// arrays, mapfile or negative subscripts), with or without bash-completion.
import { CALLBACK_WORD, COMPLETION_WORD, functionName, subcommandArgs, type CompletionSpec } from './spec.js';
import { casePattern, q, resolveFunction, words } from './posix-shell.js';
import { installNotes } from './install.js';

function valueCases(spec: CompletionSpec, fn: string): string {
  const cases: string[] = [];
  for (const option of spec.options) {
    if (option.choices) {
      cases.push(`        ${q(option.flag)}) cands=(${words(option.choices)}) ;;`);
    } else if (option.dynamic) {
      cases.push(
        `        ${q(option.flag)})`,
        `            local line`,
        `            while IFS= read -r line; do cands+=("$line"); done < <("$cmd" ${q(CALLBACK_WORD)} ${q(option.dynamic)} 2>/dev/null)`,
        `            ;;`,
      );
    } else if (option.shorthand) {
      const { keys, enums } = option.shorthand;
      const enumCases = Object.entries(enums).map(
        ([key, values]) => `                ${q(`${key}=`)}*) for c in ${words(values)}; do cands+=("\${head}${key}=$c"); done ;;`,
      );
      cases.push(
        `        ${q(option.flag)})`,
        `            # One shorthand structure per word: complete its keys, and enum values after KEY=.`,
        `            local head=\${value%"\${value##*,}"} seg=\${value##*,} c`,
        `            local opens=\${head//[^\\[\\{]/} closes=\${head//[^\\]\\}]/}`,
        `            [[ \${#opens} -gt \${#closes} ]] && return 0`,
        `            case $seg in`,
        ...enumCases,
        `                *=*) ;;`,
        `                *) for c in ${words(keys)}; do cands+=("\${head}$c="); done ;;`,
        `            esac`,
        `            [[ $value == *[\\[\\{]* ]] || ${fn}_paramfile "$value"`,
        `            ;;`,
      );
    }
  }
  const paramfiles = spec.options.filter((o) => o.paramfile && !o.choices && !o.shorthand);
  if (paramfiles.length > 0) cases.push(`        ${casePattern(paramfiles)}) ${fn}_paramfile "$value" ;;`);
  const files = spec.options.filter((o) => o.file);
  if (files.length > 0) cases.push(`        ${casePattern(files)}) ${fn}_files "$value" ;;`);
  return cases.join('\n');
}

export function bashScript(spec: CompletionSpec): string {
  const fn = functionName(spec.command);
  const all = spec.options.map((o) => o.flag);
  const abbreviable = spec.options.filter((o) => !o.exactOnly).map((o) => o.flag);
  const takesOne = spec.options.filter((o) => o.arity === 'one');
  const optional = spec.options.filter((o) => o.arity === 'optional');
  const lists = spec.options.filter((o) => o.arity === 'list');
  const arityCases = [
    takesOne.length ? `        ${casePattern(takesOne)}) REPLY=one ;;` : '',
    optional.length ? `        ${casePattern(optional)}) REPLY=optional ;;` : '',
    lists.length ? `        ${casePattern(lists)}) REPLY=list ;;` : '',
  ].filter((l) => l !== '');

  return `# bash completion for ${spec.command}, generated from its model by \`${spec.command} completion bash\`.
#
${installNotes(spec.command, 'bash').map((line) => `# ${line}`.trimEnd()).join('\n')}

${fn}_options=(${words(all)})
${fn}_abbreviable=(${words(abbreviable)})
${fn}_subcommands=(${words(spec.subcommands.map((c) => c.name))})

# Whether WORD is a subcommand (given first, it takes no options after it).
${fn}_is_subcommand() {
    local c
    for c in "\${${fn}_subcommands[@]}"; do [[ $c == "$1" ]] && return 0; done
    return 1
}

${resolveFunction(fn, '    ')}

# REPLY = none | one | optional | list: how many values OPTION takes.
${fn}_arity() {
    case $1 in
${arityCases.join('\n')}
        *) REPLY=none ;;
    esac
}

# Adds the local paths that start with PATH (directories with a slash), each after PREFIX.
${fn}_files() {
    local path
    while IFS= read -r path; do
        [[ -d $path ]] && path=$path/
        cands+=("\${2-}$path")
    done < <(compgen -f -- "$1")
    nospace=1
}

# file:// and fileb:// values name local files.
${fn}_paramfile() {
    local scheme
    case $1 in
        fileb://*) scheme=fileb:// ;;
        file://*) scheme=file:// ;;
        *) return 0 ;;
    esac
    ${fn}_files "\${1#"$scheme"}" "$scheme"
}

# Adds to cands the values OPTION can take, given the VALUE typed so far.
${fn}_values() {
    local option=$1 value=$2
    case $option in
${valueCases(spec, fn)}
    esac
}

${fn}() {
    local cur line
    local -a before cands=()
    local nospace=
    if [[ -n \${COMP_LINE-} ]]; then
        line=\${COMP_LINE:0:\${COMP_POINT:-\${#COMP_LINE}}}
        cur=\${line##*[[:space:]]}
        read -r -a before <<< "\${line%"$cur"}"
    else
        cur=\${COMP_WORDS[COMP_CWORD]}
        before=("\${COMP_WORDS[@]:0:COMP_CWORD}")
    fi
    local cmd=\${before[0]:-${spec.command}}
    local count=\${#before[@]}
    local prev=
    [[ $count -gt 1 ]] && prev=\${before[count-1]}

    if [[ $count -eq 2 && \${before[1]} == ${q(COMPLETION_WORD)} ]]; then
        cands=(${words(subcommandArgs(spec, COMPLETION_WORD))})
    elif [[ $count -ge 2 ]] && ${fn}_is_subcommand "\${before[1]}"; then
        :
    elif [[ $cur == --*=* ]]; then
        if ${fn}_resolve "\${cur%%=*}"; then
            ${fn}_values "$REPLY" "\${cur#*=}"
            cands=("\${cands[@]/#/\${cur%%=*}=}")
        fi
    elif [[ $cur == -* ]]; then
        cands=("\${${fn}_options[@]}")
    else
        local option= i
        if [[ $prev == -* ]] && ${fn}_resolve "$prev"; then
            option=$REPLY
            ${fn}_arity "$option"
            [[ $REPLY == none ]] && option=
        fi
        if [[ -z $option ]]; then
            # Later words of a list option (one tag specification per word).
            for (( i = count - 1; i > 0; i-- )); do
                if [[ \${before[i]} == -* ]]; then
                    if ${fn}_resolve "\${before[i]}"; then
                        local found=$REPLY
                        ${fn}_arity "$found"
                        [[ $REPLY == list ]] && option=$found
                    fi
                    break
                fi
            done
        fi
        if [[ -n $option ]]; then
            ${fn}_values "$option" "$cur"
        else
            [[ $count -eq 1 ]] && cands=("\${${fn}_subcommands[@]}")
            [[ -z $cur ]] && cands+=("\${${fn}_options[@]}")
        fi
    fi

    # Readline replaces only what follows the last COMP_WORDBREAKS character
    # (= and : by default), so that part is cut from the candidates.
    local keep= j c
    for (( j = \${#cur} - 1; j >= 0; j-- )); do
        if [[ \${COMP_WORDBREAKS-} == *"\${cur:j:1}"* ]]; then keep=\${cur:0:j+1}; break; fi
    done
    COMPREPLY=()
    for c in "\${cands[@]}"; do
        if [[ $c == "$cur"* ]]; then
            [[ $c == *= ]] && nospace=1
            COMPREPLY+=("\${c#"$keep"}")
        fi
    done
    if [[ -n $nospace ]] && type compopt >/dev/null 2>&1; then compopt -o nospace 2>/dev/null; fi
    return 0
}

complete -F ${fn} ${spec.command}
`;
}
