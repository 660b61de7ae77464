//! Every subcommand and flag, in one place: `--help`, completions and the man page all derive from here.

use std::net::SocketAddr;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use clap_complete::ArgValueCompleter;

use crate::complete::{account_ids, profile_names, sso_session_names};

#[derive(Debug, Parser)]
#[command(
    name = "ssoenv",
    version,
    about = "Log in to AWS IAM Identity Center (AWS SSO) and put short-term AWS credentials into your shell",
    long_about = "Log in to AWS IAM Identity Center (AWS SSO) and put short-term AWS credentials into your shell.\n\n\
                  ssoenv shares one login with AWS CLI v2 and every AWS SDK: it reads and writes the AWS CLI's own \
                  token and credential caches, byte for byte.",
    max_term_width = 100
)]
pub struct Cli {
    /// Say on stderr what ssoenv does: files, requests, decisions (never a secret)
    #[arg(long, short, global = true)]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the shell code that puts a profile's credentials into this shell: eval "$(ssoenv use PROFILE)"
    #[command(
        long_about = "Print the shell code that puts a profile's short-term credentials into the current shell:\n\n  \
                      eval \"$(ssoenv use my-dev-profile)\"        # bash, zsh, sh\n  \
                      ssoenv use my-dev-profile | source           # fish\n\n\
                      Cached role credentials are used while more than 15 minutes remain, with no network call; \
                      otherwise ssoenv gets new ones, refreshing or logging in to the SSO session first when it \
                      must (in the browser, with the prompts on stderr). On any failure nothing is printed on \
                      stdout, so the eval changes nothing.",
        after_help = "Exported (--export keys): AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, \
                      AWS_CREDENTIAL_EXPIRATION, AWS_REGION and AWS_DEFAULT_REGION (when a region is known), \
                      SSOENV_PROFILE, SSOENV_SESSION_EXPIRATION; AWS_PROFILE is removed.\n\
                      --export profile exports AWS_PROFILE instead of the keys (the SDKs then use the shared \
                      cache); --export both exports both."
    )]
    Use(UseArgs),

    /// Print the shell code that removes everything `ssoenv use` sets
    Unset(UnsetArgs),

    /// Run a command with a profile's credentials in its environment, without touching this shell
    #[command(after_help = "Example:\n  ssoenv exec dev -- aws s3 ls\n\nThe command's exit code is ssoenv's.")]
    Exec(ExecArgs),

    /// Print the credential_process JSON for a profile, for the AWS SDKs
    #[command(
        long_about = "Print a profile's credentials as the JSON of the credential_process contract, so that any \
                      AWS SDK can use ssoenv:\n\n  [profile dev-via-ssoenv]\n  credential_process = ssoenv \
                      credential-process dev"
    )]
    CredentialProcess(CredentialProcessArgs),

    /// Log in to IAM Identity Center for a profile or an sso-session (like `aws sso login`)
    #[command(
        long_about = "Log in to IAM Identity Center for a profile or an sso-session, as `aws sso login` does, and \
                      cache the SSO token where the AWS CLI and the SDKs find it.\n\n\
                      A token that is still valid is reused (unlike `aws sso login`); --force logs in anyway. \
                      sso-session profiles log in with the authorization code flow (PKCE) in a browser on this \
                      machine; legacy profiles, remote shells and machines without a display use the device code \
                      flow, where you enter a code in any browser.",
        after_help = "Examples:\n  ssoenv login dev\n  ssoenv login --sso-session corp --use-device-code --qr\n  \
                      ssoenv login --force"
    )]
    Login(LoginArgs),

    /// Log out: every SSO session (like `aws sso logout`), or one profile's or sso-session's
    #[command(long_about = "Log out. With no argument, as `aws sso logout`: every cached SSO token is revoked on the \
                      server and deleted, with every role credential cached from SSO. With a profile or \
                      --sso-session, only that session's token and the role credentials made from it.\n\n\
                      Cached files are deleted even when the server cannot be reached.")]
    Logout(LogoutArgs),

    /// Print the prompt segment: the active profile and its credentials' time left (environment only; no files)
    #[command(
        long_about = "Print the prompt segment: the active profile and the time left on its credentials, e.g. \
                      `dev 42m`, `dev expired`, with `(login)` when the SSO session needs a new login; nothing \
                      when no profile is active. It reads only SSOENV_PROFILE, AWS_CREDENTIAL_EXPIRATION, \
                      SSOENV_SESSION_EXPIRATION and AWS_REGION: no file, no network, and it always succeeds.\n\n\
                      Colours follow the time left (NO_COLOR turns them off); -s bash or -s zsh wraps them and \
                      escapes the text for that shell's prompt.",
        after_help = "Examples:\n  ssoenv prompt\n  ssoenv prompt -s zsh --format '[{profile} {region} {credentials_left}]'"
    )]
    Prompt(PromptArgs),

    /// Print the shell integration to load from your shell's startup file
    #[command(
        long_about = "Print the shell integration: a `ssoenv` function so that `ssoenv use` and `ssoenv unset` \
                      change the current shell, completion of profile names, a prompt hook that renews role \
                      credentials ten minutes before they expire (never starting a login), and, for bash and \
                      zsh, the function ssoenv_prompt_segment, which renders the segment without a process.",
        after_help = "Add one line to your shell's startup file:\n  \
                      bash (~/.bashrc):          eval \"$(ssoenv init bash)\"\n  \
                      zsh (~/.zshrc):            eval \"$(ssoenv init zsh)\"\n  \
                      fish (config.fish):        ssoenv init fish | source\n  \
                      PowerShell ($PROFILE):     Invoke-Expression (& ssoenv init powershell | Out-String)\n  \
                      nu (env.nu):               ssoenv init nu | save -f ~/.cache/ssoenv.nu\n  \
                      nu (config.nu):            source ~/.cache/ssoenv.nu"
    )]
    Init(InitArgs),

    /// Print a static completion script (for packagers; `ssoenv init` sets up dynamic completion instead)
    #[command(
        long_about = "Print a static completion script for SHELL: subcommands and flags, but not profile names, \
                      which only the dynamic completion that `ssoenv init` registers can know. The same scripts \
                      are in the repository's completions/ folder."
    )]
    Completions(CompletionsArgs),

    /// Show every SSO session and profile: token expiry, refreshability, cached role credentials (no network)
    Status(StatusArgs),

    /// List the profiles that use SSO: the names `ssoenv use` takes (config file only)
    #[command(
        long_about = "List the profiles in the config file that use SSO, one name per line: the names `ssoenv \
                      use` takes and Tab completes. --long adds each profile's account, role, region and login \
                      (sso-session or start URL); a profile whose settings are broken is listed anyway, and what \
                      is wrong is said on stderr, with the file and line. No cache is read and nothing is sent.",
        after_help = "Examples:\n  ssoenv profiles\n  ssoenv profiles --long\n  \
                      ssoenv profiles --json | jq -r '.[] | select(.account_id == \"123456789012\") | .name'"
    )]
    Profiles(ProfilesArgs),

    /// List the AWS accounts a login may use (name, e-mail, ID)
    #[command(
        long_about = "List the AWS accounts an SSO login may use, sorted by name. The listing is cached for an \
                      hour (~/.aws/sso/cache/ssoenv-accounts-*.json, no secrets), so the wizard, completion and \
                      the next call answer at once; --refresh lists again.",
        after_help = "Examples:\n  ssoenv accounts\n  ssoenv accounts --sso-session corp --json | jq -r '.[].accountId'"
    )]
    Accounts(AccountsArgs),

    /// List the roles a login may take in an account
    #[command(
        after_help = "Examples:\n  ssoenv roles 123456789012\n  ssoenv roles 123456789012 --sso-session corp --json"
    )]
    Roles(RolesArgs),

    /// Set up profiles: the `aws configure sso` wizard, or a profile for every account and role
    Configure(ConfigureArgs),

    /// Sign in to the AWS console as a profile's role: opens the browser, or prints the URL
    #[command(
        long_about = "Sign in to the AWS console as a profile's role, with its short-term credentials: ssoenv \
                      asks the federation endpoint for a sign-in token and opens the sign-in URL in the browser \
                      (BROWSER is honoured), or prints it with --print. The URL signs in whoever opens it for \
                      15 minutes: treat it as a secret.",
        after_help = "Examples:\n  ssoenv console dev\n  ssoenv console dev --destination s3\n  \
                      ssoenv console prod --print --destination 'https://console.aws.amazon.com/cloudwatch/home'"
    )]
    Console(ConsoleArgs),

    /// Walk through the whole journey (login, use, prompt, status, logout) against a local emulator
    #[command(long_about = "Walk through the whole journey with no AWS account: start a local IAM Identity Center, \
                      write a config into a throw-away HOME, log in, export credentials, show the prompt segment \
                      and the status, and log out, narrating each step. Nothing outside a temporary folder is \
                      touched, and nothing leaves this machine.")]
    Demo(DemoArgs),

    /// Run a local IAM Identity Center, for tests, demos and trying ssoenv without an AWS account
    #[command(
        long_about = "Run a local IAM Identity Center: the OIDC API (sso-oidc), the portal API (sso) and the \
                      sign-in pages, on loopback, with the service's exact wire format.\n\n\
                      It prints its base URL as the first line on stdout, then, on stderr, the environment \
                      variables and the config that point ssoenv, the AWS CLI and the AWS SDKs at it. It runs \
                      until interrupted.",
        after_help = "Examples:\n  \
                      ssoenv emulator --auto-approve\n  \
                      ssoenv emulator --listen 127.0.0.1:8900 --accounts 1000 --roles Admin,Developer\n  \
                      ssoenv emulator --token-ttl 2m --throttle 5 --retry-after 1 --fail-rate 0.1 --seed 7\n\n\
                      Test hooks: GET /_emulator/stats (call counts), POST /_emulator/expire-tokens."
    )]
    Emulator(EmulatorArgs),
}

