//! Years counted in the eras of Japan and China, as their histories date events: Japan's
//! eras since 1596 (the Edo period's, `天保8年` is 1837, and the modern ones, `昭和20年`
//! 1945), the Ming and Qing emperors' (`康熙二十三年` is 1684, `万历十五年` 1587), and the
//! Republic of China's (`民國38年` is 1949, as Taiwan still counts). Eras whose name
//! another era of the other country's or of an earlier dynasty shares (Japan's `元和`, the
//! Tang's too) are left out.

use super::calendars::numerals_below_hundred;

/// Each era's name (in each of its spellings), its first year, and how many years it had.
const ERAS: &[(&str, i64, i64)] = &[
    // Japan, Edo period.
    ("慶長", 1596, 20),
    ("寛永", 1624, 21),
    ("正保", 1644, 5),
    ("慶安", 1648, 5),
    ("承応", 1652, 4),
    ("明暦", 1655, 4),
    ("万治", 1658, 4),
    ("寛文", 1661, 13),
    ("延宝", 1673, 9),
    ("天和", 1681, 4),
    ("貞享", 1684, 5),
    ("元禄", 1688, 17),
    ("宝永", 1704, 8),
    ("正徳", 1711, 6),
    ("享保", 1716, 21),
    ("元文", 1736, 6),
    ("寛保", 1741, 4),
    ("延享", 1744, 5),
    ("寛延", 1748, 4),
    ("宝暦", 1751, 14),
    ("明和", 1764, 9),
    ("安永", 1772, 10),
    ("天明", 1781, 9),
    ("寛政", 1789, 13),
    ("享和", 1801, 4),
    ("文化", 1804, 15),
    ("文政", 1818, 13),
    ("天保", 1830, 15),
    ("弘化", 1844, 5),
    ("嘉永", 1848, 7),
    ("安政", 1854, 7),
    ("万延", 1860, 2),
    ("萬延", 1860, 2),
    ("文久", 1861, 4),
    ("元治", 1864, 2),
    ("慶応", 1865, 4),
    ("慶應", 1865, 4),
    // Japan, modern; the present era's years run on.
    ("明治", 1868, 45),
    ("大正", 1912, 15),
    ("昭和", 1926, 64),
    ("平成", 1989, 31),
    ("令和", 2019, 100),
    // China, Ming.
    ("洪武", 1368, 31),
    ("建文", 1399, 4),
    ("永乐", 1403, 22),
    ("永樂", 1403, 22),
    ("洪熙", 1425, 1),
    ("宣德", 1426, 10),
    ("正统", 1436, 14),
    ("正統", 1436, 14),
    ("景泰", 1450, 8),
    ("天顺", 1457, 8),
    ("天順", 1457, 8),
    ("成化", 1465, 23),
    ("弘治", 1488, 18),
    ("正德", 1506, 16),
    ("嘉靖", 1522, 45),
    ("隆庆", 1567, 6),
    ("隆慶", 1567, 6),
    ("万历", 1573, 48),
    ("萬曆", 1573, 48),
    ("萬歷", 1573, 48),
    ("泰昌", 1620, 1),
    ("天启", 1621, 7),
    ("天啟", 1621, 7),
    ("崇祯", 1628, 17),
    ("崇禎", 1628, 17),
    // China, Qing.
    ("顺治", 1644, 18),
    ("順治", 1644, 18),
    ("康熙", 1662, 61),
    ("雍正", 1723, 13),
    ("乾隆", 1736, 60),
    ("嘉庆", 1796, 25),
    ("嘉慶", 1796, 25),
    ("道光", 1821, 30),
    ("咸丰", 1851, 11),
    ("咸豐", 1851, 11),
    ("同治", 1862, 13),
    ("光绪", 1875, 34),
    ("光緒", 1875, 34),
    ("宣统", 1909, 3),
    ("宣統", 1909, 3),
    // The Republic of China, whose years Taiwan counts still.
    ("民国", 1912, 200),
    ("民國", 1912, 200),
];

/// The year of the Christian era an era's year stands for, where `head` (the text before
/// `年`) ends with the era's name and its year: `元` (its first), up to three digits, or a
/// number in Chinese numerals (`二十`, `六十一`); with where the era's name starts.
pub(super) fn era_year(head: &str) -> Option<(usize, i64)> {
    let (number, value) = match head.strip_suffix('元') {
        Some(_) => ("元", 1),
        None => {
            let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
            let number = &head[head.len() - digits..];
            match number.parse().ok().filter(|_| digits <= 3) {
                Some(value) => (number, value),
                None => numerals_below_hundred(head)?,
            }
        }
    };
    let era = &head[..head.len() - number.len()];
    ERAS.iter().find_map(|(name, first, years)| {
        (era.ends_with(name) && (1..=*years).contains(&value))
            .then(|| (era.len() - name.len(), first + value - 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(head: &str) -> Option<i64> {
        era_year(head).map(|(_, year)| year)
    }

    #[test]
    fn years_of_japans_and_chinas_eras() {
        for (head, expected) in [
            ("天保8", Some(1837)),
            ("慶応4", Some(1868)),
            ("慶應四", Some(1868)),
            ("元禄十五", Some(1702)),
            ("康熙二十三", Some(1684)),
            ("康熙六十一", Some(1722)),
            ("乾隆元", Some(1736)),
            ("万历十五", Some(1587)),
            ("崇禎17", Some(1644)),
            ("光緒二十", Some(1894)),
            ("中華民國38", Some(1949)),
            ("民国元", Some(1912)),
            ("民國110", Some(2021)),
            // Past the era's last year: no year of it.
            ("康熙六十二", None),
            ("宣统4", None),
            ("天保0", None),
            ("昭和123", None),
            ("元和3", None),
        ] {
            assert_eq!(year(head), expected, "{head}");
        }
        assert_eq!(
            era_year("その後、天保8").map(|(at, _)| at),
            Some("その後、".len())
        );
    }

    #[test]
    fn every_era_follows_the_one_before_in_its_country() {
        for pair in ERAS.windows(2) {
            let [(_, first, years), (name, next, _)] = pair else {
                unreachable!()
            };
            // Spellings of one era repeat it; Japan's next era starts in the last year of
            // the one before, China's the year after; a new country's list starts earlier;
            // `寛永` follows the `元和` left out.
            let follows = [*first, first + years - 1, first + years].contains(next);
            assert!(follows || *next < *first || *name == "寛永", "{name}");
        }
    }
}
