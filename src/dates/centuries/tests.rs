use super::*;

#[test]
fn centuries_in_words_and_other_languages() {
    let table: &[(&str, Option<i64>)] = &[
        ("The fifteenth century saw great change.", Some(1400)),
        ("in the late eighteenth-century salons", Some(1767)),
        ("the twenty-first century", Some(2000)),
        ("Twenty-First Century Books", Some(2000)),
        ("ééééé-first century", Some(0)),
        ("éé-first century", Some(0)),
        ("ééé first century", Some(0)),
        ("the fifth century BC", Some(-500)),
        ("Au XIXe siècle, la ville grandit.", Some(1800)),
        ("au 19e siècle", Some(1800)),
        ("le Ve siècle av. J.-C.", Some(-500)),
        ("Im 18. Jahrhundert wuchs die Stadt.", Some(1700)),
        ("im 5. Jahrhundert v. Chr.", Some(-500)),
        ("En el siglo XIX se construyó", Some(1800)),
        ("no século XVI", Some(1500)),
        ("siglo V a. C.", Some(-500)),
        ("В XIX веке город рос.", Some(1800)),
        ("V век до н. э.", Some(-500)),
        ("w XIX wieku", Some(1800)),
        ("nel XV secolo", Some(1400)),
        ("A XIX. században", Some(1800)),
        ("in de 17e eeuw", Some(1600)),
        ("vor 19 Jahrhunderten", None),
        ("the first century", Some(0)),
        ("In the fifth century, B.C., Sun Tzu", Some(-500)),
        ("in the first century of its existence", None),
        ("Siècle. Au XIXe siècle", Some(1800)),
        ("centuries; the nineteenth century", Some(1800)),
        ("a century later", None),
        ("19 siècles", None),
        ("the XIX century", None),
        // Other languages whose numeral comes first.
        ("v 19. stoletju", Some(1800)),
        ("у XIX веку", Some(1800)),
        ("u XIX veku", Some(1800)),
        ("19. yüzyılda Osmanlı", Some(1800)),
        ("XVI. yüzyıl", Some(1500)),
        ("19. gadsimtā", Some(1800)),
        ("XIX amžiuje", Some(1800)),
        ("19. sajandil", Some(1800)),
        ("1800-luvulla ja 19. vuosisadalla", Some(1800)),
        ("τον 19ο αιώνα", Some(1800)),
        ("του 5ου αιώνα π.Χ.", Some(-500)),
        ("19वीं सदी में", Some(1800)),
        // Abbreviated.
        ("im 19. Jh. wuchs", Some(1800)),
        ("в XIX в. город", Some(1800)),
        ("XVIII–XIX вв.", Some(1800)),
        ("w XIX w.", Some(1800)),
        ("u 19. stol.", Some(1800)),
        ("en el s. XIX", Some(1800)),
        ("no séc. XVI", Some(1500)),
        ("nel sec. XV", Some(1400)),
        ("Dahl 1990, s. 19", None),
        ("19 в.", None),
        ("XIX դարում", Some(1800)),
        ("XIX საუკუნეში", Some(1800)),
        ("XIX əsrdə", Some(1800)),
        ("19. öld", Some(1800)),
        ("XIX. mendean", Some(1800)),
        ("19ویں صدی", Some(1800)),
        // Whose numeral follows.
        ("në shekullin XIX", Some(1800)),
        ("karne ya 19", Some(1800)),
        ("în secolul al XIX-lea", Some(1800)),
        ("secolul XV", Some(1400)),
        ("pada abad ke-19", Some(1800)),
        ("abad XVI", Some(1500)),
        ("vào thế kỷ 19", Some(1800)),
        ("thế kỷ XV", Some(1400)),
        ("في القرن 19", Some(1800)),
        ("القرن الـ19", Some(1800)),
        ("القرن 13 الهجري", None),
        ("במאה ה-19", Some(1800)),
        ("abad pertengahan", None),
        ("abad 150", None),
        // Joined, as Chinese, Japanese and Korean write it.
        ("19世紀の日本", Some(1800)),
        ("十九世纪末", Some(1800)),
        ("公元前5世纪", Some(-500)),
        ("기원전 5세기", Some(-500)),
        ("19세기 조선", Some(1800)),
        // Ordinals in words, and Italian's names of centuries.
        ("au dix-neuvième siècle", Some(1800)),
        ("le neuvième siècle", Some(800)),
        ("au vingt et unième siècle", Some(2000)),
        ("im neunzehnten Jahrhundert", Some(1800)),
        ("Das achtzehnte Jahrhundert", Some(1700)),
        ("im fünften Jahrhundert v. Chr.", Some(-500)),
        ("in de negentiende eeuw", Some(1800)),
        ("nel diciannovesimo secolo", Some(1800)),
        ("nell'Ottocento", Some(1800)),
        ("il primo Novecento", Some(1900)),
        ("ottocento soldati", None),
        ("all’Ottocento", Some(1800)),
        ("Bertolucci's Novecento (1976)", None),
        ("the Fiat Cinquecento", None),
        ("die Achten Jahrhunderts", Some(700)),
        ("Haushalte Jahrhundert", None),
        ("2019世紀", None),
        ("世紀", None),
    ];
    for (text, expected) in table {
        assert_eq!(first_century(text).map(|(_, s)| s.0), *expected, "{text:?}");
    }
}

#[test]
fn centuries_and_decades_written_with_suffixes() {
    let span = |text: &str| {
        let end = text.find(|c: char| !c.is_ascii_digit())?;
        hundreds_or_tens(text, 0, end)
    };
    assert_eq!(span("1800-talet"), Some((1800, 1899)));
    assert_eq!(span("1920-luvulla"), Some((1920, 1929)));
    assert_eq!(span("1920er Jahre"), Some((1920, 1929)));
    assert_eq!(span("1920er-Jahren"), Some((1920, 1929)));
    assert_eq!(span("1920er"), None);
    assert_eq!(span("1925-talet"), None);
    assert_eq!(span("1800-tala"), None);
}