/// The flags of every command that can log in.
#[derive(Debug, Args, Clone)]
pub struct LoginFlags {
    /// Do not open a browser; print the URL to open instead
    #[arg(long)]
    pub no_browser: bool,

    /// Use the device code flow (a code entered in any browser, even on another device) instead of PKCE
    #[arg(long)]
    pub use_device_code: bool,

    /// The login flow: pkce (a browser on this machine), device-code, or auto (pkce where a browser can open here)
    #[arg(long, value_enum, default_value_t = FlowArg::Auto, value_name = "FLOW", conflicts_with = "use_device_code")]
    pub flow: FlowArg,

    /// Also draw the login URL as a QR code, to approve from a phone
    #[arg(long)]
    pub qr: bool,
}

/// The login flags of commands that need credentials, which may also be told never to log in.
#[derive(Debug, Args, Clone)]
pub struct CredentialLoginFlags {
    /// Never start a login; fail with the command to run instead
    #[arg(long)]
    pub no_login: bool,

    #[command(flatten)]
    pub flags: LoginFlags,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FlowArg {
    Auto,
    Pkce,
    DeviceCode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportMode {
    /// The credentials themselves
    Keys,
    /// AWS_PROFILE, for tools that read the shared cache
    Profile,
    /// Both
    Both,
}

#[derive(Debug, Args)]
pub struct UseArgs {
    /// The profile whose credentials to use
    #[arg(value_name = "PROFILE", add = ArgValueCompleter::new(profile_names))]
    pub profile: String,

    /// The shell to write for [default: SSOENV_SHELL, else the name of $SHELL, else sh]
    #[arg(short, long, value_enum, value_name = "SHELL")]
    pub shell: Option<crate::shell::Shell>,

    /// What to export
    #[arg(long, value_enum, default_value_t = ExportMode::Keys, value_name = "MODE")]
    pub export: ExportMode,

    /// Export this region instead of the profile's
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,

    #[command(flatten)]
    pub login: CredentialLoginFlags,
}

#[derive(Debug, Args)]
pub struct UnsetArgs {
    /// The shell to write for [default: SSOENV_SHELL, else the name of $SHELL, else sh]
    #[arg(short, long, value_enum, value_name = "SHELL")]
    pub shell: Option<crate::shell::Shell>,
}

#[derive(Debug, Args)]
pub struct ExecArgs {
    /// The profile whose credentials the command gets
    #[arg(value_name = "PROFILE", add = ArgValueCompleter::new(profile_names))]
    pub profile: String,

    /// Give the command this region instead of the profile's
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,

    #[command(flatten)]
    pub login: CredentialLoginFlags,

    /// The command and its arguments, after --
    #[arg(last = true, required = true, value_name = "COMMAND")]
    pub command: Vec<std::ffi::OsString>,
}

#[derive(Debug, Args)]
pub struct CredentialProcessArgs {
    /// The profile whose credentials to print
    #[arg(value_name = "PROFILE", add = ArgValueCompleter::new(profile_names))]
    pub profile: String,

    #[command(flatten)]
    pub login: CredentialLoginFlags,
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// The profile to log in for [default: AWS_PROFILE, else default]
    #[arg(value_name = "PROFILE", add = ArgValueCompleter::new(profile_names))]
    pub profile: Option<String>,

    /// Log in to this sso-session, without a profile
    #[arg(long, value_name = "NAME", conflicts_with = "profile", add = ArgValueCompleter::new(sso_session_names))]
    pub sso_session: Option<String>,

    /// Log in even when the cached token is still valid
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub login: LoginFlags,
}

#[derive(Debug, Args)]
pub struct LogoutArgs {
    /// Log out of this profile's SSO session only
    #[arg(value_name = "PROFILE", add = ArgValueCompleter::new(profile_names))]
    pub profile: Option<String>,

    /// Log out of this sso-session only
    #[arg(long, value_name = "NAME", conflicts_with = "profile", add = ArgValueCompleter::new(sso_session_names))]
    pub sso_session: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write for
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Plays the person in the browser during the demo: opens URL and approves (used as BROWSER)
    #[arg(long, value_name = "URL", hide = true)]
    pub approve: Option<String>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The shell to integrate with
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: crate::shell::init::InitShell,
}

#[derive(Debug, Args)]
pub struct PromptArgs {
    /// What to print; placeholders {profile}, {region}, {credentials_left}, {session_left}
    #[arg(long, value_name = "FMT")]
    pub format: Option<String>,

    /// Escape and wrap for this shell's prompt
    #[arg(short, long, value_name = "SHELL", value_parser = ["bash", "zsh", "sh", "fish", "powershell", "pwsh", "nu", "cmd"])]
    pub shell: Option<String>,
}

#[derive(Debug, Args)]
pub struct ProfilesArgs {
    /// Show each profile's account, role, region and login as a table
    #[arg(short, long, conflicts_with = "json")]
    pub long: bool,

    /// Print JSON: every profile with what it resolves to, or the error that stops it
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

/// Which login a listing uses: a profile's, or an sso-session's.
#[derive(Debug, Args, Clone)]
pub struct LoginSource {
    /// The profile whose SSO login to use [default: AWS_PROFILE, else default, else the only sso-session]
    #[arg(value_name = "PROFILE", add = ArgValueCompleter::new(profile_names))]
    pub profile: Option<String>,

    /// Use this sso-session's login
    #[arg(long, value_name = "NAME", conflicts_with = "profile", add = ArgValueCompleter::new(sso_session_names))]
    pub sso_session: Option<String>,
}

/// What the listing commands share: whose login, whether to list again, and how they may log in.
#[derive(Debug, Args)]
pub struct ListingArgs {
    #[command(flatten)]
    pub source: LoginSource,

    /// List again even when the cached listing is less than an hour old
    #[arg(long)]
    pub refresh: bool,

    #[command(flatten)]
    pub login: CredentialLoginFlags,
}

#[derive(Debug, Args)]
pub struct AccountsArgs {
    #[command(flatten)]
    pub listing: ListingArgs,

    /// Print JSON (accountId, accountName, emailAddress, and roles once listed) instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RolesArgs {
    /// The 12-digit account ID (ssoenv accounts lists them)
    #[arg(value_name = "ACCOUNT_ID", add = ArgValueCompleter::new(account_ids))]
    pub account_id: String,

    #[command(flatten)]
    pub listing: ListingArgs,

    /// Print JSON (roleName, accountId) instead of a list
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ConfigureArgs {
    #[command(subcommand)]
    pub command: ConfigureCommand,
}

#[derive(Debug, Subcommand)]
pub enum ConfigureCommand {
    /// The wizard of `aws configure sso`: log in, pick an account and a role, write the profile
    #[command(
        long_about = "Write an SSO profile to the config file, step by step as `aws configure sso` does: the \
                      sso-session (name, start URL, region, scopes), a login in the browser, the account and the \
                      role (arrow keys, or type to filter by name, ID or e-mail), then the profile's region, \
                      output format and name.\n\n\
                      Every prompt is also a flag; with all of them given (or without a terminal) nothing is \
                      asked. An empty --sso-session '' writes a legacy profile. The rest of the config file is \
                      kept byte for byte.",
        after_help = "Examples:\n  ssoenv configure sso\n  ssoenv configure sso --sso-session corp \\\n    \
                      --start-url https://my-sso-portal.awsapps.com/start --sso-region us-east-1 \\\n    \
                      --account-id 123456789012 --role-name ReadOnly --region eu-west-1 --output json \\\n    \
                      --profile-name dev"
    )]
    Sso(ConfigureSsoArgs),

    /// Write a profile for every account and role of an sso-session
    #[command(
        long_about = "Write one profile per account and role that an sso-session may use, into a block of the \
                      config file that ssoenv manages (# BEGIN ssoenv populate NAME ... # END ssoenv populate \
                      NAME). Profiles are native sso_session profiles that every AWS SDK understands. A second \
                      run replaces the block in place, keeping profile names stable; the rest of the file is \
                      not touched.\n\n\
                      Roles are listed concurrently, at the rate the portal allows: a 429 slows ssoenv down \
                      (honouring Retry-After) instead of failing.",
        after_help = "Name placeholders: {account_name}, {account_id}, {role_name}, {account_email}, {session}. \
                      Characters that a profile name cannot hold become '-'; two profiles that would get one \
                      name are told apart by the account ID.\n\n\
                      Examples:\n  ssoenv configure populate --sso-session corp --dry-run\n  \
                      ssoenv configure populate --sso-session corp --name '{account_name}-{role_name}' \
                      --region eu-west-1 --prune"
    )]
    Populate(PopulateArgs),
}

