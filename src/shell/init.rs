//! `ssoenv init SHELL`: the integration scripts in `shell/`, with the path of this binary quoted for the shell
//! in place of their one placeholder.

use super::quote;

const PLACEHOLDER: &str = "::SSOENV::";

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InitShell {
    Bash,
    Zsh,
    Fish,
    #[value(alias = "pwsh")]
    Powershell,
    Nu,
}

/// The script for `shell`, calling `exe`.
pub fn script(shell: InitShell, exe: &str) -> String {
    let (template, quoted) = match shell {
        InitShell::Bash => (include_str!("../../shell/ssoenv.bash"), quote::posix(exe)),
        InitShell::Zsh => (include_str!("../../shell/ssoenv.zsh"), quote::posix(exe)),
        InitShell::Fish => (include_str!("../../shell/ssoenv.fish"), quote::fish(exe)),
        InitShell::Powershell => (include_str!("../../shell/ssoenv.ps1"), quote::powershell(exe)),
        InitShell::Nu => (include_str!("../../shell/ssoenv.nu"), quote::nu(exe)),
    };
    template.replace(PLACEHOLDER, &quoted)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The path is quoted for each shell: a path with a quote or a `$` must not break the script or expand.
    #[test]
    fn the_path_is_quoted_per_shell() {
        let exe = "/opt/it's $HOME/ssoenv";
        assert!(script(InitShell::Bash, exe).contains("__ssoenv_exe='/opt/it'\\''s $HOME/ssoenv'\n"));
        assert!(script(InitShell::Zsh, exe).contains("typeset -g __ssoenv_exe='/opt/it'\\''s $HOME/ssoenv'\n"));
        assert!(script(InitShell::Fish, exe).contains("set -g __ssoenv_exe '/opt/it\\'s $HOME/ssoenv'\n"));
        assert!(script(InitShell::Powershell, exe).contains("$global:__ssoenv_exe = '/opt/it''s $HOME/ssoenv'\n"));
        assert!(script(InitShell::Nu, exe).contains("const __ssoenv_exe = r#'/opt/it's $HOME/ssoenv'#\n"));
        for shell in [InitShell::Bash, InitShell::Zsh, InitShell::Fish, InitShell::Powershell, InitShell::Nu] {
            assert!(!script(shell, exe).contains(PLACEHOLDER));
        }
    }

    /// PowerShell cannot run here. The function must pass everything but `use`/`unset` through, evaluate those
    /// joined with Out-String (multi-line values arrive as an array otherwise), and keep the user's prompt.
    #[test]
    fn powershell_script() {
        let text = script(InitShell::Powershell, "ssoenv");
        assert!(text.contains("$code = & $global:__ssoenv_exe @args | Out-String"));
        assert!(
            text.contains(
                "Copy-Item -LiteralPath 'Function:\\prompt' -Destination 'Function:\\__ssoenv_original_prompt'"
            )
        );
        assert!(
            text.contains("if (-not (Test-Path -LiteralPath 'Function:\\__ssoenv_original_prompt'))"),
            "installed once"
        );
        assert!(text.contains("$env:COMPLETE = 'powershell'"));
        // The hook renews with the region and export mode of the `use` that set them, never logging in.
        assert!(text.contains("$useArgs = @('use', $env:SSOENV_PROFILE, '--no-login')"));
        // A renewal that fails waits a minute from its end, and the prompt waits at most 5 s for it.
        assert!(
            text.contains("else { $global:__ssoenv_next_try = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds() + 60 }")
        );
        assert!(text.contains("$env:SSOENV_NETWORK_TIMEOUT = '5'"));
        // With -s (another shell's code, a .env or JSON file) the output is printed, not run.
        assert!(text.contains(
            "$printOnly = $args | Where-Object { $_ -in @('--help', '-h', '-s', '--shell') -or $_ -like '--shell=*' -or $_ -like '-s?*' }"
        ));
        // The user's SSOENV_SHELL survives; the prompt underneath sees the last command's $? and exit code.
        assert!(text.contains("$env:SSOENV_SHELL = $priorShell"));
        assert!(!text.contains("Remove-Item -LiteralPath 'Env:SSOENV_SHELL'"));
        let wrapper = &text[text.find("function global:prompt").unwrap()..];
        let restored = wrapper.find("$global:LASTEXITCODE = $lastExitCode").unwrap();
        let failed_again = wrapper.find("if (-not $lastSucceeded) { Write-Error '' -ErrorAction Ignore }").unwrap();
        let original = wrapper.find("& __ssoenv_original_prompt").unwrap();
        assert!(wrapper.find("$lastSucceeded = $global:?").unwrap() < wrapper.find("try {").unwrap(), "saved first");
        assert!(restored < original && failed_again < original, "restored just before the prompt underneath");
    }

    /// Nushell cannot run here and cannot evaluate text: `use` is asked for JSON, whose nulls are removed and
    /// whose strings are loaded.
    #[test]
    fn nu_script() {
        let text = script(InitShell::Nu, "ssoenv");
        assert!(text.contains("let changes = (^$__ssoenv_exe ...$args -s json | from json | transpose name value)"));
        assert!(text.contains("hide-env --ignore-errors $name"));
        assert!(text.contains("def --env --wrapped ssoenv [...args]"));
        // `unset` sets nothing, and load-env refuses the empty list an empty table transposes to.
        assert!(text.contains("if ($set | is-not-empty) { load-env ($set | transpose -r -d) }"));
        // With -s the output is printed, not loaded.
        assert!(text.contains("and not $print_only {"));
    }
}
