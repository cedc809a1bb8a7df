//! Articles in other languages: each found through its own language's analysis (a word
//! inside a CJK run, an inflected form, a folded accent), with the right section first.

use crate::util::{article, TestEnv};

/// One article per language: (file, article, query, heading of the section to come first).
const ARTICLES: &[(&str, &str, &str, &str)] = &[
    (
        "ja.txt",
        "日ソ基本条約\n日ソ基本条約は一九二五年に調印された日本とソビエト連邦の条約である。\n交渉の経緯\n交渉は一九二四年から北京で行われ、両国は国交を樹立した。\n",
        "国交",
        "交渉の経緯",
    ),
    (
        "zh.txt",
        "中苏协定\n中苏解决悬案大纲协定于一九二四年签订。\n谈判\n谈判在北京进行，两国建立了外交关系。\n",
        "外交",
        "谈判",
    ),
    (
        "ko.txt",
        "한일 기본조약\n한일기본조약은 대한민국과 일본 사이의 조약이다.\n협상\n협상은 도쿄에서 십사 년 동안 계속되었다.\n",
        "도쿄",
        "협상",
    ),
    (
        "ru.txt",
        "Пекинская конвенция\nСоветско-японская конвенция была подписана в Пекине в 1925 году, и обе страны установили дипломатические отношения друг с другом.\nУсловия договора\nПо условиям договора японские войска покинули Северный Сахалин, а Япония получила концессии на добычу нефти и угля на острове.\n",
        "договор",
        "Условия договора",
    ),
    (
        "de.txt",
        "Die Konferenz von Genua\nIm April 1922 trafen sich die europäischen Mächte in Genua, um über den wirtschaftlichen Wiederaufbau Europas zu beraten, und die Presse berichtete täglich.\nDie Verhandlungen\nDie Verträge wurden in Genua verhandelt, doch die deutschen und sowjetischen Delegationen trafen sich heimlich im nahen Badeort.\n",
        "Vertrag",
        "Die Verhandlungen",
    ),
    (
        "fr.txt",
        "Le congrès de Vienne\nEn 1815, les puissances européennes se réunirent à Vienne pour redessiner la carte du continent après la chute de Napoléon et la fin des guerres.\nLes négociations\nLes traités furent négociés par Metternich, Talleyrand et Castlereagh, qui cherchèrent un équilibre durable entre les grandes puissances.\n",
        "traité",
        "Les négociations",
    ),
    (
        "ar.txt",
        "مؤتمر فيينا\nاجتمعت القوى الأوروبية في فيينا سنة 1815 لإعادة رسم خريطة القارة بعد سقوط نابليون.\nالمفاوضات\nتفاوض المندوبون على المعاهدات التي أعادت التوازن بين الدول الكبرى في أوروبا.\n",
        "معاهدة",
        "المفاوضات",
    ),
    (
        "th.md",
        "# สนธิสัญญาเบาว์ริง\n\nสนธิสัญญาเบาว์ริงลงนามในปี 1855 ระหว่างราชอาณาจักรสยามกับสหราชอาณาจักร เปิดการค้าเสรี\n\n## ผลที่ตามมา\n\nพ่อค้าชาวตะวันตกเข้ามาค้าขายข้าวในกรุงเทพมหานครมากขึ้น\n",
        "กรุงเทพ",
        "ผลที่ตามมา",
    ),
    (
        "el.txt",
        "Η Συνθήκη του Λονδίνου\nΤο 1830 οι Μεγάλες Δυνάμεις αναγνώρισαν την ανεξαρτησία της Ελλάδας με διεθνή πρωτόκολλο που υπογράφηκε στο Λονδίνο.\nΟι διαπραγματεύσεις\nΟι όροι της συνθήκης συζητήθηκαν για μήνες από τους πρεσβευτές της Βρετανίας, της Γαλλίας και της Ρωσίας.\n",
        "συνθήκη",
        "Οι διαπραγματεύσεις",
    ),
    (
        "pl.txt",
        "Pokój toruński\nPierwszy pokój toruński zawarto w 1411 roku między Królestwem Polskim i Wielkim Księstwem Litewskim a zakonem krzyżackim, po wielkiej wojnie i bitwie pod Grunwaldem.\nWarunki traktatu\nNa mocy traktatu Żmudź wróciła do Litwy, a zakon zapłacił wysoką kontrybucję w srebrze, co nadwerężyło jego finanse na wiele lat.\n",
        "traktat",
        "Warunki traktatu",
    ),
    (
        "uk.txt",
        "Переяславська рада\nПереяславська рада відбулася в січні 1654 року, коли гетьман Богдан Хмельницький і козацька старшина присягнули московському цареві.\nУмови угоди\nЗа умовами угоди Військо Запорозьке зберігало самоврядування, а гетьман мав право приймати іноземних послів.\n",
        "угода",
        "Умови угоди",
    ),
    (
        "cs.txt",
        "Vestfálský mír\nVestfálský mír ukončil v roce 1648 třicetiletou válku, která zpustošila české země a velkou část Svaté říše římské.\nPodmínky smlouvy\nPodle smlouvy získaly Švédsko a Francie nová území a říšská knížata si upevnila svou samostatnost vůči císaři.\n",
        "smlouva",
        "Podmínky smlouvy",
    ),
];

