//! Shared by the Merkle tests: the error a path of `got` elements must get
//! when the naive reference says the right length is `want` (`None`: the
//! sizes themselves are invalid, giving `missing`).
use sigsum_core::{MerkleError, MAX_PATH_LEN};

pub fn shape_error(want: Option<usize>, got: usize, missing: MerkleError) -> Option<MerkleError> {
    let Some(want) = want else {
        return Some(missing);
    };
    if want > MAX_PATH_LEN {
        return Some(MerkleError::PathLimitExceeded {
            expected: want as u8,
        });
    }
    if got < want {
        return Some(MerkleError::PathTooShort {
            expected: want as u8,
            got: got as u8,
        });
    }
    if got > want {
        return Some(MerkleError::PathTooLong {
            expected: want as u8,
        });
    }
    None
}