#[derive(Debug, Args)]
pub struct ConfigureSsoArgs {
    /// The sso-session to use or create; an empty name writes a legacy profile
    #[arg(long, value_name = "NAME", add = ArgValueCompleter::new(sso_session_names))]
    pub sso_session: Option<String>,

    /// The AWS access portal URL, e.g. https://my-sso-portal.awsapps.com/start
    #[arg(long, value_name = "URL")]
    pub start_url: Option<String>,

    /// The region of IAM Identity Center
    #[arg(long, value_name = "REGION")]
    pub sso_region: Option<String>,

    /// The sso-session's registration scopes, comma-separated [default: sso:account:access]
    #[arg(long, value_name = "SCOPES")]
    pub scopes: Option<String>,

    /// The account, by its 12-digit ID
    #[arg(long, value_name = "ID", add = ArgValueCompleter::new(account_ids))]
    pub account_id: Option<String>,

    /// The role to take in the account
    #[arg(long, value_name = "ROLE")]
    pub role_name: Option<String>,

    /// The profile's default region for AWS calls (an empty value leaves it out)
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,

    /// The profile's default output format (json, yaml, yaml-stream, text, table; empty leaves it out)
    #[arg(long, value_name = "FORMAT")]
    pub output: Option<String>,

    /// The profile's name [default: ACCOUNTID_ROLENAME]; default makes it the default profile
    #[arg(long, value_name = "NAME")]
    pub profile_name: Option<String>,

