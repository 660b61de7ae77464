
use builtin;
use str;

set edit:completion:arg-completer[ssoenv] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'ssoenv'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'ssoenv'= {
            cand -v 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand --verbose 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand use 'Print the shell code that puts a profile''s credentials into this shell: eval "$(ssoenv use PROFILE)"'
            cand unset 'Print the shell code that removes everything `ssoenv use` sets'
            cand exec 'Run a command with a profile''s credentials in its environment, without touching this shell'
            cand credential-process 'Print the credential_process JSON for a profile, for the AWS SDKs'
            cand login 'Log in to IAM Identity Center for a profile or an sso-session (like `aws sso login`)'
            cand logout 'Log out: every SSO session (like `aws sso logout`), or one profile''s or sso-session''s'
            cand prompt 'Print the prompt segment: the active profile and its credentials'' time left (environment only; no files)'
            cand init 'Print the shell integration to load from your shell''s startup file'
            cand completions 'Print a static completion script (for packagers; `ssoenv init` sets up dynamic completion instead)'
            cand status 'Show every SSO session and profile: token expiry, refreshability, cached role credentials (no network)'
            cand profiles 'List the profiles that use SSO: the names `ssoenv use` takes (config file only)'
            cand accounts 'List the AWS accounts a login may use (name, e-mail, ID)'
            cand roles 'List the roles a login may take in an account'
            cand configure 'Set up profiles: the `aws configure sso` wizard, or a profile for every account and role'
            cand console 'Sign in to the AWS console as a profile''s role: opens the browser, or prints the URL'
            cand demo 'Walk through the whole journey (login, use, prompt, status, logout) against a local emulator'
            cand emulator 'Run a local IAM Identity Center, for tests, demos and trying ssoenv without an AWS account'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ssoenv;use'= {
            cand -s 'The shell to write for [default: SSOENV_SHELL, else the name of $SHELL, else sh]'
            cand --shell 'The shell to write for [default: SSOENV_SHELL, else the name of $SHELL, else sh]'
            cand --export 'What to export'
            cand --region 'Export this region instead of the profile''s'
            cand --flow 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)'
            cand --no-login 'Never start a login; fail with the command to run instead'
            cand --no-browser 'Do not open a browser; print the URL to open instead'
            cand --use-device-code 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE'
            cand --qr 'Also draw the login URL as a QR code, to approve from a phone'
            cand -v 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand --verbose 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ssoenv;unset'= {
            cand -s 'The shell to write for [default: SSOENV_SHELL, else the name of $SHELL, else sh]'
            cand --shell 'The shell to write for [default: SSOENV_SHELL, else the name of $SHELL, else sh]'
            cand -v 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand --verbose 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ssoenv;exec'= {
            cand --region 'Give the command this region instead of the profile''s'
            cand --flow 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)'
            cand --no-login 'Never start a login; fail with the command to run instead'
            cand --no-browser 'Do not open a browser; print the URL to open instead'
            cand --use-device-code 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE'
            cand --qr 'Also draw the login URL as a QR code, to approve from a phone'
            cand -v 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand --verbose 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ssoenv;credential-process'= {
            cand --flow 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)'
            cand --no-login 'Never start a login; fail with the command to run instead'
            cand --no-browser 'Do not open a browser; print the URL to open instead'
            cand --use-device-code 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE'
            cand --qr 'Also draw the login URL as a QR code, to approve from a phone'
            cand -v 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand --verbose 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ssoenv;login'= {
            cand --sso-session 'Log in to this sso-session, without a profile'
            cand --flow 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)'
            cand --force 'Log in even when the cached token is still valid'
            cand --no-browser 'Do not open a browser; print the URL to open instead'
            cand --use-device-code 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE'
            cand --qr 'Also draw the login URL as a QR code, to approve from a phone'
            cand -v 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand --verbose 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ssoenv;logout'= {
            cand --sso-session 'Log out of this sso-session only'
            cand -v 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand --verbose 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ssoenv;prompt'= {
            cand --format 'What to print; placeholders {profile}, {region}, {credentials_left}, {session_left}'
            cand -s 'Escape and wrap for this shell''s prompt'
            cand --shell 'Escape and wrap for this shell''s prompt'
            cand -v 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand --verbose 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ssoenv;init'= {
            cand -v 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand --verbose 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ssoenv;completions'= {
            cand -v 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand --verbose 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ssoenv;status'= {
            cand --json 'Print JSON instead of text'
            cand -v 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand --verbose 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ssoenv;profiles'= {
            cand -l 'Show each profile''s account, role, region and login as a table'
            cand --long 'Show each profile''s account, role, region and login as a table'
            cand --json 'Print JSON: every profile with what it resolves to, or the error that stops it'
            cand -v 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand --verbose 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ssoenv;accounts'= {
            cand --sso-session 'Use this sso-session''s login'
            cand --flow 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)'
            cand --refresh 'List again even when the cached listing is less than an hour old'
            cand --no-login 'Never start a login; fail with the command to run instead'
            cand --no-browser 'Do not open a browser; print the URL to open instead'
            cand --use-device-code 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE'
            cand --qr 'Also draw the login URL as a QR code, to approve from a phone'
            cand --json 'Print JSON (accountId, accountName, emailAddress, and roles once listed) instead of a table'
            cand -v 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand --verbose 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ssoenv;roles'= {
            cand --sso-session 'Use this sso-session''s login'
            cand --flow 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)'
            cand --refresh 'List again even when the cached listing is less than an hour old'
            cand --no-login 'Never start a login; fail with the command to run instead'
            cand --no-browser 'Do not open a browser; print the URL to open instead'
            cand --use-device-code 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE'
            cand --qr 'Also draw the login URL as a QR code, to approve from a phone'
            cand --json 'Print JSON (roleName, accountId) instead of a list'
            cand -v 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand --verbose 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'ssoenv;configure'= {
            cand -v 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand --verbose 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand sso 'The wizard of `aws configure sso`: log in, pick an account and a role, write the profile'
            cand populate 'Write a profile for every account and role of an sso-session'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ssoenv;configure;sso'= {
            cand --sso-session 'The sso-session to use or create; an empty name writes a legacy profile'
            cand --start-url 'The AWS access portal URL, e.g. https://my-sso-portal.awsapps.com/start'
            cand --sso-region 'The region of IAM Identity Center'
            cand --scopes 'The sso-session''s registration scopes, comma-separated [default: sso:account:access]'
            cand --account-id 'The account, by its 12-digit ID'
            cand --role-name 'The role to take in the account'
            cand --region 'The profile''s default region for AWS calls (an empty value leaves it out)'
            cand --output 'The profile''s default output format (json, yaml, yaml-stream, text, table; empty leaves it out)'
            cand --profile-name 'The profile''s name [default: ACCOUNTID_ROLENAME]; default makes it the default profile'
            cand --flow 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)'
            cand --force 'Overwrite an existing profile or sso-session whose settings differ, without asking'
            cand --no-browser 'Do not open a browser; print the URL to open instead'
            cand --use-device-code 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE'
            cand --qr 'Also draw the login URL as a QR code, to approve from a phone'
            cand -v 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand --verbose 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ssoenv;configure;populate'= {
            cand --sso-session 'The sso-session whose accounts and roles get profiles'
            cand --region 'The default region of every profile written'
            cand --name 'How profiles are named'
            cand --concurrency 'The most ListAccountRoles calls at once (the portal''s throttling may allow fewer)'
            cand --flow 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)'
            cand --prune 'Drop profiles whose account or role is no longer assigned'
            cand --dry-run 'Print the change as a diff and write nothing'
            cand --no-login 'Never start a login; fail with the command to run instead'
            cand --no-browser 'Do not open a browser; print the URL to open instead'
            cand --use-device-code 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE'
            cand --qr 'Also draw the login URL as a QR code, to approve from a phone'
            cand -v 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand --verbose 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ssoenv;configure;help'= {
            cand sso 'The wizard of `aws configure sso`: log in, pick an account and a role, write the profile'
            cand populate 'Write a profile for every account and role of an sso-session'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ssoenv;configure;help;sso'= {
        }
        &'ssoenv;configure;help;populate'= {
        }
        &'ssoenv;configure;help;help'= {
        }
        &'ssoenv;console'= {
            cand --destination 'Where the console opens: a service (s3, ec2, cloudwatch, ...) or a full console URL'
            cand --region 'The console''s region [default: the profile''s]'
            cand --flow 'The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)'
            cand --print 'Print the URL on stdout instead of opening a browser'
            cand --no-login 'Never start a login; fail with the command to run instead'
            cand --no-browser 'Do not open a browser; print the URL to open instead'
            cand --use-device-code 'Use the device code flow (a code entered in any browser, even on another device) instead of PKCE'
            cand --qr 'Also draw the login URL as a QR code, to approve from a phone'
            cand -v 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand --verbose 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ssoenv;demo'= {
            cand --approve 'Plays the person in the browser during the demo: opens URL and approves (used as BROWSER)'
            cand -v 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand --verbose 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ssoenv;emulator'= {
            cand --listen 'Address to listen on; loopback only, and port 0 picks a free port'
            cand --accounts 'How many accounts the user is assigned to (up to 100000), each with a name and an e-mail address'
            cand --roles 'The roles the user may take in every account'
            cand --secret-access-key 'Hand out this secret access key instead of a random one'
            cand --token-ttl 'Lifetime of access tokens'
            cand --session-ttl 'Lifetime of a login: refresh tokens work until then, and no access token outlives it'
            cand --credentials-ttl 'Lifetime of role credentials'
            cand --registration-ttl 'Lifetime of client registrations'
            cand --device-code-ttl 'Lifetime of a device authorization (how long the person has to approve it)'
            cand --device-interval 'Polling interval the device flow asks for; a client that polls faster gets SlowDownException (0: never)'
            cand --latency 'Delay every API answer by this much'
            cand --throttle 'Answer 429 TooManyRequestsException above this many portal requests per second'
            cand --retry-after 'Send `Retry-After: SECS` with every 429'
            cand --fail-rate 'Answer this fraction of API requests (0 to 1) with a 500'
            cand --seed 'Seed for --fail-rate, to repeat a run''s failures exactly (tokens stay random)'
            cand --auto-approve 'Approve a login as soon as its page is opened (verificationUriComplete or /authorize), as tests need'
            cand -q 'Do not print a line per request on stderr'
            cand --quiet 'Do not print a line per request on stderr'
            cand --no-refresh-tokens 'Issue no refresh tokens, so logins cannot be refreshed'
            cand -v 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand --verbose 'Say on stderr what ssoenv does: files, requests, decisions (never a secret)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'ssoenv;help'= {
            cand use 'Print the shell code that puts a profile''s credentials into this shell: eval "$(ssoenv use PROFILE)"'
            cand unset 'Print the shell code that removes everything `ssoenv use` sets'
            cand exec 'Run a command with a profile''s credentials in its environment, without touching this shell'
            cand credential-process 'Print the credential_process JSON for a profile, for the AWS SDKs'
            cand login 'Log in to IAM Identity Center for a profile or an sso-session (like `aws sso login`)'
            cand logout 'Log out: every SSO session (like `aws sso logout`), or one profile''s or sso-session''s'
            cand prompt 'Print the prompt segment: the active profile and its credentials'' time left (environment only; no files)'
            cand init 'Print the shell integration to load from your shell''s startup file'
            cand completions 'Print a static completion script (for packagers; `ssoenv init` sets up dynamic completion instead)'
            cand status 'Show every SSO session and profile: token expiry, refreshability, cached role credentials (no network)'
            cand profiles 'List the profiles that use SSO: the names `ssoenv use` takes (config file only)'
            cand accounts 'List the AWS accounts a login may use (name, e-mail, ID)'
            cand roles 'List the roles a login may take in an account'
            cand configure 'Set up profiles: the `aws configure sso` wizard, or a profile for every account and role'
            cand console 'Sign in to the AWS console as a profile''s role: opens the browser, or prints the URL'
            cand demo 'Walk through the whole journey (login, use, prompt, status, logout) against a local emulator'
            cand emulator 'Run a local IAM Identity Center, for tests, demos and trying ssoenv without an AWS account'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ssoenv;help;use'= {
        }
        &'ssoenv;help;unset'= {
        }
        &'ssoenv;help;exec'= {
        }
        &'ssoenv;help;credential-process'= {
        }
        &'ssoenv;help;login'= {
        }
        &'ssoenv;help;logout'= {
        }
        &'ssoenv;help;prompt'= {
        }
        &'ssoenv;help;init'= {
        }
        &'ssoenv;help;completions'= {
        }
        &'ssoenv;help;status'= {
        }
        &'ssoenv;help;profiles'= {
        }
        &'ssoenv;help;accounts'= {
        }
        &'ssoenv;help;roles'= {
        }
        &'ssoenv;help;configure'= {
            cand sso 'The wizard of `aws configure sso`: log in, pick an account and a role, write the profile'
            cand populate 'Write a profile for every account and role of an sso-session'
        }
        &'ssoenv;help;configure;sso'= {
        }
        &'ssoenv;help;configure;populate'= {
        }
        &'ssoenv;help;console'= {
        }
        &'ssoenv;help;demo'= {
        }
        &'ssoenv;help;emulator'= {
        }
        &'ssoenv;help;help'= {
        }
    ]
    $completions[$command]
}