#[test]
fn each_language_finds_its_own_words_with_the_right_section_first() {
    let env = TestEnv::new();
    for (file, text, _, _) in ARTICLES {
        env.write(file, text);
    }
    env.write(
        "en.txt",
        article(
            "The Treaty of Rapallo",
            "Germany and Soviet Russia signed a treaty at Rapallo in 1922.",
            &[(
                "Japanese Sources",
                "Japanese newspapers called it 日独条約 at the time.",
            )],
        ),
    );
    env.ok(&["index", "--quiet"]);
    let mut failures = Vec::new();
    for (file, _, query, heading) in ARTICLES {
        let results = env.search_json(&[query]);
        let first = &results["hits"][0];
        if first["path"] != format!("corpus/{file}") || first["heading"] != *heading {
            failures.push(format!("{query}: {first}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    // Mixed: an English article quoting Japanese is found by the quoted word.
    let mixed = env.search_json(&["日独条約"]);
    assert_eq!(mixed["hits"][0]["path"], "corpus/en.txt", "{mixed}");
    // A form no document has as written, found as its language stems it: no misspelling,
    // so no suggestion.
    let inflected = env.search_json(&["Verträgen"]);
    assert_eq!(inflected["hits"][0]["path"], "corpus/de.txt", "{inflected}");
    assert_eq!(inflected["hits"][0]["typo"], false, "{inflected}");
    assert_eq!(
        inflected["suggestion"],
        serde_json::Value::Null,
        "{inflected}"
    );
}

#[test]
fn a_short_article_is_told_by_its_languages_commonest_words() {
    let env = TestEnv::new();
    env.write(
        "kurz.txt",
        "Der Vertrag von Rapallo\nDer Vertrag wurde 1922 zwischen dem Deutschen Reich und Sowjetrussland geschlossen.\n",
    );
    env.ok(&["index", "--quiet"]);
    let hit = &env.search_json(&["Verträgen"])["hits"][0];
    assert_eq!(hit["lang"], "de", "{hit}");
    assert_eq!(hit["typo"], false, "{hit}");
}

#[test]
fn hits_carry_their_language_and_the_filter_and_stats_use_it() {
    let env = TestEnv::new();
    for (file, text, _, _) in ARTICLES {
        env.write(file, text);
    }
    env.ok(&["index", "--quiet"]);
    let results = env.search_json(&["договор"]);
    assert_eq!(results["hits"][0]["lang"], "ru");
    let snippet = results["hits"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("<mark>договора</mark>"), "{snippet}");
    assert_eq!(env.search_json(&["договор", "--lang", "de"])["total"], 0);
    assert_eq!(
        env.search_json(&["Vertrag", "--lang", "German"])["total"],
        1
    );
    let stats = env.ok(&["stats", "--json"]).json();
    for code in ["ja", "zh", "ko", "ru", "de", "fr", "ar", "el"] {
        assert_eq!(stats["languages"][code], 1, "{code}: {stats}");
    }
    let run = env.run(&["search", "x", "--lang", "klingon"]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("--lang"), "{}", run.stderr());
}

#[test]
fn a_jsonl_record_may_name_its_language() {
    let env = TestEnv::new();
    env.write(
        "dump.jsonl",
        "{\"id\":\"a\",\"title\":\"Kurz\",\"text\":\"Die Verträge.\",\"lang\":\"de\"}\n",
    );
    env.ok(&["index", "--quiet"]);
    let results = env.search_json(&["Vertrag"]);
    assert_eq!(results["hits"][0]["lang"], "de", "{results}");
}

#[test]
fn arabic_is_found_without_its_diacritics_or_hamza_forms() {
    let env = TestEnv::new();
    env.write(
        "ar.txt",
        "معاهدة السلام\nوُقِّعَتْ المُعَاهَدَةُ فِي القَاهِرَةِ عام 1979 بين مصر وإسرائيل، وكانت معاهدة سلام تاريخية بين البلدين بعد سنوات طويلة من الحرب والصراع في المنطقة.\n",
    );
    env.ok(&["index", "--quiet"]);
    for query in ["القاهرة", "وقعت", "اسرائيل", "أسرائيل"] {
        let results = env.search_json(&[query]);
        assert_eq!(results["total"], 1, "{query}: {results}");
        assert_eq!(results["hits"][0]["typo"], false, "{query}: {results}");
    }
}

#[test]
fn words_with_combining_marks_are_whole_and_found_in_any_normal_form() {
    let env = TestEnv::new();
    env.write(
        "hi.txt",
        "भारत का इतिहास\nहिन्दी भाषा का इतिहास बहुत पुराना है। संस्कृत से हिन्दी का विकास हुआ और स्वतंत्रता संग्राम में हिन्दी ने बड़ी भूमिका निभाई।\n",
    );
    // Written decomposed, as some PDFs and file systems give text: accents as marks.
    env.write(
        "vi.txt",
        "Li\u{323}ch su\u{309}\nNha\u{300} Nguye\u{302}\u{303}n la\u{300} trie\u{302}\u{300}u đa\u{323}i cuo\u{302}\u{301}i cu\u{300}ng cu\u{309}a Vie\u{323}\u{302}t Nam.\n",
    );
    env.write(
        "nfc.txt",
        "Hiệp định\nHiệp định Genève năm 1954 chia cắt đất nước.\n",
    );
    env.ok(&["index", "--quiet"]);
    // A virama joins a word's consonants: the word is found whole and marked whole.
    let results = env.search_json(&["हिन्दी"]);
    assert_eq!(results["total"], 1, "{results}");
    let snippet = results["hits"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("<mark>हिन्दी</mark>"), "{snippet}");
    // A piece of a word is not a word.
    assert_eq!(env.search_json(&["हिन"])["total"], 0);
    // Composed, decomposed or without accents, a word finds both spellings.
    for query in ["Việt", "viet", "Nguyễn", "Vie\u{323}\u{302}t"] {
        let results = env.search_json(&[query]);
        assert_eq!(results["total"], 1, "{query}: {results}");
        assert_eq!(results["hits"][0]["typo"], false, "{query}: {results}");
    }
    let results = env.search_json(&["Hie\u{323}\u{302}p"]);
    assert_eq!(results["hits"][0]["title"], "Hiệp định", "{results}");
}

#[test]
fn kana_and_hangul_written_decomposed_are_the_words_they_compose_to() {
    let env = TestEnv::new();
    // `が` as `か` and a voicing mark; `한국어` as its nine jamo.
    env.write(
        "ja.txt",
        "日本の歴史\nか\u{3099}っこうて\u{3099}れきしをまなふ\u{3099}。\n",
    );
    env.write(
        "ko.txt",
        "\u{1112}\u{1161}\u{11AB}\u{1100}\u{116E}\u{11A8}\u{110B}\u{1165} 역사\n조약이 체결되었다.\n",
    );
    env.ok(&["index", "--quiet"]);
    for (query, title) in [
        ("がっこう", "日本の歴史"),
        ("か\u{3099}っこう", "日本の歴史"),
        ("한국어", "한국어 역사"),
        (
            "\u{1112}\u{1161}\u{11AB}\u{1100}\u{116E}\u{11A8}",
            "한국어 역사",
        ),
    ] {
        let results = env.search_json(&[query]);
        assert_eq!(results["total"], 1, "{query}: {results}");
        // Shown as the word composed.
        assert_eq!(results["hits"][0]["title"], title, "{query}: {results}");
    }
    let snippet = env.search_json(&["がっこう"])["hits"][0]["snippet"].clone();
    assert_eq!(snippet, "<mark>がっこう</mark>でれきしをまなぶ。");
}

#[test]
fn a_misspelt_word_finds_what_its_language_stems_otherwise_than_english() {
    let env = TestEnv::new();
    env.write(
        "fr.txt",
        "La révolution de Juillet\nEn juillet 1830, trois journées de révolution renversèrent Charles X, et la monarchie de Juillet porta Louis-Philippe sur le trône des Français.\n",
    );
    env.write(
        "tr.txt",
        "Lozan\nLozan Antlaşması 24 Temmuz 1923 tarihinde imzalandı. Antlaşmanın hükümleri Türkiye Büyük Millet Meclisi tarafından onaylandı ve yürürlüğe girdi.\n",
    );
    env.write(
        "is.md",
        "---\nlang: is\n---\n# Gamli sáttmáli\n\nÁrið 1262 játuðust Íslendingar undir vald Noregskonungs og sóru hirð konungs hollustueiða á Alþingi.\n",
    );
    env.ok(&["index", "--quiet"]);
    // English stems `revolution` as `revolut`, French as `revolu`: the misspelling's
    // variant is looked for as each language of the index stems it. Icelandic has no
    // stemmer: `konungs` is a word of its own there, though English stems it as `konung`.
    // The suggestion is the word as the articles write it, in the case it was typed.
    for (query, path, word, suggestion) in [
        ("revolutoin", "corpus/fr.txt", "révolution", "révolution"),
        ("Hükümlerr", "corpus/tr.txt", "hükümleri", "Hükümleri"),
        ("konung", "corpus/is.md", "konungs", "konungs"),
    ] {
        let results = env.search_json(&[query]);
        assert_eq!(results["suggestion"], suggestion, "{query}: {results}");
        let hit = &results["hits"][0];
        assert_eq!(hit["path"], path, "{query}: {results}");
        assert_eq!(hit["typo"], true, "{query}: {results}");
        let snippet = hit["snippet"].as_str().unwrap();
        assert!(
            snippet.contains(&format!("<mark>{word}</mark>")),
            "{snippet}"
        );
    }
}

#[test]
fn a_language_is_named_and_filtered_on_with_or_without_a_stemmer() {
    let env = TestEnv::new();
    env.write(
        "fa.txt",
        "معاهده ترکمنچای\nمعاهده ترکمنچای در سال ۱۸۲۸ میان ایران و روسیه امضا شد. بر پایه این معاهده، ایران بخش‌هایی از قفقاز را از دست داد.\n",
    );
    env.write(
        "id.txt",
        "Perjanjian Linggarjati\nPerjanjian Linggarjati adalah perundingan antara Indonesia dan Belanda di Linggarjati, Jawa Barat, yang menghasilkan persetujuan mengenai status kemerdekaan Indonesia pada tahun 1947.\n",
    );
    env.write(
        "vi.txt",
        "Hiệp định Genève\nHiệp định Genève năm 1954 chấm dứt chiến tranh Đông Dương giữa Pháp và Việt Nam, chia đất nước tại vĩ tuyến mười bảy cho đến khi tổng tuyển cử được tổ chức. Cuộc tổng tuyển cử ấy không bao giờ diễn ra, và hai miền tiếp tục chia cắt trong hơn hai mươi năm sau đó.\n",
    );
    env.ok(&["index", "--quiet"]);
    let hit = &env.search_json(&["ترکمنچای"])["hits"][0];
    assert_eq!(hit["lang"], "fa", "{hit}");
    let hit = &env.search_json(&["Linggarjati", "--lang", "Indonesian"])["hits"][0];
    assert_eq!(hit["lang"], "id", "{hit}");
    // Indonesian is stemmed, its prefixes too: `berunding` finds `perundingan`.
    let hit = &env.search_json(&["berunding"])["hits"][0];
    assert_eq!(hit["lang"], "id", "{hit}");
    // Vietnamese has no stemmer: its words are found as written, its accents folded.
    let hit = &env.search_json(&["chien", "tranh", "--lang", "vi"])["hits"][0];
    assert_eq!(hit["lang"], "vi", "{hit}");
    assert_eq!(
        env.search_json(&["Linggarjati", "--lang", "fa"])["total"],
        0
    );
    let stats = env.ok(&["stats"]).stdout();
    assert!(stats.contains("fa 1") && stats.contains("id 1"), "{stats}");
}

#[test]
fn a_short_article_in_a_script_of_one_language_is_in_that_language() {
    let env = TestEnv::new();
    env.write(
        "el.txt",
        "Η Συνθήκη των Σεβρών\nΗ συνθήκη υπογράφηκε το 1920.\n",
    );
    env.ok(&["index", "--quiet"]);
    // Too short for the detector; Greek letters are Greek's, and Greek's stemmer finds the
    // genitive plural.
    let results = env.search_json(&["συνθηκών"]);
    assert_eq!(results["hits"][0]["lang"], "el", "{results}");
    assert_eq!(results["hits"][0]["typo"], false, "{results}");
}

#[test]
fn greek_quoted_in_another_language_is_found_without_accents_or_breathings() {
    let env = TestEnv::new();
    env.write(
        "odyssey.txt",
        "The Odyssey\nIn the underworld the hero Ὀδυσσεύς meets ΣΊΣΥΦΟΣ, condemned to roll his stone up the hill for ever, as the poem tells in its eleventh book.\n",
    );
    env.ok(&["index", "--quiet"]);
    for query in ["Οδυσσευς", "σίσυφος", "σισυφος"] {
        let results = env.search_json(&[query]);
        assert_eq!(results["total"], 1, "{query}: {results}");
        assert_eq!(results["hits"][0]["typo"], false, "{query}: {results}");
    }
}

#[test]
fn a_korean_noun_of_one_syllable_is_found_with_its_particle() {
    let env = TestEnv::new();
    env.write(
        "joseon.txt",
        "조선 왕조\n조선은 1392년에 건국되었다. 왕은 백성을 위하여 훈민정음을 반포하였다.\n",
    );
    env.write("goryeo.txt", "고려\n고려는 918년에 건국되었다.\n");
    env.ok(&["index", "--quiet"]);
    let king = env.search_json(&["왕"]);
    assert_eq!(king["total"], 1, "{king}");
    assert_eq!(king["hits"][0]["path"], "corpus/joseon.txt", "{king}");
    let snippet = king["hits"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("<mark>왕</mark>은"), "{snippet}");
    // Words of two syllables or more are their bigrams, as before.
    assert_eq!(env.search_json(&["조선"])["total"], 1);
    assert_eq!(env.search_json(&["건국"])["total"], 2);
}

#[test]
fn cyrillic_yo_and_ye_find_each_other() {
    let env = TestEnv::new();
    env.write("khrushchev.txt", "Хрущёв\nНикита Хрущёв, 1953.\n");
    env.ok(&["index", "--quiet"]);
    let results = env.search_json(&["Хрущев"]);
    assert_eq!(results["total"], 1, "{results}");
    assert_eq!(results["hits"][0]["typo"], false, "{results}");
}

#[test]
fn chinese_is_found_by_one_character_and_in_either_script() {
    let env = TestEnv::new();
    env.write(
        "xinhai.txt",
        "辛亥革命\n辛亥革命推翻了清朝的統治。孫中山是革命的領導人。\n",
    );
    env.write("song.txt", "宋朝\n宋朝建立於九六〇年。\n");
    env.ok(&["index", "--quiet"]);
    // One character is a word: the Qing, the Song.
    let qing = env.search_json(&["清"]);
    assert_eq!(qing["total"], 1, "{qing}");
    assert_eq!(qing["hits"][0]["path"], "corpus/xinhai.txt", "{qing}");
    assert_eq!(
        qing["hits"][0]["snippet"],
        "辛亥革命推翻了<mark>清</mark>朝的統治。孫中山是革命的領導人。"
    );
    let song = env.search_json(&["宋"]);
    assert_eq!(song["hits"][0]["path"], "corpus/song.txt", "{song}");
    // Simplified finds traditional, shown as written; a word is still a phrase of its
    // characters, not any of them.
    for query in ["孙中山", "孫中山", "统治", "\"領導人\""] {
        let found = env.search_json(&[query]);
        assert_eq!(found["total"], 1, "{query}: {found}");
        assert_eq!(found["hits"][0]["typo"], false, "{query}: {found}");
    }
    let snippet = env.search_json(&["孙中山"])["hits"][0]["snippet"].clone();
    assert!(
        snippet.as_str().unwrap().contains("<mark>孫中山</mark>"),
        "{snippet}"
    );
    assert_eq!(env.search_json(&["中清"])["total"], 0);
}

#[test]
fn arabic_script_words_are_found_however_their_letters_are_typed() {
    let env = TestEnv::new();
    env.write(
        "ar.md",
        "# الدولة العثمانية\n\n## التاريخ\n\nكانت الدولة العثمانيّة إمبراطوريةً إسلاميةً أسسها عثمان الأول في أواخر القرن الثالث عشر. وقد امتدت أراضيها إلى ثلاث قارات، وكانت عاصمتها القسطنطينية بعد فتحها. وقاد مصطفى كمال أتاتورك حرب الاستقلال بعد الحرب العالمية الأولى.\n",
    );
    env.write(
        "fa.md",
        "# تاریخ ایران\n\n## دوره صفویه\n\nدودمان صفوی از سال ۱۵۰۱ تا ۱۷۳۶ میلادی بر ایران فرمانروایی کرد و کتابخانه سلطنتی در اصفهان بود.\n",
    );
    env.ok(&["index", "--quiet"]);
    // Teh marbuta typed as heh, a word without its shadda, alef maksura typed as yeh, a
    // bare alef for one with hamza, and Persian's keheh and yeh as Arabic keyboards type them.
    for (query, path, word) in [
        ("العثمانيه", "corpus/ar.md", "العثمانيّة"),
        ("العثمانية", "corpus/ar.md", "العثمانيّة"),
        ("مصطفي", "corpus/ar.md", "مصطفى"),
        ("اتاتورك", "corpus/ar.md", "أتاتورك"),
        ("كتابخانه", "corpus/fa.md", "کتابخانه"),
        ("ايران", "corpus/fa.md", "ایران"),
    ] {
        let results = env.search_json(&[query]);
        let hit = &results["hits"][0];
        assert_eq!(hit["path"], path, "{query}: {results}");
        assert_eq!(hit["typo"], false, "{query}: {results}");
        let snippet = hit["snippet"].as_str().unwrap();
        assert!(
            snippet.contains(&format!("<mark>{word}</mark>")),
            "{query}: {snippet}"
        );
    }
}

#[test]
fn years_and_numbers_in_other_scripts_digits_are_found_as_ascii_ones() {
    let env = TestEnv::new();
    env.write(
        "fa.md",
        "# تاریخ ایران\n\n## دوره صفویه\n\nدودمان صفوی از سال ۱۵۰۱ تا ۱۷۳۶ میلادی بر ایران فرمانروایی کرد و کتابخانه سلطنتی در اصفهان بود.\n",
    );
    env.write(
        "hi.md",
        "# भारत का विभाजन\n\n## स्वतंत्रता\n\nभारत १५ अगस्त १९४७ को स्वतंत्र हुआ और देश का विभाजन हुआ।\n",
    );
    env.ok(&["index", "--quiet"]);
    for (query, path) in [
        ("1501", "corpus/fa.md"),
        ("1947", "corpus/hi.md"),
        ("١٩٤٧", "corpus/hi.md"),
    ] {
        let results = env.search_json(&[query]);
        assert_eq!(results["hits"][0]["path"], path, "{query}: {results}");
    }
    // Their years are the articles' years: a filter and a timeline find them.
    let results = env.search_json(&["ایران", "--year", "1500..1510"]);
    assert_eq!(results["hits"][0]["path"], "corpus/fa.md", "{results}");
    let results = env.search_json(&["भारत", "--year", "1940s"]);
    assert_eq!(results["hits"][0]["path"], "corpus/hi.md", "{results}");
}

#[test]
fn english_stop_words_in_a_query_are_ignored_in_an_index_of_several_languages() {
    let env = TestEnv::new();
    for (file, text, _, _) in ARTICLES {
        env.write(file, text);
    }
    for (i, sea) in ["Baltic", "Black", "Caspian"].iter().enumerate() {
        env.write(
            &format!("en{i}.txt"),
            format!("The Treaty of the {sea} Sea\nThe treaty settled the {sea} coast.\n"),
        );
    }
    env.ok(&["index", "--quiet"]);
    // `the` and `of` are ignored, as the note says: the three articles with every other
    // word are complete matches, not partial ones for lacking the words no English
    // document is indexed with.
    for query in ["treaty of the sea", "the treaty"] {
        let results = env.search_json(&[query]);
        let complete: Vec<&str> = (results["hits"].as_array().unwrap().iter())
            .filter(|hit| hit["partial"] == false)
            .map(|hit| hit["article"].as_str().unwrap())
            .collect();
        assert_eq!(complete, ["en0", "en1", "en2"], "{query}: {results}");
        let notes = results["notes"].to_string();
        assert!(notes.contains("ignored common words"), "{query}: {notes}");
    }
}

#[test]
fn another_languages_stems_find_only_its_own_articles() {
    let env = TestEnv::new();
    env.write(
        "rom.txt",
        "Read-only memory\nROM chips hold the firmware of early computers; a ROM cannot be rewritten.\n",
    );
    env.write(
        "rome.txt",
        "The Sack of Rome\nIn 1527 the mutinous troops of Charles V sacked Rome.\n",
    );
    env.write(
        "fr.txt",
        "Le sac de Rome\nEn 1527, les troupes impériales de Charles Quint mirent Rome à sac et la ville fut pillée pendant des mois par les soldats mutinés.\n",
    );
    env.ok(&["index", "--quiet"]);
    // French stems `Rome` as `rom`: that stem finds the French article, not the English
    // one on ROM chips.
    let results = env.search_json(&["rome"]);
    let found: Vec<&str> = (results["hits"].as_array().unwrap().iter())
        .map(|hit| hit["article"].as_str().unwrap())
        .collect();
    assert_eq!(found.len(), 2, "{results}");
    assert!(
        found.contains(&"rome") && found.contains(&"fr"),
        "{results}"
    );
    // A French word and its inflections still find each other, typed either way, and a
    // prefix finds the French stems too.
    for query in ["piller", "pillee", "troupe", "mutin*"] {
        let results = env.search_json(&[query]);
        let hits = results["hits"].as_array().unwrap();
        assert!(
            hits.iter().any(|hit| hit["article"] == "fr"),
            "{query}: {results}"
        );
    }
}

#[test]
fn a_language_the_detector_does_not_tell_is_known_by_its_articles_name_for_it() {
    let env = TestEnv::new();
    env.write(
        "eu.md",
        "---\nlang: eu\n---\n# Gernikako bonbardaketa\n\nGerra Zibilean, 1937ko apirilaren 26an, Kondor Legioaren hegazkinek Gernika bonbardatu zuten.\n",
    );
    env.write(
        "is.md",
        "---\nlanguage: íslenska\n---\n# Alþingi\n\nAlþingi var stofnað árið 930 á Þingvöllum.\n",
    );
    env.write(
        "de.md",
        "---\nlang: ger\n---\n# Der Vertrag\n\nDer Vertrag von Rapallo wurde 1922 unterzeichnet.\n",
    );
    env.ok(&["index", "--quiet"]);
    for (query, lang) in [("Gernika", "eu"), ("Alþingi", "is"), ("Rapallo", "de")] {
        let found = env.search_json(&[query]);
        assert_eq!(found["hits"][0]["lang"], lang, "{query}: {found}");
        let filtered = env.search_json(&["--lang", lang, query]);
        assert_eq!(filtered["total"], 1, "{query}: {filtered}");
    }
    // Basque by Snowball's Basque stemmer: `gerrako` (of the war) finds `Gerra`.
    let found = env.search_json(&["gerrako", "--exact"]);
    assert_eq!(found["hits"][0]["lang"], "eu", "{found}");
    let found = env.search_json(&["--lang", "Basque", "Gernika"]);
    assert_eq!(found["total"], 1, "{found}");
}
