//! The terminal application.
//!
//! The shape of `architecture.md`: [`app`] holds the State and the one
//! `update(&mut State, Action) -> Vec<Effect>`; [`action`] the bindable
//! actions with names and descriptions; [`keymap`] the bindings;
//! [`backend`] executes effects against the store and the rule engines;
//! [`view`] draws the state (pure); [`run`] is the event loop and the
//! terminal guard.

pub mod action;
pub mod app;
pub mod backend;
pub mod input;
pub mod keymap;
pub mod model;
pub mod run;
pub mod strings;
pub mod view;

pub use run::{Options, run};
