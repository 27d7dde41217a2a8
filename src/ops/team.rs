//! A team on one queue: the council rule in force, assignment.

use super::Result;
use crate::domain::rules::Rules;
use crate::domain::text::clean_line;
use crate::store::{Actor, AssignOutcome, Store, StoreError};

/// Aggregate scores by the council rule of `data/council.toml` (see
/// [`Store::use_council`]). A database the user may only read keeps the
/// scores stored in it.
pub fn use_council(store: &mut Store, rules: &Rules, actor: &Actor) -> Result<()> {
    match store.use_council(actor, rules.council) {
        Ok(()) | Err(StoreError::ReadOnly) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Assign the dossiers to `to` (cleaned; `None` or empty: unassign), all
/// or none, audited.
pub fn assign(
    store: &mut Store,
    actor: &Actor,
    codes: &[String],
    to: Option<&str>,
) -> Result<AssignOutcome> {
    let to = to.map(clean_line).filter(|t| !t.is_empty());
    let codes: Vec<String> = codes.iter().map(|c| c.trim().to_string()).collect();
    Ok(store.assign(actor, &codes, to.as_deref())?)
}
