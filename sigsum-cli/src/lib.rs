//! Shared helpers of the command line tools (`src/bin/`).

pub mod verify;
