//! Excel's dates: a date cell holds a number of days since the workbook's epoch, and only
//! its style, a number format that writes days, months or years, says it is a date. Such a
//! cell is read as the date it shows, written `1918-11-11`, so that a `date` column gives
//! an article its year as the sheet shows it.

use std::collections::HashMap;

use roxmltree::Document;

/// Which of a workbook's cell styles (`s="3"` on a cell) show their number as a date.
#[derive(Debug, Default)]
pub(super) struct DateStyles {
    dated: Vec<bool>,
    /// The workbook counts days from 1904-01-01 (old Mac Excel's), not from 1900.
    from_1904: bool,
}

impl DateStyles {
    /// The date styles of `styles` (`xl/styles.xml`); `from_1904` as the workbook's
    /// `date1904` says.
    pub(super) fn new(styles: Option<&Document>, from_1904: bool) -> DateStyles {
        let Some(styles) = styles else {
            return DateStyles {
                dated: Vec::new(),
                from_1904,
            };
        };
        let custom: HashMap<u32, bool> = (styles.descendants())
            .filter(|n| n.has_tag_name("numFmt"))
            .filter_map(|n| {
                let id = n.attribute("numFmtId")?.parse().ok()?;
                Some((id, writes_a_date(n.attribute("formatCode")?)))
            })
            .collect();
        let dated = (styles.descendants())
            .filter(|n| n.has_tag_name("cellXfs"))
            .take(1)
            .flat_map(|xfs| xfs.children().filter(|n| n.has_tag_name("xf")))
            .map(|xf| {
                let id = (xf.attribute("numFmtId"))
                    .and_then(|id| id.parse::<u32>().ok())
                    .unwrap_or(0);
                custom
                    .get(&id)
                    .copied()
                    .unwrap_or_else(|| built_in_date(id))
            })
            .collect();
        DateStyles { dated, from_1904 }
    }

    /// The date a cell of style `style` holding `value` shows, if its style is a date's.
    pub(super) fn date(&self, style: Option<&str>, value: &str) -> Option<String> {
        let style: usize = style?.parse().ok()?;
        if !self.dated.get(style).copied().unwrap_or(false) {
            return None;
        }
        let serial: f64 = value.trim().parse().ok()?;
        if !(1.0..3_000_000.0).contains(&serial) {
            return None;
        }
        let days = serial.floor() as i64;
        let since_1970 = match self.from_1904 {
            true => days - 24_107,
            // Excel counts a 29 February 1900 that was not, as Lotus 1-2-3 did.
            false if days < 60 => days - 25_568,
            false => days - 25_569,
        };
        let (year, month, day) = crate::dates::civil_from_days(since_1970);
        Some(format!("{year:04}-{month:02}-{day:02}"))
    }
}

/// Excel's built-in number formats that show a date: 14–17 and 22 everywhere, 27–36 and
/// 50–58 in East Asian locales (their eras and years). 18–21 and 45–47 show a time alone.
fn built_in_date(id: u32) -> bool {
    matches!(id, 14..=17 | 22 | 27..=36 | 50..=58)
}

/// Whether a custom number format writes a date: it has a day or a year (`m` alone may be
/// minutes) outside quoted text, escaped characters and `[…]` (colours, locales, elapsed
/// time).
fn writes_a_date(code: &str) -> bool {
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                chars.by_ref().find(|&c| c == '"');
            }
            '[' => {
                chars.by_ref().find(|&c| c == ']');
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            'd' | 'D' | 'y' | 'Y' => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styles(xml: &str, from_1904: bool) -> DateStyles {
        DateStyles::new(Some(&Document::parse(xml).unwrap()), from_1904)
    }

    const STYLES: &str = r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/><numFmt numFmtId="165" formatCode="&quot;Day&quot; 0"/><numFmt numFmtId="166" formatCode="[h]:mm"/></numFmts><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="20"/></cellXfs></styleSheet>"#;

    #[test]
    fn a_date_styled_number_is_the_date_it_shows() {
        let styles = styles(STYLES, false);
        assert_eq!(
            styles.date(Some("1"), "6890").as_deref(),
            Some("1918-11-11")
        );
        assert_eq!(
            styles.date(Some("2"), "6890.75").as_deref(),
            Some("1918-11-11")
        );
        assert_eq!(styles.date(Some("1"), "1").as_deref(), Some("1900-01-01"));
        assert_eq!(styles.date(Some("1"), "61").as_deref(), Some("1900-03-01"));
        assert_eq!(
            styles.date(Some("1"), "45658").as_deref(),
            Some("2025-01-01")
        );
        // A number, a number with quoted text, a duration, a time: as written.
        for style in [None, Some("0"), Some("3"), Some("4"), Some("5"), Some("9")] {
            assert_eq!(styles.date(style, "6890"), None, "{style:?}");
        }
        assert_eq!(styles.date(Some("1"), "not a number"), None);
        assert_eq!(styles.date(Some("1"), "-5"), None);
    }

    #[test]
    fn a_1904_workbook_counts_from_1904() {
        assert_eq!(
            styles(STYLES, true).date(Some("1"), "5428").as_deref(),
            Some("1918-11-11")
        );
    }

    #[test]
    fn a_workbook_without_styles_has_no_dates() {
        assert_eq!(DateStyles::new(None, false).date(Some("1"), "6890"), None);
    }
}
