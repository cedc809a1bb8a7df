//! A word found in the other forms its language gives it: as its stemmer reads them (with
//! what each language needs beside Snowball: Turkish's possessive, Arabic's heh, Greek's
//! `-ία`, Spanish, Portuguese and Catalan plurals; the light stemmers of languages Snowball
//! lacks), with or without its accents, and inside the compounds German, Dutch and Swedish
//! write.

use crate::util::TestEnv;

#[test]
fn a_word_is_stemmed_as_written_and_found_with_or_without_its_accents() {
    let env = TestEnv::new();
    env.write(
        "tr.txt",
        "Lozan Antlaşması\nLozan Antlaşması 24 Temmuz 1923 tarihinde İsviçre'nin Lozan şehrinde imzalandı. Antlaşmanın hükümleri Türkiye Büyük Millet Meclisi tarafından onaylandı.\nBoğazlar\nİstanbul ve Çanakkale Boğazları hakkındaki hükümler ayrı bir sözleşmede düzenlendi ve yıllarca tartışıldı.\n",
    );
    env.write(
        "fr.txt",
        "La république fédérée\nEn 1922, après la révolution et la guerre civile, les républiques soviétiques signèrent un traité d'union.\nLa fédération\nLa république fédérée fut créée par ce traité, et les nationalités libérées y obtinrent des assemblées élues.\n",
    );
    env.ok(&["index", "--quiet"]);
    // A Turkish word's suffixes (`-sı`, `-ları`) and French participles' feminine
    // (`-ée`) are read in their own letters: every form finds the others, typed with the
    // language's letters or without them.
    for (query, path, heading) in [
        ("antlaşma", "corpus/tr.txt", "Lozan Antlaşması"),
        ("antlasma", "corpus/tr.txt", "Lozan Antlaşması"),
        ("antlaşmaları", "corpus/tr.txt", "Lozan Antlaşması"),
        ("boğaz", "corpus/tr.txt", "Boğazlar"),
        ("fédéré", "corpus/fr.txt", "La fédération"),
        ("federee", "corpus/fr.txt", "La fédération"),
        ("libéré", "corpus/fr.txt", "La fédération"),
        ("republique federee", "corpus/fr.txt", "La fédération"),
    ] {
        let results = env.search_json(&[query]);
        let hit = &results["hits"][0];
        assert_eq!(hit["path"], path, "{query}: {results}");
        assert_eq!(hit["heading"], heading, "{query}: {results}");
        assert_eq!(hit["typo"], false, "{query}: {results}");
        assert_eq!(results["relaxed"], false, "{query}: {results}");
    }
    let snippet = env.search_json(&["federee"])["hits"][0]["snippet"].clone();
    assert!(
        snippet.as_str().unwrap().contains("<mark>fédérée</mark>"),
        "{snippet}"
    );
}

#[test]
fn a_turkish_word_finds_itself_with_the_possessive_ending_its_stemmer_keeps() {
    let env = TestEnv::new();
    env.write(
        "lozan.md",
        "---\nlang: tr\n---\n# Lozan\n\nLozan Antlaşması 24 Temmuz 1923 tarihinde imzalandı ve Ankara Kalesi üzerinde bayraklar asıldı.\n",
    );
    env.write(
        "sevr.md",
        "---\nlang: tr\n---\n# Sevr\n\nSevr antlaşmanın hükümleri hiç uygulanmadı; bir kale ve bir otobüs yoktu.\n",
    );
    env.write(
        "yol.md",
        "---\nlang: tr\n---\n# Yol\n\nŞehrin otobüsü her sabah kalkar ve akşam döner, yolcular beklerdi.\n",
    );
    env.ok(&["index", "--quiet"]);
    // Snowball's Turkish stemmer keeps the `s` of a final `-sı` (`antlaşmas`), so the
    // word with its possessive also stands as the word without it.
    let paths = |query: &str| -> Vec<String> {
        let results = env.search_json(&[query]);
        assert_eq!(results["relaxed"], false, "{query}: {results}");
        let hits = results["hits"].as_array().unwrap();
        let mut paths: Vec<String> = (hits.iter())
            .map(|h| h["path"].as_str().unwrap().to_string())
            .collect();
        paths.sort();
        paths
    };
    assert_eq!(paths("antlaşma"), ["corpus/lozan.md", "corpus/sevr.md"]);
    assert_eq!(paths("antlaşması"), ["corpus/lozan.md", "corpus/sevr.md"]);
    assert_eq!(paths("kale"), ["corpus/lozan.md", "corpus/sevr.md"]);
    assert_eq!(paths("\"lozan antlaşma\""), ["corpus/lozan.md"]);
    // A word ending in `s` takes a bare `-ü`: both forms find each other still.
    assert_eq!(paths("otobüs"), ["corpus/sevr.md", "corpus/yol.md"]);
    assert_eq!(paths("otobüsü"), ["corpus/sevr.md", "corpus/yol.md"]);
    let results = env.search_json(&["antlaşma"]);
    let hits = results["hits"].as_array().unwrap();
    let lozan = hits
        .iter()
        .find(|h| h["path"] == "corpus/lozan.md")
        .unwrap();
    assert!(
        lozan["snippet"]
            .as_str()
            .unwrap()
            .contains("<mark>Antlaşması</mark>"),
        "{results}"
    );
}