    /// Overwrite an existing profile or sso-session whose settings differ, without asking
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub login: LoginFlags,
}

#[derive(Debug, Args)]
pub struct PopulateArgs {
    /// The sso-session whose accounts and roles get profiles
    #[arg(long, value_name = "NAME", add = ArgValueCompleter::new(sso_session_names))]
    pub sso_session: String,

    /// The default region of every profile written
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,

    /// How profiles are named
    #[arg(long, value_name = "TEMPLATE", default_value = "{account_name}.{role_name}")]
    pub name: String,

    /// Drop profiles whose account or role is no longer assigned
    #[arg(long)]
    pub prune: bool,

    /// Print the change as a diff and write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// The most ListAccountRoles calls at once (the portal's throttling may allow fewer)
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub concurrency: u16,

    #[command(flatten)]
    pub login: CredentialLoginFlags,
}

#[derive(Debug, Args)]
pub struct ConsoleArgs {
    /// The profile whose role to sign in as
    #[arg(value_name = "PROFILE", add = ArgValueCompleter::new(profile_names))]
    pub profile: String,

    /// Print the URL on stdout instead of opening a browser
    #[arg(long)]
    pub print: bool,

    /// Where the console opens: a service (s3, ec2, cloudwatch, ...) or a full console URL
    #[arg(long, value_name = "URL|SERVICE")]
    pub destination: Option<String>,

