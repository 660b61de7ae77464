# ssoenv for nushell. In env.nu:  ssoenv init nu | save -f ~/.cache/ssoenv.nu   and in config.nu:  source ~/.cache/ssoenv.nu
# `ssoenv use` and `ssoenv unset` change this shell (nushell cannot eval text, so they load JSON).

const __ssoenv_exe = ::SSOENV::

def --env --wrapped ssoenv [...args] {
    # Help, and -s SHELL (code for another shell, or a .env or JSON file), are printed, not loaded here.
    let print_only = ($args | any {|arg| $arg in ['--help' '-h' '-s' '--shell'] or ($arg | str starts-with '--shell=') or ($arg =~ '^-s.') })
    if ($args | length) > 0 and ($args.0 in [use unset]) and not $print_only {
        let changes = (^$__ssoenv_exe ...$args -s json | from json | transpose name value)
        for name in ($changes | where value == null | get name) { hide-env --ignore-errors $name }
        # `unset` sets nothing: an empty table transposes to an empty list, which load-env refuses.
        let set = ($changes | where value != null)
        if ($set | is-not-empty) { load-env ($set | transpose -r -d) }
    } else {
        ^$__ssoenv_exe ...$args
    }
}
