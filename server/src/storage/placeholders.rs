//! Numbered `$N` placeholders, the one form both backends take through sqlx's
//! `Any` driver. Statements whose shape depends on the request (optional
//! filters, `IN` lists, multi-row inserts) take their numbers from
//! [`Placeholders`] in the order the values are then bound, so a number and
//! its value cannot drift apart.

use std::fmt::Write;

/// Hands out `$1`, `$2`, … in binding order.
#[derive(Debug)]
pub struct Placeholders {
    next: usize,
}

impl Default for Placeholders {
    fn default() -> Self {
        Self { next: 1 }
    }
}

impl Placeholders {
    /// Numbers that continue after `taken` fixed placeholders (`$1`…`$taken`).
    pub fn after(taken: usize) -> Self {
        Self { next: taken + 1 }
    }

    /// The placeholder of the next bound value.
    pub fn one(&mut self) -> String {
        let p = format!("${}", self.next);
        self.next += 1;
        p
    }

    /// `$a, $b, …` for the next `count` bound values (an `IN (…)` list).
    pub fn list(&mut self, count: usize) -> String {
        let mut out = String::new();
        for i in 0..count {
            if i > 0 {
                out.push_str(", ");
            }
            // Writing into a String cannot fail.
            let _ = write!(out, "${}", self.next);
            self.next += 1;
        }
        out
    }

    /// `($1, $2), ($3, $4)` for `rows` rows of `cols` values (a multi-row `VALUES`).
    pub fn rows(&mut self, rows: usize, cols: usize) -> String {
        let mut out = String::new();
        for r in 0..rows {
            if r > 0 {
                out.push_str(", ");
            }
            out.push('(');
            out.push_str(&self.list(cols));
            out.push(')');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_binding_order_across_calls() {
        let mut p = Placeholders::default();
        assert_eq!(p.one(), "$1");
        assert_eq!(p.list(3), "$2, $3, $4");
        assert_eq!(p.list(0), "");
        assert_eq!(p.one(), "$5");
        assert_eq!(Placeholders::after(5).list(2), "$6, $7");
    }

    #[test]
    fn rows_of_values_are_numbered_row_by_row() {
        let mut p = Placeholders::default();
        assert_eq!(p.rows(2, 2), "($1, $2), ($3, $4)");
        assert_eq!(p.rows(1, 3), "($5, $6, $7)");
        assert_eq!(p.one(), "$8");
    }
}
