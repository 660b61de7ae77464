# ssoenv for zsh. In ~/.zshrc:  eval "$(ssoenv init zsh)"
# `ssoenv use` and `ssoenv unset` change this shell; profile names complete; the prompt hook renews role
# credentials ten minutes before they expire, without a process at any other prompt. Sourcing this twice
# installs nothing twice, and nothing in it can stop the shell from starting.

typeset -g __ssoenv_exe=::SSOENV::
zmodload zsh/datetime 2>/dev/null

ssoenv() {
    local __ssoenv_arg
    case "${1-}" in
    use | unset)
        for __ssoenv_arg in "$@"; do
            case "${__ssoenv_arg}" in
            # Help, and -s SHELL (code for another shell, or a .env or JSON file), are printed, not run here.
            -h | --help | -s | -s?* | --shell | --shell=*) "${__ssoenv_exe}" "$@"; return ;;
            esac
        done
        local __ssoenv_code
        __ssoenv_code="$(SSOENV_SHELL=zsh "${__ssoenv_exe}" "$@")" || return
        eval "${__ssoenv_code}"
        ;;
    *) "${__ssoenv_exe}" "$@" ;;
    esac
}

__ssoenv_hook() {
    __ssoenv_renew
    __ssoenv_render_segment
    return 0
}

__ssoenv_renew() {
    [[ -n ${SSOENV_PROFILE-} && ${SSOENV_CREDENTIAL_EXPIRATION_EPOCH-} == <-> ]] || return 0
    (( ${EPOCHSECONDS:-0} + 600 >= SSOENV_CREDENTIAL_EXPIRATION_EPOCH && ${EPOCHSECONDS:-0} >= ${__ssoenv_next_try:-0} )) 2>/dev/null || return 0
    local __ssoenv_code
    local -a __ssoenv_args=(use "${SSOENV_PROFILE}" --no-login)
    [[ -n ${AWS_REGION-} ]] && __ssoenv_args+=("--region=${AWS_REGION}")
    [[ ${AWS_PROFILE-} == "${SSOENV_PROFILE}" ]] && __ssoenv_args+=(--export both)
    # The shell waits for this: a few seconds of network at most (SSOENV_NETWORK_TIMEOUT).
    if __ssoenv_code="$(SSOENV_SHELL=zsh SSOENV_NETWORK_TIMEOUT=5 "${__ssoenv_exe}" "${__ssoenv_args[@]}" 2>/dev/null)"; then
        eval "${__ssoenv_code}"
    else
        # The session needs a login (the segment says so), or the network is away: try again a minute after
        # this attempt ended, not at every prompt.
        typeset -g __ssoenv_next_try=$(( ${EPOCHSECONDS:-0} + 60 ))
    fi
    return 0
}

# The segment, rendered by zsh itself: `dev 42m`, `dev expired`, `(login)` when the session is over. The hook
# keeps it in SSOENV_PROMPT_SEGMENT, so a PROMPT with ${SSOENV_PROMPT_SEGMENT} costs not even a subshell.
__ssoenv_render_segment() {
    typeset -g SSOENV_PROMPT_SEGMENT=
    [[ -n ${SSOENV_PROFILE-} ]] || return 0
    local __ssoenv_text=${SSOENV_PROFILE} __ssoenv_left
    # Only numbers reach the arithmetic: anything else in these variables would print an error at each prompt.
    if [[ ${SSOENV_CREDENTIAL_EXPIRATION_EPOCH-} == <-> ]]; then
        __ssoenv_left=$(( SSOENV_CREDENTIAL_EXPIRATION_EPOCH - ${EPOCHSECONDS:-0} ))
        if (( __ssoenv_left <= 0 )); then
            __ssoenv_text+=" expired"
        elif (( __ssoenv_left < 60 )); then
            __ssoenv_text+=" ${__ssoenv_left}s"
        elif (( __ssoenv_left < 3600 )); then
            __ssoenv_text+=" $(( __ssoenv_left / 60 ))m"
        else
            __ssoenv_text+=" $(( __ssoenv_left / 3600 ))h${(l:2::0:)$(( __ssoenv_left % 3600 / 60 ))}m"
        fi
    fi
    if [[ ${SSOENV_SESSION_EXPIRATION_EPOCH-} == <-> ]] && (( SSOENV_SESSION_EXPIRATION_EPOCH <= ${EPOCHSECONDS:-0} )); then
        __ssoenv_text+=" (login)"
    fi
    # A prompt expands % sequences in what parameters give it (prompt_subst): a % in a profile name stays one.
    SSOENV_PROMPT_SEGMENT=${__ssoenv_text//\%/%%}
}

ssoenv_prompt_segment() {
    __ssoenv_render_segment
    print -rn -- "${SSOENV_PROMPT_SEGMENT}"
}

autoload -Uz add-zsh-hook && add-zsh-hook precmd __ssoenv_hook

if (( ${+functions[compdef]} )); then
    eval "$(COMPLETE=zsh "${__ssoenv_exe}" 2>/dev/null)" || true
fi
