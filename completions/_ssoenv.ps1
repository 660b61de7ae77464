
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'ssoenv' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'ssoenv'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'ssoenv' {
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Print the shell code that puts a profile''s credentials into this shell: eval "$(ssoenv use PROFILE)"')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Print the shell code that removes everything `ssoenv use` sets')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command with a profile''s credentials in its environment, without touching this shell')
            [CompletionResult]::new('credential-process', 'credential-process', [CompletionResultType]::ParameterValue, 'Print the credential_process JSON for a profile, for the AWS SDKs')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in to IAM Identity Center for a profile or an sso-session (like `aws sso login`)')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Log out: every SSO session (like `aws sso logout`), or one profile''s or sso-session''s')
            [CompletionResult]::new('prompt', 'prompt', [CompletionResultType]::ParameterValue, 'Print the prompt segment: the active profile and its credentials'' time left (environment only; no files)')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Print the shell integration to load from your shell''s startup file')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a static completion script (for packagers; `ssoenv init` sets up dynamic completion instead)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show every SSO session and profile: token expiry, refreshability, cached role credentials (no network)')
            [CompletionResult]::new('profiles', 'profiles', [CompletionResultType]::ParameterValue, 'List the profiles that use SSO: the names `ssoenv use` takes (config file only)')
            [CompletionResult]::new('accounts', 'accounts', [CompletionResultType]::ParameterValue, 'List the AWS accounts a login may use (name, e-mail, ID)')
            [CompletionResult]::new('roles', 'roles', [CompletionResultType]::ParameterValue, 'List the roles a login may take in an account')
            [CompletionResult]::new('configure', 'configure', [CompletionResultType]::ParameterValue, 'Set up profiles: the `aws configure sso` wizard, or a profile for every account and role')
            [CompletionResult]::new('console', 'console', [CompletionResultType]::ParameterValue, 'Sign in to the AWS console as a profile''s role: opens the browser, or prints the URL')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Walk through the whole journey (login, use, prompt, status, logout) against a local emulator')
            [CompletionResult]::new('emulator', 'emulator', [CompletionResultType]::ParameterValue, 'Run a local IAM Identity Center, for tests, demos and trying ssoenv without an AWS account')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ssoenv;use' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The shell to write for [default: SSOENV_SHELL, else the name of $SHELL, else sh]')
            [CompletionResult]::new('--shell', '--shell', [CompletionResultType]::ParameterName, 'The shell to write for [default: SSOENV_SHELL, else the name of $SHELL, else sh]')
            [CompletionResult]::new('--export', '--export', [CompletionResultType]::ParameterName, 'What to export')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Export this region instead of the profile''s')
            [CompletionResult]::new('--flow', '--flow', [CompletionResultType]::ParameterName, 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)')
            [CompletionResult]::new('--no-login', '--no-login', [CompletionResultType]::ParameterName, 'Never start a login; fail with the command to run instead')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Do not open a browser; print the URL to open instead')
            [CompletionResult]::new('--use-device-code', '--use-device-code', [CompletionResultType]::ParameterName, 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'Also draw the login URL as a QR code, to approve from a phone')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ssoenv;unset' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The shell to write for [default: SSOENV_SHELL, else the name of $SHELL, else sh]')
            [CompletionResult]::new('--shell', '--shell', [CompletionResultType]::ParameterName, 'The shell to write for [default: SSOENV_SHELL, else the name of $SHELL, else sh]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ssoenv;exec' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Give the command this region instead of the profile''s')
            [CompletionResult]::new('--flow', '--flow', [CompletionResultType]::ParameterName, 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)')
            [CompletionResult]::new('--no-login', '--no-login', [CompletionResultType]::ParameterName, 'Never start a login; fail with the command to run instead')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Do not open a browser; print the URL to open instead')
            [CompletionResult]::new('--use-device-code', '--use-device-code', [CompletionResultType]::ParameterName, 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'Also draw the login URL as a QR code, to approve from a phone')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ssoenv;credential-process' {
            [CompletionResult]::new('--flow', '--flow', [CompletionResultType]::ParameterName, 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)')
            [CompletionResult]::new('--no-login', '--no-login', [CompletionResultType]::ParameterName, 'Never start a login; fail with the command to run instead')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Do not open a browser; print the URL to open instead')
            [CompletionResult]::new('--use-device-code', '--use-device-code', [CompletionResultType]::ParameterName, 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'Also draw the login URL as a QR code, to approve from a phone')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ssoenv;login' {
            [CompletionResult]::new('--sso-session', '--sso-session', [CompletionResultType]::ParameterName, 'Log in to this sso-session, without a profile')
            [CompletionResult]::new('--flow', '--flow', [CompletionResultType]::ParameterName, 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Log in even when the cached token is still valid')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Do not open a browser; print the URL to open instead')
            [CompletionResult]::new('--use-device-code', '--use-device-code', [CompletionResultType]::ParameterName, 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'Also draw the login URL as a QR code, to approve from a phone')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ssoenv;logout' {
            [CompletionResult]::new('--sso-session', '--sso-session', [CompletionResultType]::ParameterName, 'Log out of this sso-session only')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ssoenv;prompt' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'What to print; placeholders {profile}, {region}, {credentials_left}, {session_left}')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Escape and wrap for this shell''s prompt')
            [CompletionResult]::new('--shell', '--shell', [CompletionResultType]::ParameterName, 'Escape and wrap for this shell''s prompt')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ssoenv;init' {
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ssoenv;completions' {
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ssoenv;status' {
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ssoenv;profiles' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Show each profile''s account, role, region and login as a table')
            [CompletionResult]::new('--long', '--long', [CompletionResultType]::ParameterName, 'Show each profile''s account, role, region and login as a table')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON: every profile with what it resolves to, or the error that stops it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ssoenv;accounts' {
            [CompletionResult]::new('--sso-session', '--sso-session', [CompletionResultType]::ParameterName, 'Use this sso-session''s login')
            [CompletionResult]::new('--flow', '--flow', [CompletionResultType]::ParameterName, 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'List again even when the cached listing is less than an hour old')
            [CompletionResult]::new('--no-login', '--no-login', [CompletionResultType]::ParameterName, 'Never start a login; fail with the command to run instead')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Do not open a browser; print the URL to open instead')
            [CompletionResult]::new('--use-device-code', '--use-device-code', [CompletionResultType]::ParameterName, 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'Also draw the login URL as a QR code, to approve from a phone')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (accountId, accountName, emailAddress, and roles once listed) instead of a table')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ssoenv;roles' {
            [CompletionResult]::new('--sso-session', '--sso-session', [CompletionResultType]::ParameterName, 'Use this sso-session''s login')
            [CompletionResult]::new('--flow', '--flow', [CompletionResultType]::ParameterName, 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'List again even when the cached listing is less than an hour old')
            [CompletionResult]::new('--no-login', '--no-login', [CompletionResultType]::ParameterName, 'Never start a login; fail with the command to run instead')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Do not open a browser; print the URL to open instead')
            [CompletionResult]::new('--use-device-code', '--use-device-code', [CompletionResultType]::ParameterName, 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'Also draw the login URL as a QR code, to approve from a phone')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (roleName, accountId) instead of a list')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'ssoenv;configure' {
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('sso', 'sso', [CompletionResultType]::ParameterValue, 'The wizard of `aws configure sso`: log in, pick an account and a role, write the profile')
            [CompletionResult]::new('populate', 'populate', [CompletionResultType]::ParameterValue, 'Write a profile for every account and role of an sso-session')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ssoenv;configure;sso' {
            [CompletionResult]::new('--sso-session', '--sso-session', [CompletionResultType]::ParameterName, 'The sso-session to use or create; an empty name writes a legacy profile')
            [CompletionResult]::new('--start-url', '--start-url', [CompletionResultType]::ParameterName, 'The AWS access portal URL, e.g. https://my-sso-portal.awsapps.com/start')
            [CompletionResult]::new('--sso-region', '--sso-region', [CompletionResultType]::ParameterName, 'The region of IAM Identity Center')
            [CompletionResult]::new('--scopes', '--scopes', [CompletionResultType]::ParameterName, 'The sso-session''s registration scopes, comma-separated [default: sso:account:access]')
            [CompletionResult]::new('--account-id', '--account-id', [CompletionResultType]::ParameterName, 'The account, by its 12-digit ID')
            [CompletionResult]::new('--role-name', '--role-name', [CompletionResultType]::ParameterName, 'The role to take in the account')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The profile''s default region for AWS calls (an empty value leaves it out)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The profile''s default output format (json, yaml, yaml-stream, text, table; empty leaves it out)')
            [CompletionResult]::new('--profile-name', '--profile-name', [CompletionResultType]::ParameterName, 'The profile''s name [default: ACCOUNTID_ROLENAME]; default makes it the default profile')
            [CompletionResult]::new('--flow', '--flow', [CompletionResultType]::ParameterName, 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite an existing profile or sso-session whose settings differ, without asking')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Do not open a browser; print the URL to open instead')
            [CompletionResult]::new('--use-device-code', '--use-device-code', [CompletionResultType]::ParameterName, 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'Also draw the login URL as a QR code, to approve from a phone')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ssoenv;configure;populate' {
            [CompletionResult]::new('--sso-session', '--sso-session', [CompletionResultType]::ParameterName, 'The sso-session whose accounts and roles get profiles')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The default region of every profile written')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'How profiles are named')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'The most ListAccountRoles calls at once (the portal''s throttling may allow fewer)')
            [CompletionResult]::new('--flow', '--flow', [CompletionResultType]::ParameterName, 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Drop profiles whose account or role is no longer assigned')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the change as a diff and write nothing')
            [CompletionResult]::new('--no-login', '--no-login', [CompletionResultType]::ParameterName, 'Never start a login; fail with the command to run instead')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Do not open a browser; print the URL to open instead')
            [CompletionResult]::new('--use-device-code', '--use-device-code', [CompletionResultType]::ParameterName, 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'Also draw the login URL as a QR code, to approve from a phone')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ssoenv;configure;help' {
            [CompletionResult]::new('sso', 'sso', [CompletionResultType]::ParameterValue, 'The wizard of `aws configure sso`: log in, pick an account and a role, write the profile')
            [CompletionResult]::new('populate', 'populate', [CompletionResultType]::ParameterValue, 'Write a profile for every account and role of an sso-session')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ssoenv;configure;help;sso' {
            break
        }
        'ssoenv;configure;help;populate' {
            break
        }
        'ssoenv;configure;help;help' {
            break
        }
        'ssoenv;console' {
            [CompletionResult]::new('--destination', '--destination', [CompletionResultType]::ParameterName, 'Where the console opens: a service (s3, ec2, cloudwatch, ...) or a full console URL')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The console''s region [default: the profile''s]')
            [CompletionResult]::new('--flow', '--flow', [CompletionResultType]::ParameterName, 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)')
            [CompletionResult]::new('--print', '--print', [CompletionResultType]::ParameterName, 'Print the URL on stdout instead of opening a browser')
            [CompletionResult]::new('--no-login', '--no-login', [CompletionResultType]::ParameterName, 'Never start a login; fail with the command to run instead')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Do not open a browser; print the URL to open instead')
            [CompletionResult]::new('--use-device-code', '--use-device-code', [CompletionResultType]::ParameterName, 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'Also draw the login URL as a QR code, to approve from a phone')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ssoenv;demo' {
            [CompletionResult]::new('--approve', '--approve', [CompletionResultType]::ParameterName, 'Plays the person in the browser during the demo: opens URL and approves (used as BROWSER)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ssoenv;emulator' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on; loopback only, and port 0 picks a free port')
            [CompletionResult]::new('--accounts', '--accounts', [CompletionResultType]::ParameterName, 'How many accounts the user is assigned to (up to 100000), each with a name and an e-mail address')
            [CompletionResult]::new('--roles', '--roles', [CompletionResultType]::ParameterName, 'The roles the user may take in every account')
            [CompletionResult]::new('--secret-access-key', '--secret-access-key', [CompletionResultType]::ParameterName, 'Hand out this secret access key instead of a random one')
            [CompletionResult]::new('--token-ttl', '--token-ttl', [CompletionResultType]::ParameterName, 'Lifetime of access tokens')
            [CompletionResult]::new('--session-ttl', '--session-ttl', [CompletionResultType]::ParameterName, 'Lifetime of a login: refresh tokens work until then, and no access token outlives it')
            [CompletionResult]::new('--credentials-ttl', '--credentials-ttl', [CompletionResultType]::ParameterName, 'Lifetime of role credentials')
            [CompletionResult]::new('--registration-ttl', '--registration-ttl', [CompletionResultType]::ParameterName, 'Lifetime of client registrations')
            [CompletionResult]::new('--device-code-ttl', '--device-code-ttl', [CompletionResultType]::ParameterName, 'Lifetime of a device authorization (how long the person has to approve it)')
            [CompletionResult]::new('--device-interval', '--device-interval', [CompletionResultType]::ParameterName, 'Polling interval the device flow asks for; a client that polls faster gets SlowDownException (0: never)')
            [CompletionResult]::new('--latency', '--latency', [CompletionResultType]::ParameterName, 'Delay every API answer by this much')
            [CompletionResult]::new('--throttle', '--throttle', [CompletionResultType]::ParameterName, 'Answer 429 TooManyRequestsException above this many portal requests per second')
            [CompletionResult]::new('--retry-after', '--retry-after', [CompletionResultType]::ParameterName, 'Send `Retry-After: SECS` with every 429')
            [CompletionResult]::new('--fail-rate', '--fail-rate', [CompletionResultType]::ParameterName, 'Answer this fraction of API requests (0 to 1) with a 500')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed for --fail-rate, to repeat a run''s failures exactly (tokens stay random)')
            [CompletionResult]::new('--auto-approve', '--auto-approve', [CompletionResultType]::ParameterName, 'Approve a login as soon as its page is opened (verificationUriComplete or /authorize), as tests need')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Do not print a line per request on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Do not print a line per request on stderr')
            [CompletionResult]::new('--no-refresh-tokens', '--no-refresh-tokens', [CompletionResultType]::ParameterName, 'Issue no refresh tokens, so logins cannot be refreshed')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'ssoenv;help' {
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Print the shell code that puts a profile''s credentials into this shell: eval "$(ssoenv use PROFILE)"')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Print the shell code that removes everything `ssoenv use` sets')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command with a profile''s credentials in its environment, without touching this shell')
            [CompletionResult]::new('credential-process', 'credential-process', [CompletionResultType]::ParameterValue, 'Print the credential_process JSON for a profile, for the AWS SDKs')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in to IAM Identity Center for a profile or an sso-session (like `aws sso login`)')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Log out: every SSO session (like `aws sso logout`), or one profile''s or sso-session''s')
            [CompletionResult]::new('prompt', 'prompt', [CompletionResultType]::ParameterValue, 'Print the prompt segment: the active profile and its credentials'' time left (environment only; no files)')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Print the shell integration to load from your shell''s startup file')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a static completion script (for packagers; `ssoenv init` sets up dynamic completion instead)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show every SSO session and profile: token expiry, refreshability, cached role credentials (no network)')
            [CompletionResult]::new('profiles', 'profiles', [CompletionResultType]::ParameterValue, 'List the profiles that use SSO: the names `ssoenv use` takes (config file only)')
            [CompletionResult]::new('accounts', 'accounts', [CompletionResultType]::ParameterValue, 'List the AWS accounts a login may use (name, e-mail, ID)')
            [CompletionResult]::new('roles', 'roles', [CompletionResultType]::ParameterValue, 'List the roles a login may take in an account')
            [CompletionResult]::new('configure', 'configure', [CompletionResultType]::ParameterValue, 'Set up profiles: the `aws configure sso` wizard, or a profile for every account and role')
            [CompletionResult]::new('console', 'console', [CompletionResultType]::ParameterValue, 'Sign in to the AWS console as a profile''s role: opens the browser, or prints the URL')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Walk through the whole journey (login, use, prompt, status, logout) against a local emulator')
            [CompletionResult]::new('emulator', 'emulator', [CompletionResultType]::ParameterValue, 'Run a local IAM Identity Center, for tests, demos and trying ssoenv without an AWS account')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ssoenv;help;use' {
            break
        }
        'ssoenv;help;unset' {
            break
        }
        'ssoenv;help;exec' {
            break
        }
        'ssoenv;help;credential-process' {
            break
        }
        'ssoenv;help;login' {
            break
        }
        'ssoenv;help;logout' {
            break
        }
        'ssoenv;help;prompt' {
            break
        }
        'ssoenv;help;init' {
            break
        }
        'ssoenv;help;completions' {
            break
        }
        'ssoenv;help;status' {
            break
        }
        'ssoenv;help;profiles' {
            break
        }
        'ssoenv;help;accounts' {
            break
        }
        'ssoenv;help;roles' {
            break
        }
        'ssoenv;help;configure' {
            [CompletionResult]::new('sso', 'sso', [CompletionResultType]::ParameterValue, 'The wizard of `aws configure sso`: log in, pick an account and a role, write the profile')
            [CompletionResult]::new('populate', 'populate', [CompletionResultType]::ParameterValue, 'Write a profile for every account and role of an sso-session')
            break
        }
        'ssoenv;help;configure;sso' {
            break
        }
        'ssoenv;help;configure;populate' {
            break
        }
        'ssoenv;help;console' {
            break
        }
        'ssoenv;help;demo' {
            break
        }
        'ssoenv;help;emulator' {
            break
        }
        'ssoenv;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
