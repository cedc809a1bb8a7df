//! Hebrew: its words without their points, behind the particles written before them, in
//! their plural and construct forms, and its abbreviations written with gershayim.

use crate::util::TestEnv;

#[test]
fn hebrew_is_found_with_or_without_its_points() {
    let env = TestEnv::new();
    env.write(
        "he.txt",
        "שָׁלוֹם עֲלֵיכֶם\nהַסֵּפֶר נִכְתַּב בִּירוּשָׁלַיִם בִּשְׁנַת 1920 עַל יְדֵי סוֹפֵר יָדוּעַ מְאוֹד, וְהוּא תֻּרְגַּם לְשָׂפוֹת רַבּוֹת בַּשָּׁנִים שֶׁאַחֲרֵי כֵן.\n",
    );
    env.ok(&["index", "--quiet"]);
    for query in ["שלום", "שָׁלוֹם", "בירושלים", "נכתב"] {
        let results = env.search_json(&[query]);
        assert_eq!(results["total"], 1, "{query}: {results}");
        assert_eq!(results["hits"][0]["typo"], false, "{query}: {results}");
    }
}

#[test]
fn a_hebrew_word_is_found_behind_the_particles_written_before_it() {
    let env = TestEnv::new();
    env.write(
        "jerusalem.txt",
        "העיר העתיקה\nהספר נכתב בירושלים בשנת 1920, והעיר נודעה בכל העולם בזכות חומותיה העתיקות ושעריה.\n",
    );
    env.write(
        "safed.txt",
        "צפת\nצפת היא עיר בגליל, ומשם יצאו רבנים רבים אל ירושלים ואל ערים אחרות בארץ ביום של שרב.\n",
    );
    env.ok(&["index", "--quiet"]);
    // `in Jerusalem`, `and the city`: the word behind its particles, not a misspelling.
    for (query, total) in [("ירושלים", 2), ("עיר", 2), ("שנת", 1)] {
        let results = env.search_json(&[query]);
        assert_eq!(results["total"], total, "{query}: {results}");
        assert_eq!(results["hits"][0]["typo"], false, "{query}: {results}");
    }
    let results = env.search_json(&["ירושלים", "--lang", "he"]);
    assert!(
        results.to_string().contains("<mark>בירושלים</mark>"),
        "{results}"
    );
    // Quoted, the word alone; and two letters are too few to be told from a particle's
    // (`שרב`, a heatwave, is no `רב`).
    assert_eq!(env.search_json(&["\"ירושלים\""])["total"], 1);
    assert_eq!(env.search_json(&["רב"])["total"], 0);
}

#[test]
fn a_hebrew_noun_is_found_in_its_plural_and_construct_forms() {
    let env = TestEnv::new();
    env.write(
        "war.txt",
        "מלחמת העולם הראשונה\nבשנת 1914 הכריזו הממשלות על גיוס כללי, וההסכמים הסודיים בין המעצמות חייבו את בעלות הברית להילחם.\n",
    );
    env.ok(&["index", "--quiet"]);
    // `government` finds `the governments`; `agreements` finds `and the agreements`;
    // `war` finds `the war of` in the title: each is the word, not a misspelling.
    for (query, word) in [
        ("ממשלה", "הממשלות"),
        ("הסכם", "וההסכמים"),
        ("הסכמים", "וההסכמים"),
        ("מלחמה", "מלחמת"),
    ] {
        let results = env.search_json(&[query]);
        assert_eq!(results["total"], 1, "{query}: {results}");
        let hit = &results["hits"][0];
        assert_eq!(hit["typo"], false, "{query}: {results}");
        assert!(
            results
                .to_string()
                .contains(&format!("<mark>{word}</mark>")),
            "{query}: {results}"
        );
    }
}

#[test]
fn a_hebrew_abbreviation_is_found_with_either_gershayim_or_none() {
    let env = TestEnv::new();
    env.write(
        "idf.txt",
        "צבא ההגנה לישראל\nצה\"ל הוקם בשנת 1948, וארה״ב הכירה במדינה; ורמטכ\"ל צה״ל פיקד על הכוחות.\n",
    );
    env.write(
        "other.txt",
        "ספר אחר\nל היא אות, וצה היא מילה אחרת לגמרי.\n",
    );
    env.ok(&["index", "--quiet"]);
    // Typed with `"` as keyboards write it, with `״`, or without: one word, not a quote.
    for query in ["צה\"ל", "צה״ל", "צהל", "רמטכ\"ל", "צה\"ל ארה\"ב"] {
        let results = env.search_json(&[query]);
        assert_eq!(results["total"], 1, "{query}: {results}");
        assert_eq!(
            results["hits"][0]["path"], "corpus/idf.txt",
            "{query}: {results}"
        );
        assert_eq!(
            results["notes"],
            serde_json::json!([]),
            "{query}: {results}"
        );
    }
    let results = env.search_json(&["רמטכ\"ל"]);
    assert!(
        results.to_string().contains("<mark>ורמטכ&quot;ל</mark>"),
        "{results}"
    );
}
