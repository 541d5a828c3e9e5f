//! Filtering a paged upstream list over every page (`model::matched`).

use crate::DomainError;
use model::matched::{Matched, SCAN_BOUND};

/// Upstream's largest page.
pub const UPSTREAM_PAGE: u32 = 100;

/// Reads upstream's pages of `UPSTREAM_PAGE` (`fetch(page)` answers the
/// page's items and upstream's total) until the list or [`SCAN_BOUND`]
/// ends, keeps what `keep` accepts, orders the matches with `order`, and
/// answers page `page` of `size` of them with their count.
pub async fn across_pages<T, F, Fut>(
    fetch: F,
    keep: impl Fn(&T) -> bool,
    order: impl FnMut(&T, &T) -> std::cmp::Ordering,
    page: u32,
    size: u32,
) -> Result<Matched<T>, DomainError>
where
    F: Fn(u32) -> Fut,
    Fut: std::future::Future<Output = Result<(Vec<T>, u64), DomainError>>,
{
    let mut matches = Vec::new();
    let mut read: u64 = 0;
    let mut upstream_page = 1;
    let bounded = loop {
        let (items, total) = fetch(upstream_page).await?;
        let got = items.len() as u64;
        read += got;
        matches.extend(items.into_iter().filter(|i| keep(i)));
        if got == 0 || read >= total {
            break false;
        }
        if read >= SCAN_BOUND {
            break true;
        }
        upstream_page += 1;
    };
    matches.sort_by(order);
    let total = matches.len() as u64;
    let start = (page.max(1) as usize - 1).saturating_mul(size.max(1) as usize);
    let items = matches.into_iter().skip(start).take(size.max(1) as usize).collect();
    Ok(Matched { items, total, bounded })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A list of 230 numbers upstream pages by 100; pgdeck finds the
    /// multiples of 7 on every page and pages them by 20.
    #[tokio::test]
    async fn matches_on_later_pages_are_found_and_counted() {
        let all: Vec<u32> = (1..=230).collect();
        let fetch = |p: u32| {
            let page: Vec<u32> = all.iter().skip((p as usize - 1) * 100).take(100).copied().collect();
            async move { Ok::<_, DomainError>((page, 230)) }
        };
        let m = across_pages(fetch, |n| n % 7 == 0, |a, b| a.cmp(b), 2, 20).await.unwrap();
        assert_eq!(m.total, 32);
        assert_eq!(m.items.first(), Some(&147));
        assert_eq!(m.items.len(), 12);
        assert!(!m.bounded);
        assert_eq!(m.pager(2, 20, "numbers"), "Page 2 of 2 · 32 numbers");
    }

    #[tokio::test]
    async fn the_scan_stops_at_its_bound_and_says_so() {
        let fetch = |_p: u32| async move { Ok::<_, DomainError>(((0..100).collect::<Vec<u32>>(), 1_000_000)) };
        let m = across_pages(fetch, |n| *n == 5, |a, b| a.cmp(b), 1, 20).await.unwrap();
        assert!(m.bounded);
        assert_eq!(m.total, SCAN_BOUND / 100);
        assert!(m.pager(1, 20, "events").contains("the first 5000 searched"));
    }
}
