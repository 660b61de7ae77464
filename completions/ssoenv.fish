# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_ssoenv_global_optspecs
    string join \n v/verbose h/help V/version
end

function __fish_ssoenv_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_ssoenv_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_ssoenv_using_subcommand
    set -l cmd (__fish_ssoenv_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c ssoenv -n "__fish_ssoenv_needs_command" -s v -l verbose -d 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
complete -c ssoenv -n "__fish_ssoenv_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ssoenv -n "__fish_ssoenv_needs_command" -s V -l version -d 'Print version'
complete -c ssoenv -n "__fish_ssoenv_needs_command" -f -a "use" -d 'Print the shell code that puts a profile\'s credentials into this shell: eval "$(ssoenv use PROFILE)"'
complete -c ssoenv -n "__fish_ssoenv_needs_command" -f -a "unset" -d 'Print the shell code that removes everything `ssoenv use` sets'
complete -c ssoenv -n "__fish_ssoenv_needs_command" -f -a "exec" -d 'Run a command with a profile\'s credentials in its environment, without touching this shell'
complete -c ssoenv -n "__fish_ssoenv_needs_command" -f -a "credential-process" -d 'Print the credential_process JSON for a profile, for the AWS SDKs'
complete -c ssoenv -n "__fish_ssoenv_needs_command" -f -a "login" -d 'Log in to IAM Identity Center for a profile or an sso-session (like `aws sso login`)'
complete -c ssoenv -n "__fish_ssoenv_needs_command" -f -a "logout" -d 'Log out: every SSO session (like `aws sso logout`), or one profile\'s or sso-session\'s'
complete -c ssoenv -n "__fish_ssoenv_needs_command" -f -a "prompt" -d 'Print the prompt segment: the active profile and its credentials\' time left (environment only; no files)'
complete -c ssoenv -n "__fish_ssoenv_needs_command" -f -a "init" -d 'Print the shell integration to load from your shell\'s startup file'
complete -c ssoenv -n "__fish_ssoenv_needs_command" -f -a "completions" -d 'Print a static completion script (for packagers; `ssoenv init` sets up dynamic completion instead)'
complete -c ssoenv -n "__fish_ssoenv_needs_command" -f -a "status" -d 'Show every SSO session and profile: token expiry, refreshability, cached role credentials (no network)'
complete -c ssoenv -n "__fish_ssoenv_needs_command" -f -a "profiles" -d 'List the profiles that use SSO: the names `ssoenv use` takes (config file only)'
complete -c ssoenv -n "__fish_ssoenv_needs_command" -f -a "accounts" -d 'List the AWS accounts a login may use (name, e-mail, ID)'
complete -c ssoenv -n "__fish_ssoenv_needs_command" -f -a "roles" -d 'List the roles a login may take in an account'
complete -c ssoenv -n "__fish_ssoenv_needs_command" -f -a "configure" -d 'Set up profiles: the `aws configure sso` wizard, or a profile for every account and role'
complete -c ssoenv -n "__fish_ssoenv_needs_command" -f -a "console" -d 'Sign in to the AWS console as a profile\'s role: opens the browser, or prints the URL'
complete -c ssoenv -n "__fish_ssoenv_needs_command" -f -a "demo" -d 'Walk through the whole journey (login, use, prompt, status, logout) against a local emulator'
complete -c ssoenv -n "__fish_ssoenv_needs_command" -f -a "emulator" -d 'Run a local IAM Identity Center, for tests, demos and trying ssoenv without an AWS account'
complete -c ssoenv -n "__fish_ssoenv_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand use" -s s -l shell -d 'The shell to write for [default: SSOENV_SHELL, else the name of $SHELL, else sh]' -r -f -a "bash\t''
zsh\t''
sh\t''
fish\t''
powershell\t''
nu\t''
cmd\t''
dotenv\t'`NAME=\'value\'` lines, for `.env` files (read literally by python-dotenv, Compose and Node)'
json\t'One JSON object: names to values, `null` for the variables to remove'"
complete -c ssoenv -n "__fish_ssoenv_using_subcommand use" -l export -d 'What to export' -r -f -a "keys\t'The credentials themselves'
profile\t'AWS_PROFILE, for tools that read the shared cache'
both\t'Both'"
complete -c ssoenv -n "__fish_ssoenv_using_subcommand use" -l region -d 'Export this region instead of the profile\'s' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand use" -l flow -d 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)' -r -f -a "auto\t''
pkce\t''
device-code\t''"
complete -c ssoenv -n "__fish_ssoenv_using_subcommand use" -l no-login -d 'Never start a login; fail with the command to run instead'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand use" -l no-browser -d 'Do not open a browser; print the URL to open instead'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand use" -l use-device-code -d 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand use" -l qr -d 'Also draw the login URL as a QR code, to approve from a phone'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand use" -s v -l verbose -d 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand use" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand unset" -s s -l shell -d 'The shell to write for [default: SSOENV_SHELL, else the name of $SHELL, else sh]' -r -f -a "bash\t''
zsh\t''
sh\t''
fish\t''
powershell\t''
nu\t''
cmd\t''
dotenv\t'`NAME=\'value\'` lines, for `.env` files (read literally by python-dotenv, Compose and Node)'
json\t'One JSON object: names to values, `null` for the variables to remove'"
complete -c ssoenv -n "__fish_ssoenv_using_subcommand unset" -s v -l verbose -d 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand unset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand exec" -l region -d 'Give the command this region instead of the profile\'s' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand exec" -l flow -d 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)' -r -f -a "auto\t''
pkce\t''
device-code\t''"
complete -c ssoenv -n "__fish_ssoenv_using_subcommand exec" -l no-login -d 'Never start a login; fail with the command to run instead'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand exec" -l no-browser -d 'Do not open a browser; print the URL to open instead'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand exec" -l use-device-code -d 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand exec" -l qr -d 'Also draw the login URL as a QR code, to approve from a phone'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand exec" -s v -l verbose -d 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand exec" -s h -l help -d 'Print help'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand credential-process" -l flow -d 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)' -r -f -a "auto\t''
pkce\t''
device-code\t''"
complete -c ssoenv -n "__fish_ssoenv_using_subcommand credential-process" -l no-login -d 'Never start a login; fail with the command to run instead'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand credential-process" -l no-browser -d 'Do not open a browser; print the URL to open instead'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand credential-process" -l use-device-code -d 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand credential-process" -l qr -d 'Also draw the login URL as a QR code, to approve from a phone'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand credential-process" -s v -l verbose -d 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand credential-process" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand login" -l sso-session -d 'Log in to this sso-session, without a profile' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand login" -l flow -d 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)' -r -f -a "auto\t''
pkce\t''
device-code\t''"
complete -c ssoenv -n "__fish_ssoenv_using_subcommand login" -l force -d 'Log in even when the cached token is still valid'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand login" -l no-browser -d 'Do not open a browser; print the URL to open instead'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand login" -l use-device-code -d 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand login" -l qr -d 'Also draw the login URL as a QR code, to approve from a phone'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand login" -s v -l verbose -d 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand logout" -l sso-session -d 'Log out of this sso-session only' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand logout" -s v -l verbose -d 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand prompt" -l format -d 'What to print; placeholders {profile}, {region}, {credentials_left}, {session_left}' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand prompt" -s s -l shell -d 'Escape and wrap for this shell\'s prompt' -r -f -a "bash\t''
zsh\t''
sh\t''
fish\t''
powershell\t''
pwsh\t''
nu\t''
cmd\t''"
complete -c ssoenv -n "__fish_ssoenv_using_subcommand prompt" -s v -l verbose -d 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand prompt" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand init" -s v -l verbose -d 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand completions" -s v -l verbose -d 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand status" -l json -d 'Print JSON instead of text'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand status" -s v -l verbose -d 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand status" -s h -l help -d 'Print help'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand profiles" -s l -l long -d 'Show each profile\'s account, role, region and login as a table'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand profiles" -l json -d 'Print JSON: every profile with what it resolves to, or the error that stops it'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand profiles" -s v -l verbose -d 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand profiles" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand accounts" -l sso-session -d 'Use this sso-session\'s login' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand accounts" -l flow -d 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)' -r -f -a "auto\t''
pkce\t''
device-code\t''"
complete -c ssoenv -n "__fish_ssoenv_using_subcommand accounts" -l refresh -d 'List again even when the cached listing is less than an hour old'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand accounts" -l no-login -d 'Never start a login; fail with the command to run instead'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand accounts" -l no-browser -d 'Do not open a browser; print the URL to open instead'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand accounts" -l use-device-code -d 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand accounts" -l qr -d 'Also draw the login URL as a QR code, to approve from a phone'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand accounts" -l json -d 'Print JSON (accountId, accountName, emailAddress, and roles once listed) instead of a table'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand accounts" -s v -l verbose -d 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand accounts" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand roles" -l sso-session -d 'Use this sso-session\'s login' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand roles" -l flow -d 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)' -r -f -a "auto\t''
pkce\t''
device-code\t''"
complete -c ssoenv -n "__fish_ssoenv_using_subcommand roles" -l refresh -d 'List again even when the cached listing is less than an hour old'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand roles" -l no-login -d 'Never start a login; fail with the command to run instead'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand roles" -l no-browser -d 'Do not open a browser; print the URL to open instead'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand roles" -l use-device-code -d 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand roles" -l qr -d 'Also draw the login URL as a QR code, to approve from a phone'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand roles" -l json -d 'Print JSON (roleName, accountId) instead of a list'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand roles" -s v -l verbose -d 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand roles" -s h -l help -d 'Print help'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and not __fish_seen_subcommand_from sso populate help" -s v -l verbose -d 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and not __fish_seen_subcommand_from sso populate help" -s h -l help -d 'Print help'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and not __fish_seen_subcommand_from sso populate help" -f -a "sso" -d 'The wizard of `aws configure sso`: log in, pick an account and a role, write the profile'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and not __fish_seen_subcommand_from sso populate help" -f -a "populate" -d 'Write a profile for every account and role of an sso-session'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and not __fish_seen_subcommand_from sso populate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from sso" -l sso-session -d 'The sso-session to use or create; an empty name writes a legacy profile' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from sso" -l start-url -d 'The AWS access portal URL, e.g. https://my-sso-portal.awsapps.com/start' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from sso" -l sso-region -d 'The region of IAM Identity Center' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from sso" -l scopes -d 'The sso-session\'s registration scopes, comma-separated [default: sso:account:access]' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from sso" -l account-id -d 'The account, by its 12-digit ID' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from sso" -l role-name -d 'The role to take in the account' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from sso" -l region -d 'The profile\'s default region for AWS calls (an empty value leaves it out)' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from sso" -l output -d 'The profile\'s default output format (json, yaml, yaml-stream, text, table; empty leaves it out)' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from sso" -l profile-name -d 'The profile\'s name [default: ACCOUNTID_ROLENAME]; default makes it the default profile' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from sso" -l flow -d 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)' -r -f -a "auto\t''
pkce\t''
device-code\t''"
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from sso" -l force -d 'Overwrite an existing profile or sso-session whose settings differ, without asking'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from sso" -l no-browser -d 'Do not open a browser; print the URL to open instead'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from sso" -l use-device-code -d 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from sso" -l qr -d 'Also draw the login URL as a QR code, to approve from a phone'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from sso" -s v -l verbose -d 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from sso" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from populate" -l sso-session -d 'The sso-session whose accounts and roles get profiles' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from populate" -l region -d 'The default region of every profile written' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from populate" -l name -d 'How profiles are named' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from populate" -l concurrency -d 'The most ListAccountRoles calls at once (the portal\'s throttling may allow fewer)' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from populate" -l flow -d 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)' -r -f -a "auto\t''
pkce\t''
device-code\t''"
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from populate" -l prune -d 'Drop profiles whose account or role is no longer assigned'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from populate" -l dry-run -d 'Print the change as a diff and write nothing'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from populate" -l no-login -d 'Never start a login; fail with the command to run instead'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from populate" -l no-browser -d 'Do not open a browser; print the URL to open instead'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from populate" -l use-device-code -d 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from populate" -l qr -d 'Also draw the login URL as a QR code, to approve from a phone'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from populate" -s v -l verbose -d 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from populate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from help" -f -a "sso" -d 'The wizard of `aws configure sso`: log in, pick an account and a role, write the profile'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from help" -f -a "populate" -d 'Write a profile for every account and role of an sso-session'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand configure; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand console" -l destination -d 'Where the console opens: a service (s3, ec2, cloudwatch, ...) or a full console URL' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand console" -l region -d 'The console\'s region [default: the profile\'s]' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand console" -l flow -d 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)' -r -f -a "auto\t''
pkce\t''
device-code\t''"
complete -c ssoenv -n "__fish_ssoenv_using_subcommand console" -l print -d 'Print the URL on stdout instead of opening a browser'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand console" -l no-login -d 'Never start a login; fail with the command to run instead'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand console" -l no-browser -d 'Do not open a browser; print the URL to open instead'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand console" -l use-device-code -d 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand console" -l qr -d 'Also draw the login URL as a QR code, to approve from a phone'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand console" -s v -l verbose -d 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand console" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand demo" -l approve -d 'Plays the person in the browser during the demo: opens URL and approves (used as BROWSER)' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand demo" -s v -l verbose -d 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand emulator" -l listen -d 'Address to listen on; loopback only, and port 0 picks a free port' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand emulator" -l accounts -d 'How many accounts the user is assigned to (up to 100000), each with a name and an e-mail address' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand emulator" -l roles -d 'The roles the user may take in every account' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand emulator" -l secret-access-key -d 'Hand out this secret access key instead of a random one' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand emulator" -l token-ttl -d 'Lifetime of access tokens' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand emulator" -l session-ttl -d 'Lifetime of a login: refresh tokens work until then, and no access token outlives it' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand emulator" -l credentials-ttl -d 'Lifetime of role credentials' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand emulator" -l registration-ttl -d 'Lifetime of client registrations' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand emulator" -l device-code-ttl -d 'Lifetime of a device authorization (how long the person has to approve it)' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand emulator" -l device-interval -d 'Polling interval the device flow asks for; a client that polls faster gets SlowDownException (0: never)' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand emulator" -l latency -d 'Delay every API answer by this much' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand emulator" -l throttle -d 'Answer 429 TooManyRequestsException above this many portal requests per second' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand emulator" -l retry-after -d 'Send `Retry-After: SECS` with every 429' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand emulator" -l fail-rate -d 'Answer this fraction of API requests (0 to 1) with a 500' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand emulator" -l seed -d 'Seed for --fail-rate, to repeat a run\'s failures exactly (tokens stay random)' -r
complete -c ssoenv -n "__fish_ssoenv_using_subcommand emulator" -l auto-approve -d 'Approve a login as soon as its page is opened (verificationUriComplete or /authorize), as tests need'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand emulator" -s q -l quiet -d 'Do not print a line per request on stderr'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand emulator" -l no-refresh-tokens -d 'Issue no refresh tokens, so logins cannot be refreshed'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand emulator" -s v -l verbose -d 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand emulator" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand help; and not __fish_seen_subcommand_from use unset exec credential-process login logout prompt init completions status profiles accounts roles configure console demo emulator help" -f -a "use" -d 'Print the shell code that puts a profile\'s credentials into this shell: eval "$(ssoenv use PROFILE)"'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand help; and not __fish_seen_subcommand_from use unset exec credential-process login logout prompt init completions status profiles accounts roles configure console demo emulator help" -f -a "unset" -d 'Print the shell code that removes everything `ssoenv use` sets'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand help; and not __fish_seen_subcommand_from use unset exec credential-process login logout prompt init completions status profiles accounts roles configure console demo emulator help" -f -a "exec" -d 'Run a command with a profile\'s credentials in its environment, without touching this shell'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand help; and not __fish_seen_subcommand_from use unset exec credential-process login logout prompt init completions status profiles accounts roles configure console demo emulator help" -f -a "credential-process" -d 'Print the credential_process JSON for a profile, for the AWS SDKs'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand help; and not __fish_seen_subcommand_from use unset exec credential-process login logout prompt init completions status profiles accounts roles configure console demo emulator help" -f -a "login" -d 'Log in to IAM Identity Center for a profile or an sso-session (like `aws sso login`)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand help; and not __fish_seen_subcommand_from use unset exec credential-process login logout prompt init completions status profiles accounts roles configure console demo emulator help" -f -a "logout" -d 'Log out: every SSO session (like `aws sso logout`), or one profile\'s or sso-session\'s'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand help; and not __fish_seen_subcommand_from use unset exec credential-process login logout prompt init completions status profiles accounts roles configure console demo emulator help" -f -a "prompt" -d 'Print the prompt segment: the active profile and its credentials\' time left (environment only; no files)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand help; and not __fish_seen_subcommand_from use unset exec credential-process login logout prompt init completions status profiles accounts roles configure console demo emulator help" -f -a "init" -d 'Print the shell integration to load from your shell\'s startup file'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand help; and not __fish_seen_subcommand_from use unset exec credential-process login logout prompt init completions status profiles accounts roles configure console demo emulator help" -f -a "completions" -d 'Print a static completion script (for packagers; `ssoenv init` sets up dynamic completion instead)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand help; and not __fish_seen_subcommand_from use unset exec credential-process login logout prompt init completions status profiles accounts roles configure console demo emulator help" -f -a "status" -d 'Show every SSO session and profile: token expiry, refreshability, cached role credentials (no network)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand help; and not __fish_seen_subcommand_from use unset exec credential-process login logout prompt init completions status profiles accounts roles configure console demo emulator help" -f -a "profiles" -d 'List the profiles that use SSO: the names `ssoenv use` takes (config file only)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand help; and not __fish_seen_subcommand_from use unset exec credential-process login logout prompt init completions status profiles accounts roles configure console demo emulator help" -f -a "accounts" -d 'List the AWS accounts a login may use (name, e-mail, ID)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand help; and not __fish_seen_subcommand_from use unset exec credential-process login logout prompt init completions status profiles accounts roles configure console demo emulator help" -f -a "roles" -d 'List the roles a login may take in an account'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand help; and not __fish_seen_subcommand_from use unset exec credential-process login logout prompt init completions status profiles accounts roles configure console demo emulator help" -f -a "configure" -d 'Set up profiles: the `aws configure sso` wizard, or a profile for every account and role'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand help; and not __fish_seen_subcommand_from use unset exec credential-process login logout prompt init completions status profiles accounts roles configure console demo emulator help" -f -a "console" -d 'Sign in to the AWS console as a profile\'s role: opens the browser, or prints the URL'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand help; and not __fish_seen_subcommand_from use unset exec credential-process login logout prompt init completions status profiles accounts roles configure console demo emulator help" -f -a "demo" -d 'Walk through the whole journey (login, use, prompt, status, logout) against a local emulator'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand help; and not __fish_seen_subcommand_from use unset exec credential-process login logout prompt init completions status profiles accounts roles configure console demo emulator help" -f -a "emulator" -d 'Run a local IAM Identity Center, for tests, demos and trying ssoenv without an AWS account'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand help; and not __fish_seen_subcommand_from use unset exec credential-process login logout prompt init completions status profiles accounts roles configure console demo emulator help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand help; and __fish_seen_subcommand_from configure" -f -a "sso" -d 'The wizard of `aws configure sso`: log in, pick an account and a role, write the profile'
complete -c ssoenv -n "__fish_ssoenv_using_subcommand help; and __fish_seen_subcommand_from configure" -f -a "populate" -d 'Write a profile for every account and role of an sso-session'
