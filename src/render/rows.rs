//! The rows of a table, held compactly: every cell's text in one string, and where each cell
//! ends. A scenario of millions of lines has a row for each, so a row costs its text and a
//! word per cell, not a vector and a string per cell.

/// Rows of exactly `columns` cells each.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rows {
    columns: usize,
    text: String,
    /// The end of each cell in `text`, row after row.
    ends: Vec<usize>,
}

/// One row's cells.
#[derive(Clone, Copy, Debug)]
pub struct Row<'a> {
    text: &'a str,
    /// Where the row's first cell starts.
    start: usize,
    ends: &'a [usize],
}

impl Rows {
    pub fn new(columns: usize) -> Rows {
        Rows {
            columns,
            ..Rows::default()
        }
    }

    /// Rows from cells, each row cut or padded with empty cells to `columns`.
    pub fn from_cells<R, C>(columns: usize, rows: R) -> Rows
    where
        R: IntoIterator<Item = C>,
        C: IntoIterator,
        C::Item: AsRef<str>,
    {
        let mut out = Rows::new(columns);
        for row in rows {
            out.push(row);
        }
        out
    }

    /// Adds a row: its first `columns` cells, padded with empty ones.
    pub fn push<C>(&mut self, cells: C)
    where
        C: IntoIterator,
        C::Item: AsRef<str>,
    {
        let mut cells = cells.into_iter();
        for _ in 0..self.columns {
            if let Some(cell) = cells.next() {
                self.text.push_str(cell.as_ref());
            }
            self.ends.push(self.text.len());
        }
    }

    pub fn columns(&self) -> usize {
        self.columns
    }

    pub fn len(&self) -> usize {
        self.ends.len().checked_div(self.columns).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = Row<'_>> {
        // `chunks` needs a size of at least 1; rows of no cells have nothing to show.
        self.ends
            .chunks(self.columns.max(1))
            .enumerate()
            .map(move |(i, ends)| Row {
                text: &self.text,
                start: match i * self.columns {
                    0 => 0,
                    n => self.ends[n - 1],
                },
                ends,
            })
    }

    /// The same rows with each cell passed through `f`.
    pub fn map(&self, f: impl Fn(&str) -> String) -> Rows {
        Rows::from_cells(self.columns, self.iter().map(|row| row.iter().map(&f)))
    }

    /// The same rows without column `drop`.
    pub fn without_column(&self, drop: usize) -> Rows {
        let columns = self.columns - usize::from(drop < self.columns);
        let rows = self.iter().map(|row| {
            row.iter()
                .enumerate()
                .filter(move |&(i, _)| i != drop)
                .map(|(_, cell)| cell)
        });
        Rows::from_cells(columns, rows)
    }
}

/// Rows as wide as the widest, for small tables built from vectors of cells.
impl FromIterator<Vec<String>> for Rows {
    fn from_iter<I: IntoIterator<Item = Vec<String>>>(rows: I) -> Rows {
        let rows: Vec<Vec<String>> = rows.into_iter().collect();
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
        Rows::from_cells(columns, rows)
    }
}

impl<'a> Row<'a> {
    /// Cell `i`, if the row has that many.
    pub fn get(&self, i: usize) -> Option<&'a str> {
        let end = *self.ends.get(i)?;
        let start = match i {
            0 => self.start,
            _ => self.ends[i - 1],
        };
        self.text.get(start..end)
    }

    pub fn iter(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let row = *self;
        (0..row.ends.len()).filter_map(move |i| row.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(rows: &Rows) -> Vec<Vec<&str>> {
        rows.iter().map(|r| r.iter().collect()).collect()
    }

    #[test]
    fn rows_keep_their_cells_padded_or_cut_to_the_columns() {
        let rows = Rows::from_cells(2, [vec!["a", "bc"], vec![""], vec!["d", "", "x"]]);
        assert_eq!(rows.len(), 3);
        assert_eq!(cells(&rows), [["a", "bc"], ["", ""], ["d", ""]]);
        assert_eq!(rows.iter().nth(2).and_then(|r| r.get(0)), Some("d"));
        assert_eq!(rows.iter().nth(2).and_then(|r| r.get(2)), None);
        assert_eq!(cells(&rows.without_column(0)), [["bc"], [""], [""]]);
        assert_eq!(
            cells(&rows.map(str::to_uppercase)),
            [["A", "BC"], ["", ""], ["D", ""]]
        );
    }

    #[test]
    fn rows_of_no_columns_are_empty() {
        let rows = Rows::from_cells(0, [vec!["a"]]);
        assert!(rows.is_empty());
        assert_eq!(rows.iter().count(), 0);
    }
}
