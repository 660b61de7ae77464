# ssoenv for bash. In ~/.bashrc:  eval "$(ssoenv init bash)"
# `ssoenv use` and `ssoenv unset` change this shell; profile names complete; the prompt hook renews role
# credentials ten minutes before they expire, without a process at any other prompt. Sourcing this twice
# installs nothing twice, and nothing in it can stop the shell from starting.

__ssoenv_exe=::SSOENV::

ssoenv() {
    local __ssoenv_arg
    case "${1-}" in
    use | unset)
        for __ssoenv_arg in "$@"; do
            case "${__ssoenv_arg}" in
            # Help, and -s SHELL (code for another shell, or a .env or JSON file), are printed, not run here.
            -h | --help | -s | -s?* | --shell | --shell=*) "${__ssoenv_exe}" "$@"; return ;;
            *) ;;
            esac
        done
        local __ssoenv_code
        __ssoenv_code="$(SSOENV_SHELL=bash "${__ssoenv_exe}" "$@")" || return
        eval "${__ssoenv_code}"
        ;;
    *) "${__ssoenv_exe}" "$@" ;;
    esac
}

# Seconds since the epoch without a process: bash 5's EPOCHSECONDS, else printf's %(%s)T (bash 4.2); bash 3.2
# (macOS's /bin/bash) has neither, and there a process is the one way.
__ssoenv_now() {
    if [[ -n ${EPOCHSECONDS-} ]]; then
        __ssoenv_epoch=${EPOCHSECONDS}
    elif ((BASH_VERSINFO[0] > 4 || (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] >= 2))); then
        printf -v __ssoenv_epoch '%(%s)T' -1
    else
        __ssoenv_epoch=$(date +%s)
    fi
}

__ssoenv_hook() {
    local __ssoenv_status=$?
    if [[ -n ${SSOENV_PROFILE-} && ${SSOENV_CREDENTIAL_EXPIRATION_EPOCH-} =~ ^[0-9]+$ ]]; then
        local __ssoenv_epoch
        __ssoenv_now
        if ((__ssoenv_epoch + 600 >= SSOENV_CREDENTIAL_EXPIRATION_EPOCH && __ssoenv_epoch >= ${__ssoenv_next_try:-0})) 2>/dev/null; then
            local __ssoenv_code __ssoenv_args=(use "${SSOENV_PROFILE}" --no-login)
            [[ -n ${AWS_REGION-} ]] && __ssoenv_args+=("--region=${AWS_REGION}")
            [[ ${AWS_PROFILE-} == "${SSOENV_PROFILE}" ]] && __ssoenv_args+=(--export both)
            # The shell waits for this: a few seconds of network at most (SSOENV_NETWORK_TIMEOUT).
            if __ssoenv_code="$(SSOENV_SHELL=bash SSOENV_NETWORK_TIMEOUT=5 "${__ssoenv_exe}" "${__ssoenv_args[@]}" 2>/dev/null)"; then
                eval "${__ssoenv_code}"
            else
                # The session needs a login (the segment says so), or the network is away: try again a minute
                # after this attempt ended, not at every prompt.
                __ssoenv_now
                __ssoenv_next_try=$((__ssoenv_epoch + 60))
            fi
        fi
    fi
    __ssoenv_render_segment
    return "${__ssoenv_status}"
}

# The segment, rendered by bash itself: `dev 42m`, `dev expired`, `(login)` when the session is over. The hook
# keeps it in SSOENV_PROMPT_SEGMENT, so a PS1 with ${SSOENV_PROMPT_SEGMENT} costs not even a subshell.
__ssoenv_render_segment() {
    SSOENV_PROMPT_SEGMENT=
    [[ -n ${SSOENV_PROFILE-} ]] || return 0
    local __ssoenv_epoch __ssoenv_text=${SSOENV_PROFILE} __ssoenv_left
    __ssoenv_now
    # Only numbers reach the arithmetic: anything else in these variables would print an error at each prompt.
    if [[ ${SSOENV_CREDENTIAL_EXPIRATION_EPOCH-} =~ ^[0-9]+$ ]]; then
        __ssoenv_left=$((SSOENV_CREDENTIAL_EXPIRATION_EPOCH - __ssoenv_epoch))
        if ((__ssoenv_left <= 0)); then
            __ssoenv_text+=" expired"
        elif ((__ssoenv_left < 60)); then
            __ssoenv_text+=" ${__ssoenv_left}s"
        elif ((__ssoenv_left < 3600)); then
            __ssoenv_text+=" $((__ssoenv_left / 60))m"
        else
            printf -v __ssoenv_left '%dh%02dm' $((__ssoenv_left / 3600)) $((__ssoenv_left % 3600 / 60))
            __ssoenv_text+=" ${__ssoenv_left}"
        fi
    fi
    if [[ ${SSOENV_SESSION_EXPIRATION_EPOCH-} =~ ^[0-9]+$ ]] && ((SSOENV_SESSION_EXPIRATION_EPOCH <= __ssoenv_epoch)); then
        __ssoenv_text+=" (login)"
    fi
    # shellcheck disable=SC2034 # read by the user's PS1
    SSOENV_PROMPT_SEGMENT=${__ssoenv_text}
}

ssoenv_prompt_segment() {
    __ssoenv_render_segment
    printf '%s' "${SSOENV_PROMPT_SEGMENT}"
}

# PROMPT_COMMAND is a string, or (bash 5.1) an array: extend whichever it is, once. The hook is found as a
# whole word, whatever separates it (`;`, blanks, newlines, array elements).
if [[ " ${PROMPT_COMMAND[*]-} " != *[$'; \t\n']__ssoenv_hook[$'; \t\n']* ]]; then
    if [[ "$(declare -p PROMPT_COMMAND 2>&1)" == "declare -a"* ]]; then
        PROMPT_COMMAND=(__ssoenv_hook "${PROMPT_COMMAND[@]}")
    else
        # shellcheck disable=SC2178 # the string form, in the branch where it is not an array
        PROMPT_COMMAND="__ssoenv_hook;${PROMPT_COMMAND-}"
    fi
fi

eval "$(COMPLETE=bash "${__ssoenv_exe}" 2>/dev/null)" || true
