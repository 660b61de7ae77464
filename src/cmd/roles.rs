//! `ssoenv roles ACCOUNT_ID`: the roles a login may take in an account.

use std::process::ExitCode;

use super::emit;
use super::listing::{account_index, account_roles, with_listing};
use crate::cli::RolesArgs;

/// A role as ListAccountRoles lists it, in its key order.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct RoleRow<'a> {
    role_name: &'a str,
    account_id: &'a str,
}

pub fn run(args: RolesArgs) -> anyhow::Result<ExitCode> {
    if args.account_id.len() != 12 || !args.account_id.bytes().all(|b| b.is_ascii_digit()) {
        anyhow::bail!("{:?} is not an account ID (12 digits); ssoenv accounts lists them", args.account_id);
    }
    let roles = with_listing(&args.listing, |auth, target, options| {
        // A refreshed index has no roles yet, so --refresh lists the roles again too.
        let mut index = account_index(auth, target, options, args.listing.refresh)?;
        account_roles(auth, target, options, &mut index, &args.account_id)
    })?;
    let text = if args.json {
        let rows: Vec<RoleRow<'_>> =
            roles.iter().map(|role| RoleRow { role_name: role, account_id: &args.account_id }).collect();
        format!("{}\n", serde_json::to_string_pretty(&rows)?)
    } else {
        roles.iter().map(|role| format!("{role}\n")).collect()
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}
