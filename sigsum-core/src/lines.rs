//! The line reader shared by the text formats.
//!
//! Sigsum's ASCII formats (proofs, tree heads, checkpoints) are read as
//! sigsum-go's `LineReader` does: lines end in `\n` only, a `\r` is **kept**
//! (so CRLF input fails in the field parsers), and a final line without `\n`
//! is an error. Policy and key files are read leniently instead (one trailing
//! `\r` stripped, final `\n` optional), as sigsum-go's `bufio.Scanner` does.
//! Line numbers start at 1.

/// How lines are split.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineMode {
    /// Every line must end in `\n`; `\r` is kept as data.
    Strict,
    /// One trailing `\r` is stripped; the last line may lack `\n`.
    Lenient,
}

/// One line of input, without its terminator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line<'a> {
    /// 1-based line number.
    pub number: u32,
    /// Byte offset of the line's first byte in the whole input.
    pub offset: usize,
    /// The line's bytes, without `\n` (and without `\r` in lenient mode).
    pub text: &'a [u8],
}

/// A line at the end of the input did not end in `\n` (strict mode).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MissingNewline {
    /// 1-based number of the unterminated line.
    pub line: u32,
}

/// An iterator over the lines of a byte string.
#[derive(Clone, Debug)]
pub struct Lines<'a> {
    rest: &'a [u8],
    offset: usize,
    number: u32,
    mode: LineMode,
}

impl<'a> Lines<'a> {
    /// Read `input` line by line in the given mode.
    pub fn new(input: &'a [u8], mode: LineMode) -> Self {
        Lines {
            rest: input,
            offset: 0,
            number: 0,
            mode,
        }
    }

    /// `true` when no input is left.
    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// The number of the last line returned (0 before the first).
    pub fn line_number(&self) -> u32 {
        self.number
    }

    /// The input not yet read (borrowed from the original input).
    pub fn rest(&self) -> &'a [u8] {
        self.rest
    }

    /// The next line without consuming it.
    pub fn peek(&self) -> Option<Result<Line<'a>, MissingNewline>> {
        self.clone().next()
    }

    /// Consume the next line if it is exactly `len` bytes followed by `\n`
    /// (a caller that already knows the line's structure skips the search
    /// for the newline); otherwise consume nothing and return `None`. The
    /// caller must know that the first `len` bytes hold no `\n`.
    pub(crate) fn next_known(&mut self, len: usize) -> Option<Line<'a>> {
        let (text, rest) = self.rest.split_at_checked(len)?;
        let rest = match rest.split_first() {
            Some((b'\n', rest)) => rest,
            _ => return None,
        };
        self.number = self.number.saturating_add(1);
        let line = Line {
            number: self.number,
            offset: self.offset,
            text,
        };
        self.rest = rest;
        self.offset = self.offset.saturating_add(len).saturating_add(1);
        Some(line)
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = Result<Line<'a>, MissingNewline>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        self.number = self.number.saturating_add(1);
        let start = self.offset;
        let (mut text, consumed) = match self.rest.iter().position(|&b| b == b'\n') {
            Some(i) => (self.rest.get(..i).unwrap_or_default(), i.saturating_add(1)),
            None => {
                if self.mode == LineMode::Strict {
                    self.rest = &[];
                    return Some(Err(MissingNewline { line: self.number }));
                }
                (self.rest, self.rest.len())
            }
        };
        self.rest = self.rest.get(consumed..).unwrap_or_default();
        self.offset = self.offset.saturating_add(consumed);
        if self.mode == LineMode::Lenient {
            if let Some(stripped) = text.strip_suffix(b"\r") {
                text = stripped;
            }
        }
        Some(Ok(Line {
            number: self.number,
            offset: start,
            text,
        }))
    }
}

/// Split a `key=value` line at the first `=`.
pub fn split_key_value(text: &[u8]) -> Option<(&[u8], &[u8])> {
    let i = text.iter().position(|&b| b == b'=')?;
    Some((text.get(..i)?, text.get(i.checked_add(1)?..)?))
}

/// Split `value` on single spaces into exactly `N` fields (a double space
/// gives an empty field, which the field parsers then reject). `None` if the
/// number of fields is not `N`.
pub fn split_fields<const N: usize>(value: &[u8]) -> Option<[&[u8]; N]> {
    let mut out: [&[u8]; N] = [&[]; N];
    let mut it = value.split(|&b| b == b' ');
    for slot in out.iter_mut() {
        *slot = it.next()?;
    }
    if it.next().is_some() {
        return None;
    }
    Some(out)
}
