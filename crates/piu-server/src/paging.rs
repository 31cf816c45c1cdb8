//! Pages of lists: at most [`MAX_LIMIT`] items, continued with the opaque
//! cursor `next` given as `after`. Cursors are ids of the last item seen
//! (lists run newest first), so pages neither repeat nor skip rows that
//! arrive meanwhile.

use serde::Serialize;
use utoipa::ToSchema;

use crate::problem::Problem;

/// Most items a page holds.
pub const MAX_LIMIT: u32 = 200;
/// Items a page holds when the request does not say.
pub const DEFAULT_LIMIT: u32 = 50;

/// One page of a list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `after` for the next page; absent on the last page.
    pub next: Option<String>,
}

/// The checked `limit` and `after` of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub limit: u32,
    pub after: Option<i64>,
}

impl Paging {
    pub fn read(limit: Option<u32>, after: Option<&str>) -> Result<Paging, Problem> {
        let limit = limit.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 || limit > MAX_LIMIT {
            return Err(Problem::bad_request(format!(
                "limit must be between 1 and {MAX_LIMIT}, not {limit}"
            )));
        }
        let after = match after.map(str::trim).filter(|text| !text.is_empty()) {
            None => None,
            Some(text) => match text.parse::<i64>() {
                Ok(id) if id > 0 => Some(id),
                _ => {
                    return Err(Problem::bad_request(
                        "after must be a cursor given as next by an earlier page",
                    ));
                }
            },
        };
        Ok(Paging { limit, after })
    }

    /// How many rows to fetch: one more than the page, to know whether
    /// another page follows.
    pub fn fetch(&self) -> u32 {
        self.limit + 1
    }

    /// A page of `rows` (as fetched with [`Paging::fetch`]), with the cursor
    /// after the last kept one if more followed.
    pub fn page<R, T>(
        &self,
        mut rows: Vec<R>,
        id: impl Fn(&R) -> i64,
        item: impl Fn(R) -> T,
    ) -> Page<T> {
        let more = rows.len() > self.limit as usize;
        rows.truncate(self.limit as usize);
        let next = if more {
            rows.last().map(|row| id(row).to_string())
        } else {
            None
        };
        Page {
            items: rows.into_iter().map(item).collect(),
            next,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_and_cursors_are_checked() {
        assert_eq!(
            Paging::read(None, None).ok(),
            Some(Paging {
                limit: DEFAULT_LIMIT,
                after: None
            })
        );
        assert!(Paging::read(Some(0), None).is_err());
        assert!(Paging::read(Some(201), None).is_err());
        assert_eq!(
            Paging::read(Some(200), Some("17"))
                .ok()
                .and_then(|p| p.after),
            Some(17)
        );
        assert!(Paging::read(None, Some("x")).is_err());
        assert!(Paging::read(None, Some("-3")).is_err());
    }

    #[test]
    fn a_page_has_a_next_cursor_only_when_more_follow() {
        let paging = Paging {
            limit: 2,
            after: None,
        };
        let page = paging.page(vec![9, 8, 7], |id| *id, |id| id);
        assert_eq!(page.items, vec![9, 8]);
        assert_eq!(page.next.as_deref(), Some("8"));
        let last = paging.page(vec![9, 8], |id| *id, |id| id);
        assert_eq!(last.next, None);
    }
}
