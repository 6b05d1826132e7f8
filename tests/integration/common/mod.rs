//! Helpers shared by integration tests (not a test target itself).
#![allow(dead_code)]

pub mod conflicts;
pub mod quotes;
pub mod screen;