#[test]
fn a_word_with_accents_counts_once_whichever_form_of_it_a_document_has() {
    let env = TestEnv::new();
    let text = |word: &str| {
        format!(
            "La république\nEn 1922, après la révolution et la guerre civile, les républiques soviétiques signèrent un traité d'union, et la république {word} fut proclamée par le congrès des soviets.\n"
        )
    };
    env.write("feminine.txt", text("fédérée"));
    env.write("masculine.txt", text("fédéré"));
    env.write("en.txt", "The Armistice\nA short English article.\n");
    env.ok(&["index", "--quiet"]);
    // `fédérée`'s English stem is the stem of French `federee`, which the feminine form
    // holds beside its own: it must not find that form twice (the scores differ only by
    // the second stem's length).
    let results = env.search_json(&["fédérée"]);
    let hits = results["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 2, "{results}");
    let score = |hit: &serde_json::Value| hit["score"].as_f64().unwrap();
    let (high, low) = (score(&hits[0]), score(&hits[1]));
    assert!(high < low * 1.05, "{results}");
    // A phrase typed without accents finds the words written with them.
    let phrase = env.search_json(&["\"republique federee\""]);
    assert_eq!(phrase["total"], 1, "{phrase}");
    assert_eq!(phrase["hits"][0]["path"], "corpus/feminine.txt", "{phrase}");
}

#[test]
fn a_greek_noun_in_ia_finds_its_genitive_and_plural() {
    let env = TestEnv::new();
    env.write(
        "byzantium.txt",
        "Η Βυζαντινή Αυτοκρατορία\nΗ πρωτεύουσα της Αυτοκρατορίας ήταν η Κωνσταντινούπολη.\n",
    );
    env.write(
        "history.txt",
        "Ιστοριογραφία\nΟι ιστορίες του Ηροδότου και η δημοκρατία.\n",
    );
    env.ok(&["index", "--quiet"]);
    for (query, path) in [
        ("αυτοκρατορία", "corpus/byzantium.txt"),
        ("ιστορία", "corpus/history.txt"),
        ("δημοκρατίας", "corpus/history.txt"),
    ] {
        let found = env.search_json(&[query]);
        assert_eq!(found["total"], 1, "{query}: {found}");
        assert_eq!(found["hits"][0]["path"], path, "{query}: {found}");
        // Found as the language stems it: no misspelling.
        assert_eq!(found["hits"][0]["typo"], false, "{query}: {found}");
        assert_eq!(
            found["suggestion"],
            serde_json::Value::Null,
            "{query}: {found}"
        );
    }
}

#[test]
fn spanish_portuguese_and_catalan_words_find_their_plurals() {
    let env = TestEnv::new();
    env.write(
        "ciudades.txt",
        "Las ciudades de Castilla\nLas ciudades de Castilla y los reyes de la época de los Reyes Católicos fueron el centro de la vida política durante muchos años.\n",
    );
    env.write(
        "nacoes.txt",
        "As nações ibéricas\nAs nações da península e as suas relações com os reinos vizinhos foram decididas em tratados durante muitos anos.\n",
    );
    env.write(
        "nacions.md",
        "---\nlang: ca\n---\n# Les nacions catalanes\n\nLes guerres entre els regnes i les ciutats catalanes van acabar amb els tractats de pau, i els reis van signar les lleis de les nacions veïnes.\n",
    );
    env.ok(&["index", "--quiet"]);
    for (query, path) in [
        ("catalana", "corpus/nacions.md"),
        ("nació", "corpus/nacions.md"),
        ("llei", "corpus/nacions.md"),
        ("ciudad", "corpus/ciudades.txt"),
        ("rey", "corpus/ciudades.txt"),
        ("nação", "corpus/nacoes.txt"),
        ("nacao", "corpus/nacoes.txt"),
        ("relação", "corpus/nacoes.txt"),
        ("reino", "corpus/nacoes.txt"),
    ] {
        let found = env.search_json(&[query]);
        assert_eq!(found["total"], 1, "{query}: {found}");
        assert_eq!(found["hits"][0]["path"], path, "{query}: {found}");
        assert_eq!(found["hits"][0]["typo"], false, "{query}: {found}");
    }
    // Portuguese prose is Portuguese, though a tenth of its words are English's (`as`).
    assert_eq!(env.search_json(&["nações"])["hits"][0]["lang"], "pt");
}

#[test]
fn arabic_written_with_heh_for_teh_marbuta_is_found_by_either_spelling() {
    let env = TestEnv::new();
    // Written as many keyboards and writers end a word: heh (`ه`) for teh marbuta (`ة`).
    env.write(
        "heh.md",
        "---\nlang: ar\n---\n# المدرسه\n\nبنيت المدرسه الكبيره في القاهره وكانت الدوله تمولها كل عام.\n",
    );
    env.write(
        "other.md",
        "---\nlang: ar\n---\n# السوق\n\nكان السوق القديم مزدحما بالتجار في كل صباح.\n",
    );
    env.ok(&["index", "--quiet"]);
    // Snowball's stemmer reads a final `ة` as an ending and left `الدوله` whole, so the
    // usual spelling did not find it.
    for query in ["الدولة", "دولة", "المدرسة", "القاهرة", "الدوله"] {
        let results = env.search_json(&[query]);
        assert_eq!(results["total"], 1, "{query}: {results}");
        assert_eq!(
            results["hits"][0]["path"], "corpus/heh.md",
            "{query}: {results}"
        );
        assert_eq!(results["hits"][0]["typo"], false, "{query}: {results}");
    }
}

#[test]
fn a_german_word_finds_the_compounds_that_end_with_it_below_the_word_itself() {
    let env = TestEnv::new();
    env.write(
        "krieg.md",
        "---\nlang: de\n---\n# Der Krieg von 1870\n\nDer Krieg zwischen Frankreich und Preußen begann im Juli 1870, und der Krieg endete im Januar 1871 mit der Belagerung von Paris.\n",
    );
    env.write(
        "spanien.md",
        "---\nlang: de\n---\n# Spanien im zwanzigsten Jahrhundert\n\n## Der Bürgerkrieg\n\nDer Spanische Bürgerkrieg dauerte von 1936 bis 1939. Die Bürger des Landes litten schwer, viele flohen über die Pyrenäen.\n\n## Die Weltkriege\n\nSpanien blieb in beiden Weltkriegen neutral, denn die Welt war dem Land fern. Der Ertrag der Felder sank, und der Beitrag der Industrie zur Wirtschaft wuchs langsam.\n",
    );
    env.write(
        "fleet.md",
        "# The Fleet\n\nThe battleship and the warship were the pride of the navy, and friendship between the admirals mattered.\n",
    );
    env.ok(&["index", "--quiet"]);
    let sections = |query: &str| -> Vec<String> {
        let results = env.search_json(&[query]);
        let hits = results["hits"].as_array().unwrap();
        hits.iter()
            .map(|h| h["heading"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    // The word itself first, then the kinds of war its compounds name, in any form.
    let war = sections("Krieg");
    assert_eq!(war.len(), 3, "{war:?}");
    assert_eq!(war[0], "Der Krieg von 1870", "{war:?}");
    assert!(war.contains(&"Der Bürgerkrieg".to_string()), "{war:?}");
    assert!(war.contains(&"Die Weltkriege".to_string()), "{war:?}");
    let snippet = env.search_json(&["Krieg", "--lang", "de"]);
    let marked = snippet.to_string();
    assert!(marked.contains("<mark>Bürgerkrieg</mark>"), "{marked}");
    // Quoted, it is the word alone.
    assert_eq!(sections("\"Krieg\"").len(), 1);
    // What stands in front must be a word of four letters or more: `Ertrag` (yield) ends
    // `Vertrag` but `V` is no word, and `Beitrag` is no kind of `Trag`.
    assert_eq!(sections("trag").len(), 0);
    assert_eq!(sections("Ertrag"), ["Die Weltkriege"]);
    // English writes its compounds apart: `ship` is not found in `friendship`.
    assert_eq!(env.search_json(&["ship"])["total"], 0);
}

#[test]
fn a_german_word_found_only_in_compounds_is_no_misspelling() {
    let env = TestEnv::new();
    env.write(
        "versailles.md",
        "---\nlang: de\n---\n# Versailles\n\nDer Friedensvertrag wurde im Juni 1919 im Spiegelsaal unterzeichnet, und der Frieden blieb umstritten.\n",
    );
    env.ok(&["index", "--quiet"]);
    let results = env.search_json(&["Vertrag"]);
    assert_eq!(results["total"], 1, "{results}");
    assert_eq!(results["hits"][0]["typo"], false, "{results}");
    assert!(results["suggestion"].is_null(), "{results}");
}

#[test]
fn dutch_and_swedish_words_find_their_compounds_in_any_form() {
    let env = TestEnv::new();
    env.write(
        "nl.md",
        "---\nlang: nl\n---\n# Nederland in de twintigste eeuw\n\nTijdens de Tweede Wereldoorlog werd Nederland bezet. De wereld veranderde, en de regering vluchtte naar Londen.\n",
    );
    env.write(
        "sv.md",
        "---\nlang: sv\n---\n# Sverige och andra världskriget\n\nSverige var neutralt under andra världskriget. Världen runt landet brann, men handeln med Tyskland fortsatte.\n",
    );
    env.ok(&["index", "--quiet"]);
    for (query, lang) in [("oorlog", "nl"), ("krig", "sv")] {
        let results = env.search_json(&[query]);
        assert_eq!(results["total"], 1, "{query}: {results}");
        assert_eq!(results["hits"][0]["lang"], lang, "{query}: {results}");
    }
}

#[test]
fn slovak_croatian_bulgarian_latvian_bengali_and_latin_are_stemmed() {
    let env = TestEnv::new();
    env.write(
        "hr.txt",
        "Bitka kod Mohača\nOsmanska vojska pod vodstvom sultana Sulejmana Veličanstvenog porazila je ugarsku vojsku 29. kolovoza 1526. godine.\nPosljedice\nKralj Ludovik II. poginuo je u bitci, a Hrvatski sabor izabrao je nakon toga Ferdinanda Habsburškog za kralja.\n",
    );
    env.write(
        "sk.txt",
        "Slovenské národné povstanie\nPovstanie vypuklo 29. augusta 1944 v Banskej Bystrici proti nemeckým okupačným vojskám a režimu Slovenskej republiky.\nPotlačenie\nPovstalci bojovali dva mesiace, kým nemecké jednotky neobsadili centrum povstania.\n",
    );
    env.write(
        "bg.txt",
        "Освобождението на България\nРуско-турската война от 1877 до 1878 година води до Освобождението на България от османско владичество.\nМирният договор\nВойната завършва със Санстефанския мирен договор, а българските опълченци участват в битките при Шипка и Стара Загора.\n",
    );
    env.write(
        "lv.txt",
        "Latvijas neatkarības karš\nLatvijas neatkarības karš bija bruņots konflikts, kurā Latvijas armija cīnījās pret Padomju Krievijas un vācu karaspēku no 1918. līdz 1920. gadam.\nMiera līgums\nKarš beidzās ar Rīgas miera līgumu, ko Latvija un Padomju Krievija parakstīja 1920. gada 11. augustā.\n",
    );
    env.write(
        "bn.txt",
        "মুক্তিযুদ্ধ\nবাংলাদেশের মুক্তিযুদ্ধ ১৯৭১ সালে সংঘটিত হয়। এই যুদ্ধে পাকিস্তান সেনাবাহিনী পরাজিত হয়।\n",
    );
    env.write(
        "la.txt",
        "De bello Gallico\nGallia est omnis divisa in partes tres, quarum unam incolunt Belgae, aliam Aquitani, tertiam qui ipsorum lingua Celtae, nostra Galli appellantur. Horum omnium fortissimi sunt Belgae, propterea quod a cultu atque humanitate provinciae longissime absunt.\nBellum Helveticum\nHelvetii ad Caesarem legatos miserunt, et Iulii Caesaris exercitus flumen Ararim transiit.\n",
    );
    env.ok(&["index", "--quiet"]);
    // Forms no text has as written, with typo tolerance off: found only by stems.
    assert_stems_find(
        &env,
        &[
            ("bitka", "hr.txt", "Posljedice", "hr"),
            ("kralju", "hr.txt", "Posljedice", "hr"),
            ("republika", "sk.txt", "", "sk"),
            ("vojskami", "sk.txt", "", "sk"),
            ("povstaniu", "sk.txt", "", "sk"),
            // Bulgarian by its light stemmer: the article and the plural come off.
            ("освобождение", "bg.txt", "", "bg"),
            ("войни", "bg.txt", "", "bg"),
            ("договорите", "bg.txt", "Мирният договор", "bg"),
            // Latvian by its light stemmer: the case ending comes off.
            ("kariem", "lv.txt", "", "lv"),
            ("līgumiem", "lv.txt", "Miera līgums", "lv"),
            // Bengali by its light stemmer: `of the war` finds `in the war`.
            ("যুদ্ধের", "bn.txt", "", "bn"),
            ("বাংলাদেশকে", "bn.txt", "", "bn"),
            // Latin by Schinke's stemmer's noun stem, `v` read as `u` and `j` as `i`.
            ("provincia", "la.txt", "", "la"),
            ("Helvetios", "la.txt", "Bellum Helveticum", "la"),
            ("Julius", "la.txt", "Bellum Helveticum", "la"),
        ],
    );
}

#[test]
fn slovene_macedonian_belarusian_and_galician_are_stemmed() {
    let env = TestEnv::new();
    env.write(
        "sl.txt",
        "Bitka pri Kobaridu\nBitka pri Kobaridu je bila ena od bitk soške fronte med prvo svetovno vojno. Avstro-ogrska in nemška vojska sta jeseni 1917 prebili italijanske položaje.\nPosledice\nItalijanska vojska se je umaknila do reke Piave, kjer so zavezniki ustavili napad. V bojih je padlo veliko vojakov.\n",
    );
    env.write(
        "mk.txt",
        "Илинденско востание\nИлинденското востание е востание на македонскиот народ против Османлиската империја, кое избувна на 2 август 1903 година.\nКрушевска Република\nВостаниците ја прогласија Крушевската Република, но османлиската војска по десет дена го задуши востанието.\n",
    );
    env.write(
        "be.txt",
        "Грунвальдская бітва\nГрунвальдская бітва адбылася 15 ліпеня 1410 года паміж войскамі Вялікага Княства Літоўскага і Каралеўства Польскага з аднаго боку і Тэўтонскага ордэна з другога.\nВынікі\nПасля перамогі войскі саюзнікаў аблажылі сталіцу ордэна Мальбарк, але не здолелі яе ўзяць.\n",
    );
    env.write(
        "gl.md",
        "---\nlang: gl\n---\n# Idade Media\n\nAs cidades galegas medraron arredor dos mosteiros, e as peregrinacións a Santiago trouxeron comerciantes de toda Europa.\n",
    );
    env.ok(&["index", "--quiet"]);
    // Forms no text has as written, with typo tolerance off: found only by stems.
    assert_stems_find(
        &env,
        &[
            // Galician (named by the article): a plural as its singular, a final vowel off.
            ("cidade", "gl.md", "", "gl"),
            ("galego", "gl.md", "", "gl"),
            ("peregrinación", "gl.md", "", "gl"),
            // Slovene: a case ending, and a masculine plural's `-ov-` with it, come off.
            ("vojnah", "sl.txt", "", "sl"),
            ("položajih", "sl.txt", "", "sl"),
            ("vojaki", "sl.txt", "Posledice", "sl"),
            // Macedonian: the article, then the plural (`-ци` of a `-к`), then a final vowel.
            ("империјата", "mk.txt", "", "mk"),
            ("востаникот", "mk.txt", "Крушевска Република", "mk"),
            ("војската", "mk.txt", "Крушевска Република", "mk"),
            // Belarusian: a case ending comes off.
            ("бітвы", "be.txt", "", "be"),
            ("саюзнікі", "be.txt", "Вынікі", "be"),
        ],
    );
}

/// Each query (a form no text has as written), searched with typo tolerance off, finds its
/// file first (in its section under `heading`, unless empty), in its language.
fn assert_stems_find(env: &TestEnv, cases: &[(&str, &str, &str, &str)]) {
    for (query, file, heading, lang) in cases {
        let found = env.search_json(&[query, "--exact"]);
        let first = &found["hits"][0];
        assert_eq!(first["path"], format!("corpus/{file}"), "{query}: {found}");
        assert_eq!(first["lang"], *lang, "{query}: {found}");
        if !heading.is_empty() {
            assert_eq!(first["heading"], *heading, "{query}: {found}");
        }
    }
}
