//! Allocations set by appraisers per category and plan year (the ranking
//! view's `b`, `thamdinh rank --set-budget`). Each one replaces the figure
//! before it; the audit log keeps every figure ever set (`allocation`
//! entries, written in the same transaction).

use super::{Actor, Result, Store, StoreError, audit, now};
use crate::domain::refusal::Refusal;
use crate::domain::{Category, Vnd};
use rusqlite::{OptionalExtension, params};
use std::collections::HashMap;

/// An allocation as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllocationRecord {
    pub category: Category,
    pub plan_year: i32,
    pub vnd: Vnd,
    pub author: String,
    pub at: String,
}

impl Store {
    /// Set the allocation of `category` for `plan_year`, with its audit
    /// entry (`allocation`, detail `machinery 2024: 1.500.000.000 (was …)`)
    /// in the same transaction.
    pub fn set_allocation(
        &mut self,
        actor: &Actor,
        category: Category,
        plan_year: i32,
        vnd: Vnd,
    ) -> Result<()> {
        if vnd.0 < 0 {
            return Err(StoreError::Refused(Refusal::NegativeAllocation { vnd }));
        }
        let at = now();
        let tx = self.write()?;
        let before: Option<i64> = tx
            .query_row(
                "SELECT vnd FROM allocations WHERE category = ?1 AND plan_year = ?2",
                params![category.id(), plan_year],
                |r| r.get(0),
            )
            .optional()?;
        tx.execute(
            "INSERT INTO allocations (category, plan_year, vnd, author, os_user, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (category, plan_year) DO UPDATE SET vnd = ?3, author = ?4, os_user = ?5, at = ?6",
            params![category.id(), plan_year, vnd.0, actor.user, actor.os_user, at],
        )?;
        let mut detail = format!("{} {plan_year}: {}", category.id(), vnd.full());
        if let Some(b) = before {
            detail.push_str(&format!(" (was {})", Vnd(b).full()));
        }
        audit(
            &tx,
            actor,
            &at,
            "allocation",
            None,
            None,
            None,
            Some(&detail),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Every stored allocation: (category, plan year) → record. Rows whose
    /// category this build does not know are skipped.
    pub fn allocations(&self) -> Result<HashMap<(Category, i32), AllocationRecord>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT category, plan_year, vnd, author, at FROM allocations")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i32>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut out = HashMap::new();
        for row in rows {
            let (cat, plan_year, vnd, author, at) = row?;
            if let Some(category) = Category::from_id(&cat) {
                out.insert(
                    (category, plan_year),
                    AllocationRecord {
                        category,
                        plan_year,
                        vnd: Vnd(vnd),
                        author,
                        at,
                    },
                );
            }
        }
        Ok(out)
    }
}