    /// The console's region [default: the profile's]
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,

    #[command(flatten)]
    pub login: CredentialLoginFlags,
}

fn parse_duration(value: &str) -> Result<Duration, humantime::DurationError> {
    humantime::parse_duration(value)
}

#[derive(Debug, Args)]
pub struct EmulatorArgs {
    /// Address to listen on; loopback only, and port 0 picks a free port
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:0")]
    pub listen: SocketAddr,

    /// How many accounts the user is assigned to (up to 100000), each with a name and an e-mail address
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub accounts: u64,

    /// The roles the user may take in every account
    #[arg(long, value_name = "A,B,...", value_delimiter = ',', default_value = "ReadOnly,FullAccess")]
    pub roles: Vec<String>,

    /// Approve a login as soon as its page is opened (verificationUriComplete or /authorize), as tests need
    #[arg(long)]
    pub auto_approve: bool,

    /// Hand out this secret access key instead of a random one
    #[arg(long, value_name = "VALUE")]
    pub secret_access_key: Option<String>,

    /// Do not print a line per request on stderr
    #[arg(long, short)]
    pub quiet: bool,

    /// Lifetime of access tokens
    #[arg(long, value_name = "DURATION", default_value = "1h", value_parser = parse_duration, help_heading = "Lifetimes")]
    pub token_ttl: Duration,

