use super::*;

#[test]
fn years_are_read_in_any_scripts_digits() {
    assert_eq!(first_year("دودمان صفوی از سال ۱۵۰۱ تا ۱۷۳۶"), Some(1501));
    assert_eq!(first_year("भारत १९४७ में स्वतंत्र हुआ"), Some(1947));
    assert_eq!(parse_span("١٩١٤"), Some((1914, 1914)));
    assert_eq!(parse_range("۱۹۱۴..۱۹۱۸"), Ok((Some(1914), Some(1918))));
}

#[test]
fn a_range_that_ends_before_it_starts_says_so() {
    assert_eq!(
        parse_range("1918..1914"),
        Err(RangeError::Reversed(1918, 1914))
    );
    assert_eq!(parse_range("1918–14"), Err(RangeError::Reversed(1918, 14)));
    assert_eq!(
        parse_range("AD 100 - 500 BC"),
        Err(RangeError::Reversed(100, -500))
    );
    assert_eq!(parse_range("1914..abc"), Err(RangeError::NotADate));
    assert_eq!(parse_range("treaty"), Err(RangeError::NotADate));
}

#[test]
fn every_date_form_reads_as_its_years() {
    let table: &[(&str, Option<Bounds>)] = &[
        ("1914", Some((Some(1914), Some(1914)))),
        ("1914-18", Some((Some(1914), Some(1918)))),
        ("1939–45", Some((Some(1939), Some(1945)))),
        ("1914..18", Some((Some(1914), Some(1918)))),
        ("1918-14", None),
        ("1918-1914", None),
        ("1918-5", None),
        ("1920s", Some((Some(1920), Some(1929)))),
        ("1920's", Some((Some(1920), Some(1929)))),
        ("1800s", Some((Some(1800), Some(1899)))),
        ("1914-1918", Some((Some(1914), Some(1918)))),
        ("1914–1918", Some((Some(1914), Some(1918)))),
        ("1914 — 1918", Some((Some(1914), Some(1918)))),
        ("1914 to 1918", Some((Some(1914), Some(1918)))),
        ("1914..1918", Some((Some(1914), Some(1918)))),
        ("1900..", Some((Some(1900), None))),
        ("..1950", Some((None, Some(1950)))),
        ("19th century", Some((Some(1800), Some(1899)))),
        ("19th-century", Some((Some(1800), Some(1899)))),
        ("Nineteenth Century", Some((Some(1800), Some(1899)))),
        ("the 19th century", Some((Some(1800), Some(1899)))),
        ("early 20th century", Some((Some(1900), Some(1933)))),
        ("mid-19th century", Some((Some(1834), Some(1866)))),
        ("late 18th century", Some((Some(1767), Some(1799)))),
        ("5th century BC", Some((Some(-500), Some(-401)))),
        ("1st century AD", Some((Some(0), Some(99)))),
        ("44 BC", Some((Some(-44), Some(-44)))),
        ("44 BCE", Some((Some(-44), Some(-44)))),
        ("44 B.C.", Some((Some(-44), Some(-44)))),
        ("44BC", Some((Some(-44), Some(-44)))),
        ("AD 800", Some((Some(800), Some(800)))),
        ("A.D. 800", Some((Some(800), Some(800)))),
        ("800 CE", Some((Some(800), Some(800)))),
        ("-44", Some((Some(-44), Some(-44)))),
        ("c. 1850", Some((Some(1850), Some(1850)))),
        ("500 BC..AD 100", Some((Some(-500), Some(100)))),
        ("500 BC - AD 100", Some((Some(-500), Some(100)))),
        ("500–400 BC", Some((Some(-500), Some(-400)))),
        ("19th century..1950", Some((Some(1800), Some(1950)))),
        ("1918..1914", None),
        ("abc", None),
        ("1925s", None),
        ("..", None),
        ("", None),
        ("44 BC BC", None),
        ("0 BC", None),
        ("40th century", None),
        ("XIXe siècle", Some((Some(1800), Some(1899)))),
        ("44 v. Chr.", Some((Some(-44), Some(-44)))),
        ("siglo XV..siglo XVI", Some((Some(1400), Some(1599)))),
        ("1920er Jahre", Some((Some(1920), Some(1929)))),
        ("19世紀", Some((Some(1800), Some(1899)))),
        ("十八世纪..19세기", Some((Some(1700), Some(1899)))),
        ("secolul al XIX-lea", Some((Some(1800), Some(1899)))),
        ("19. yüzyıl", Some((Some(1800), Some(1899)))),
        ("1258 هـ", Some((Some(1842), Some(1843)))),
        ("۱۳۵۷ ه.ش", Some((Some(1978), Some(1979)))),
        // Alone in Persian's digits, a solar Hijri year, as in an article; in Arabic's or
        // ASCII's, the Christian year.
        ("۱۳۵۷", Some((Some(1978), Some(1978)))),
        ("۱۳۵۷..۱۳۶۰", Some((Some(1978), Some(1981)))),
        ("١٣٥٧", Some((Some(1357), Some(1357)))),
        ("1357", Some((Some(1357), Some(1357)))),
        ("۱۹۷۸", Some((Some(1978), Some(1978)))),
        ("1400 هجري", Some((Some(1979), Some(1980)))),
        ("قرن ۱۹", Some((Some(1800), Some(1899)))),
    ];
    for (text, expected) in table {
        assert_eq!(parse_range(text).ok(), *expected, "{text:?}");
    }
}

