//! Shared helpers of the command line tools (`src/bin/`).

pub mod batch;
pub mod binary;
pub mod verify;
