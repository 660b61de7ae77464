//! Every account a login may use and the roles in each: ListAccounts page by page, and ListAccountRoles for
//! the accounts of a page while the next page is on its way, on as many threads as the pacer allows.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};

use super::error::ApiError;
use super::portal::{Account, PortalClient};

/// An account and its roles, or why its roles could not be listed.
#[derive(Debug)]
pub struct AccountRoles {
    pub account: Account,
    pub roles: Result<Vec<String>, ApiError>,
}

/// Told how the listing goes, from any of its threads.
pub trait ListingProgress: Sync {
    /// `count` more accounts are known.
    fn found(&self, count: usize);
    /// One more account's roles are listed (or failed).
    fn listed(&self);
}

/// Lists every account and its roles, in the order ListAccounts gives them. A failure of ListAccounts, or an
/// UnauthorizedException anywhere (the token is no good), fails the whole listing; any other failure is kept
/// with its account, for the caller to report.
pub fn list_accounts_and_roles(
    portal: &PortalClient<'_>,
    threads: usize,
    progress: &dyn ListingProgress,
) -> Result<Vec<AccountRoles>, ApiError> {
    let (sender, receiver) = mpsc::channel::<(usize, Account)>();
    let receiver = Mutex::new(receiver);
    let results: Mutex<Vec<(usize, AccountRoles)>> = Mutex::new(Vec::new());
    let unauthorized: Mutex<Option<ApiError>> = Mutex::new(None);
    let stop = AtomicBool::new(false);

    let listed = std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            scope.spawn(|| {
                loop {
                    let next = receiver.lock().unwrap_or_else(|p| p.into_inner()).recv();
                    let Ok((index, account)) = next else { return };
                    if stop.load(Ordering::Relaxed) {
                        continue;
                    }
                    let roles = portal.list_account_roles(&account.id);
                    if let Err(error) = &roles
                        && error.code() == Some("UnauthorizedException")
                    {
                        stop.store(true, Ordering::Relaxed);
                        let mut first = unauthorized.lock().unwrap_or_else(|p| p.into_inner());
                        first.get_or_insert_with(|| clone_unauthorized(error));
                    }
                    progress.listed();
                    results.lock().unwrap_or_else(|p| p.into_inner()).push((index, AccountRoles { account, roles }));
                }
            });
        }
        let mut next_index = 0;
        let listed = portal.for_each_account_page(|page| {
            progress.found(page.len());
            for account in page {
                // The workers outlive this loop, so the channel is open.
                let _ = sender.send((next_index, account));
                next_index += 1;
            }
        });
        if listed.is_err() {
            stop.store(true, Ordering::Relaxed);
        }
        drop(sender);
        listed
    });
    listed?;
    if let Some(error) = unauthorized.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(error);
    }
    let mut results = results.into_inner().unwrap_or_else(|p| p.into_inner());
    results.sort_by_key(|(index, _)| *index);
    Ok(results.into_iter().map(|(_, account)| account).collect())
}

/// `ApiError` holds a transport error that cannot be cloned; an UnauthorizedException is always a service one.
fn clone_unauthorized(error: &ApiError) -> ApiError {
    match error {
        ApiError::Service(service) => ApiError::Service(service.clone()),
        other => ApiError::Malformed { operation: "ListAccountRoles", detail: other.to_string() },
    }
}
