//! Years read from articles as each language and calendar writes them: centuries in other
//! languages' numerals and words, CJK eras, the Islamic calendars; and `--year` reading the
//! same forms.

use crate::util::TestEnv;

#[test]
fn years_are_read_as_each_language_writes_them() {
    let env = TestEnv::new();
    for (file, text) in [
        (
            "fr.txt",
            "La Révolution industrielle\nAu XIXe siècle, la ville de Lyon devint un centre de la soie.\n",
        ),
        (
            "de.txt",
            "Die Stadt Köln\nIm 5. Jahrhundert v. Chr. siedelten hier Ubier am Rhein.\n",
        ),
        (
            "ja.txt",
            "日ソ基本条約\n日ソ基本条約は一九二五年に調印された日本とソビエト連邦の条約である。\n",
        ),
        (
            "en.txt",
            "Venetian glass\nThe fifteenth century saw Murano's glassmakers perfect cristallo.\n",
        ),
        (
            "zh.txt",
            "景德镇瓷器\n十八世纪，景德镇的瓷器远销欧洲。\n",
        ),
        (
            "ar.txt",
            "محمد علي باشا\nولد محمد علي باشا سنة 1184 هـ في قولة.\n",
        ),
        (
            "qing.txt",
            "台湾府\n康熙二十三年，清朝设台湾府，隶属福建省。\n",
        ),
        (
            "tr.txt",
            "Lale Devri\nLale Devri, 18. yüzyılda Osmanlı sarayında lale merakıyla anılan bir dönemdir.\n",
        ),
        (
            "fa.txt",
            "انقلاب ایران\nانقلاب ایران در سال ۱۳۵۷ به پیروزی رسید و نظام پادشاهی برچیده شد.\n",
        ),
    ] {
        env.write(file, text);
    }
    env.ok(&["index", "--quiet"]);
    let years: Vec<(String, i64)> = [
        "Lyon",
        "Rhein",
        "条約",
        "Murano",
        "景德镇",
        "Lale",
        "福建",
        "قولة",
        "پادشاهی",
    ]
    .iter()
    .map(|word| {
        let hit = env.search_json(&[word])["hits"][0].clone();
        (
            hit["title"].as_str().unwrap().to_string(),
            hit["year"].as_i64().unwrap(),
        )
    })
    .collect();
    assert_eq!(
        years,
        [
            ("La Révolution industrielle".to_string(), 1800),
            ("Die Stadt Köln".into(), -500),
            ("日ソ基本条約".into(), 1925),
            ("Venetian glass".into(), 1400),
            ("景德镇瓷器".into(), 1700),
            ("Lale Devri".into(), 1700),
            ("台湾府".into(), 1684),
            ("محمد علي باشا".into(), 1770),
            ("انقلاب ایران".into(), 1978),
        ]
    );
    // A year in Persian's digits is the solar Hijri year, in `--year` as in the text.
    let found = env.search_json(&["--year", "۱۳۵۷", "پادشاهی"]);
    assert_eq!(found["total"], 1, "{found}");
    let found = env.search_json(&["--year", "1920s", "条約"]);
    assert_eq!(found["total"], 1, "{found}");
    // `--year` reads the same forms.
    let found = env.search_json(&["--year", "XIXe siècle", "Lyon"]);
    assert_eq!(found["total"], 1, "{found}");
    let found = env.search_json(&["--year", "siglo XX", "Lyon"]);
    assert_eq!(found["total"], 0, "{found}");
    let found = env.search_json(&["--year", "18世紀", "景德镇"]);
    assert_eq!(found["total"], 1, "{found}");
}