#[test]
fn the_first_year_of_running_text_in_any_written_form() {
    let table: &[(&str, Option<i64>)] = &[
        ("In 1925, a pivotal moment", Some(1925)),
        ("about 12345 men in 1914", Some(1914)),
        ("in 999 and 2100 and 1066", Some(1066)),
        ("model A1925 then 1848.", Some(1848)),
        ("no year here", None),
        ("Caesar was killed in 44 BC by Brutus", Some(-44)),
        ("in 44 B.C. the senate", Some(-44)),
        ("crowned in AD 800 at Rome", Some(800)),
        ("crowned in 800 CE", Some(800)),
        ("Jazz in the 1920s, then 1931", Some(1920)),
        ("during the 19th century, and in 1848", Some(1800)),
        ("the 5th century BC saw Athens", Some(-500)),
        ("in the late 19th century", Some(1867)),
        ("a 19th-century map", Some(1800)),
        ("the 19th centurys", None),
        ("c. 1850 the railway", Some(1850)),
        ("300 men and 12 ships", None),
        ("ADVENT 800 x", None),
        ("the 1920sX", None),
        ("Élan 1914", Some(1914)),
        (
            "The fifteenth century saw change; in 1453 Constantinople fell",
            Some(1400),
        ),
        (
            "In 1453 Constantinople fell; the fifteenth century",
            Some(1453),
        ),
        ("Au XIXe siècle, et en 1848", Some(1800)),
        ("Im 5. Jahrhundert v. Chr. und 1848", Some(-500)),
        ("明治維新は1868年に始まった。", Some(1868)),
        ("秦は公元前221年に統一した", Some(-221)),
        ("조선은 1392년에 건국되었다", Some(1392)),
        ("Caesar starb 44 v. Chr. in Rom", Some(-44)),
        ("Gothenburg grew on 1800-talet", Some(1800)),
        ("in den 1920er Jahren", Some(1920)),
        ("在位12年", None),
        ("ولد سنة 1258 هـ / 1842 م في القاهرة", Some(1842)),
        ("ولد سنة 1258 هـ في القاهرة", Some(1842)),
        ("انقلاب ۱۳۵۷ ه.ش", Some(1978)),
        ("فتح دمشق سنة 13 هـ", Some(634)),
        ("در سال ۱۳۵۷ انقلاب شد", Some(1978)),
        ("در سال ۱۳۵۷ خورشیدی", Some(1978)),
        // Urdu writes Persian's digits for Christian years.
        ("غیاث الدین تغلق نے ۱۳۲۰ میں دہلی پر قبضہ کیا", Some(1320)),
        ("تیمور در ۱۳۷۰ میلادی", Some(1370)),
        ("سال ۱۹۷۹ میلادی", Some(1979)),
        ("in 1357 the plague", Some(1357)),
        ("条約は一九二五年に、1926年に", Some(1925)),
        ("1926年に、一九二五年に", Some(1926)),
        ("昭和20年（1945年）8月", Some(1945)),
        ("明治元年に", Some(1868)),
        ("康熙二十三年，清朝设台湾府", Some(1684)),
        ("天保8年（1837年）、大塩平八郎の乱", Some(1837)),
        ("พ.ศ. 2475 เกิดการปฏิวัติ", Some(1932)),
        ("ปี พ.ศ.2475", Some(1932)),
        ("در قرن ۱۹ میلادی", Some(1800)),
        ("19世紀の1868年", Some(1800)),
        ("1868年、19世紀", Some(1868)),
        ("XIX amžiuje, 1863 m.", Some(1800)),
    ];
    for (text, expected) in table {
        assert_eq!(first_year(text), *expected, "{text:?}");
    }
}

proptest::proptest! {
    #[test]
    fn any_text_has_a_first_year_or_none_never_a_panic(
        pieces in proptest::collection::vec(proptest::sample::select(vec![
            " ", "-", ".", ",", "é", "ü", "年", "년", "前", "twenty", "first", "late",
            "century", "Century", "siècle", "siglo", "век", "Jahrhundert", "XIX", "XIXe",
            "19", "1868", "44", "BC", "v. Chr.", "a. C.", "-talet", "er Jahre", "of its",
            "s", "th", "١٩١٤", "明治", "元", "一九", "二", "พ.ศ.", "2475", " هـ", "ه",
            "neunzehnten", "dix-neuvième", "İ", "Ottocento", "世紀", "세기", "yüzyıl",
            "secolul", " al ", "-lea", "abad", "ke-", "القرن", "ال", "המאה", "ה-", "康熙",
            "民國", "十", "六十", "ος", "αιώνα", "Jh.", "в.", "s. ", "صدی", "ویں", "ش",
            "خورشیدی", "۱۳۵۷", " م", "단기 ", "皇紀", "4281", "l'", "nel ", "Ottocento",
            "ya ", "karne", "天保", "8",
        ]), 0..24)
    ) {
        let text: String = pieces.concat();
        if let Some(year) = first_year(&text) {
            proptest::prop_assert!(plausible(year).is_some(), "{text:?}: {year}");
        }
        let _ = parse_range(&text);
    }
}

#[test]
fn negative_years_display_with_their_era() {
    assert_eq!(display(-44), "44 BC");
    assert_eq!(display(1914), "1914");
}
