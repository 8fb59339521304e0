//! Shared helpers of the command line tools (`src/bin/`).

pub mod batch;
pub mod binary;
pub mod tlog;
pub mod verify;
