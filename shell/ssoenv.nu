# ssoenv for nushell. In config.nu:  ssoenv init nu | save -f ~/.cache/ssoenv.nu; source ~/.cache/ssoenv.nu
# `ssoenv use` and `ssoenv unset` change this shell (nushell cannot eval text, so they load JSON).

const __ssoenv_exe = ::SSOENV::

def --env --wrapped ssoenv [...args] {
    if ($args | length) > 0 and ($args.0 in [use unset]) and not ('--help' in $args or '-h' in $args) {
        let changes = (^$__ssoenv_exe ...$args -s json | from json)
        let unset = ($changes | transpose name value | where value == null | get name)
        for name in $unset { hide-env --ignore-errors $name }
        load-env ($changes | transpose name value | where value != null | transpose -r -d)
    } else {
        ^$__ssoenv_exe ...$args
    }
}
