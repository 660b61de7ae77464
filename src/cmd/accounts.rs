//! `ssoenv accounts`: the accounts a login may use, as a table or JSON.

use std::process::ExitCode;

use super::emit;
use super::listing::{account_index, with_listing};
use crate::cache::account_index::IndexedAccount;
use crate::cli::AccountsArgs;

pub fn run(args: AccountsArgs) -> anyhow::Result<ExitCode> {
    let index = with_listing(&args.listing, |auth, target, options| {
        account_index(auth, target, options, args.listing.refresh)
    })?;
    if args.json {
        // As ListAccounts lists them; the roles, when the index has them, are ssoenv's addition.
        let rows: Vec<&IndexedAccount> = index.accounts.iter().collect();
        return emit(&format!("{}\n", serde_json::to_string_pretty(&rows)?)).map(|()| ExitCode::SUCCESS);
    }
    let rows: Vec<[&str; 3]> =
        index.accounts.iter().map(|a| [a.account_id.as_str(), &a.account_name, &a.email_address]).collect();
    emit(&table(["ACCOUNT ID", "NAME", "E-MAIL"], &rows))?;
    Ok(ExitCode::SUCCESS)
}

/// Columns padded to their widest cell (in characters), two spaces apart, no trailing blanks.
pub fn table<const N: usize>(header: [&str; N], rows: &[[&str; N]]) -> String {
    let mut widths = header.map(|h| h.chars().count());
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < N {
                line.extend(std::iter::repeat_n(' ', widths[i] - cell.chars().count() + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn tables_line_up() {
        let rows = [["111111111111", "dev", "dev@example.com"], ["2", "production-é", "p@x"]];
        assert_eq!(
            super::table(["ACCOUNT ID", "NAME", "E-MAIL"], &rows),
            "ACCOUNT ID    NAME          E-MAIL\n111111111111  dev           dev@example.com\n2             production-é  p@x\n"
        );
    }
}
