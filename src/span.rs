//! Byte spans into the source text, carried by every AST node and error.

// A span holds its offsets as `u32` so that every node of a large program stays small; a
// `u32` always fits in a `usize` on the targets bote builds for, so widening one back is
// lossless.
const _: () = assert!(usize::BITS >= u32::BITS);

/// A half-open byte range `start..end` into the offset space of a
/// [`SourceMap`](crate::diagnostic::SourceMap), which refuses sources that would take an offset
/// past `u32::MAX`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// A span from offsets as the parser computes them. The source map keeps every offset of
    /// its sources within `u32`, so the conversion never clamps; if it had to, clamping keeps
    /// the span at the end of the offset space instead of wrapping into another source.
    pub fn new(start: usize, end: usize) -> Self {
        let clamp = |offset: usize| u32::try_from(offset).unwrap_or(u32::MAX);
        Span {
            start: clamp(start),
            end: clamp(end),
        }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The offsets as indices.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn text(self, src: &str) -> &str {
        src.get(self.range()).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::Span;

    /// Every node of the syntax tree and the checked tree holds one or more spans.
    #[test]
    fn a_span_is_two_u32s() {
        assert_eq!(std::mem::size_of::<Span>(), 8);
    }

    #[cfg(target_pointer_width = "64")]
    #[test]
    fn offsets_past_u32_clamp_instead_of_wrapping() {
        let far = u32::MAX as usize + 5;
        assert_eq!(
            Span::new(far, far),
            Span::new(u32::MAX as usize, u32::MAX as usize)
        );
    }
}
