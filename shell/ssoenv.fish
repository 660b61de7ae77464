# ssoenv for fish. In ~/.config/fish/config.fish:  ssoenv init fish | source
# `ssoenv use` and `ssoenv unset` change this shell; profile names complete; before each prompt, role
# credentials within ten minutes of expiry are renewed. Sourcing this twice installs nothing twice.

set -g __ssoenv_exe ::SSOENV::

function ssoenv --description 'ssoenv: AWS SSO credentials in this shell'
    switch "$argv[1]"
        case use unset
            # Help, and -s SHELL (code for another shell, or a .env or JSON file), are printed, not run here.
            if contains -- --help $argv; or contains -- -h $argv; or contains -- --shell $argv
                or string match -qr -- '^(-s.*|--shell=.*)$' $argv
                command $__ssoenv_exe $argv
                return
            end
            # A failed `use` prints nothing, so `string collect` fails too.
            set -l code (SSOENV_SHELL=fish command $__ssoenv_exe $argv | string collect)
            or return 1
            printf '%s\n' $code | source
        case '*'
            command $__ssoenv_exe $argv
    end
end

function __ssoenv_hook --on-event fish_prompt
    set -q SSOENV_PROFILE SSOENV_CREDENTIAL_EXPIRATION_EPOCH; or return 0
    set -l now (date +%s)
    test (math $now + 600) -ge $SSOENV_CREDENTIAL_EXPIRATION_EPOCH 2>/dev/null; or return 0
    set -q __ssoenv_next_try; and test $now -lt $__ssoenv_next_try; and return 0
    set -l args use $SSOENV_PROFILE --no-login
    set -q AWS_REGION; and set -a args --region=$AWS_REGION
    test "$AWS_PROFILE" = "$SSOENV_PROFILE"; and set -a args --export both
    # A failed `use` prints nothing, so `string collect` fails too: its status is the verdict. The shell waits
    # for this: a few seconds of network at most (SSOENV_NETWORK_TIMEOUT).
    set -l code (SSOENV_SHELL=fish SSOENV_NETWORK_TIMEOUT=5 command $__ssoenv_exe $args 2>/dev/null | string collect)
    if test $status -eq 0
        printf '%s\n' $code | source
    else
        # The session needs a login (the segment says so), or the network is away: try again a minute after
        # this attempt ended, not at every prompt.
        set -g __ssoenv_next_try (math (date +%s) + 60)
    end
end

COMPLETE=fish command $__ssoenv_exe 2>/dev/null | source