    /// Lifetime of a login: refresh tokens work until then, and no access token outlives it
    #[arg(long, value_name = "DURATION", default_value = "8h", value_parser = parse_duration, help_heading = "Lifetimes")]
    pub session_ttl: Duration,

    /// Lifetime of role credentials
    #[arg(long, value_name = "DURATION", default_value = "1h", value_parser = parse_duration, help_heading = "Lifetimes")]
    pub credentials_ttl: Duration,

    /// Lifetime of client registrations
    #[arg(long, value_name = "DURATION", default_value = "90days", value_parser = parse_duration, help_heading = "Lifetimes")]
    pub registration_ttl: Duration,

    /// Lifetime of a device authorization (how long the person has to approve it)
    #[arg(long, value_name = "DURATION", default_value = "10m", value_parser = parse_duration, help_heading = "Lifetimes")]
    pub device_code_ttl: Duration,

    /// Polling interval the device flow asks for; a client that polls faster gets SlowDownException (0: never)
    #[arg(long, value_name = "SECS", default_value_t = 1, help_heading = "Lifetimes")]
    pub device_interval: u64,

    /// Issue no refresh tokens, so logins cannot be refreshed
    #[arg(long, help_heading = "Lifetimes")]
    pub no_refresh_tokens: bool,

    /// Delay every API answer by this much
    #[arg(long, value_name = "DURATION", default_value = "0s", value_parser = parse_duration, help_heading = "Fault injection")]
    pub latency: Duration,

    /// Answer 429 TooManyRequestsException above this many portal requests per second
    #[arg(long, value_name = "RPS", help_heading = "Fault injection")]
    pub throttle: Option<f64>,

    /// Send `Retry-After: SECS` with every 429
    #[arg(long, value_name = "SECS", requires = "throttle", help_heading = "Fault injection")]
    pub retry_after: Option<u64>,

    /// Answer this fraction of API requests (0 to 1) with a 500
    #[arg(long, value_name = "P", default_value_t = 0.0, help_heading = "Fault injection")]
    pub fail_rate: f64,

    /// Seed for --fail-rate, to repeat a run's failures exactly (tokens stay random)
    #[arg(long, value_name = "N", help_heading = "Fault injection")]
    pub seed: Option<u64>,
}
