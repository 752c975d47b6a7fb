"""Entity resolution within an article: aliases, acronyms, honorifics and degrees."""
from __future__ import annotations

from extractor.entities import resolve
from extractor.nlp.doc import Mention


def mention(text: str, part: str, label: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Mention(start, start + len(part), label, part)


def test_acronym_in_parentheses_becomes_alias_and_its_later_uses_mentions():
    text = ("Penghargaan diberikan Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi (KemenPAN-RB). "
            "Menurut KemenPAN-RB, hasilnya baik.")
    full = "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"
    (ent,) = resolve(text, [mention(text, full, "ORG")])
    assert ent.name == full and ent.aliases == ["KemenPAN-RB"]
    assert [text[m.start:m.end] for m in ent.mentions] == [full, "KemenPAN-RB", "KemenPAN-RB"]


def test_a_known_short_form_joins_its_full_name_over_a_bracket_after_a_longer_name():
    text = ("Direktorat Jenderal Rehabilitasi Sosial Kementerian Sosial RI (Kemensos) menggelar pelatihan. "
            "Kata dia, Kementerian Sosial mendukung. Kemensos hadir.")
    unit = "Direktorat Jenderal Rehabilitasi Sosial Kementerian Sosial RI"
    ents = resolve(text, [mention(text, unit, "ORG"), mention(text, "Kemensos", "ORG"),
                          mention(text, "Kementerian Sosial", "ORG", 1), mention(text, "Kemensos", "ORG", 1)])
    by_name = {e.name: e.aliases for e in ents}
    assert by_name == {unit: [], "Kementerian Sosial": ["Kemensos"]}


def test_honorifics_and_degrees_stay_outside_person_names():
    text = "Kepala sekolah, Drs. H. Bambang Sutrisno, M.Pd., hadir. Bambang tersenyum."
    ents = resolve(text, [mention(text, "Drs. H. Bambang Sutrisno, M.Pd.", "PER"), mention(text, "Bambang", "PER", 1)])
    (ent,) = ents
    assert ent.name == "Bambang Sutrisno" and ent.aliases == ["Bambang"]
    assert [m.text for m in ent.mentions] == ["Bambang Sutrisno", "Bambang"]


def test_religious_honorifics_before_and_after_a_name_stay_outside_it():
    text = "Kisah Nabi Ibrahim dan Nabi Ismail alaihissalam dibacakan."
    ents = resolve(text, [mention(text, "Nabi Ibrahim", "PER"), mention(text, "Nabi Ismail alaihissalam", "PER")])
    assert [e.name for e in ents] == ["Ibrahim", "Ismail"]


def test_short_name_shared_by_two_people_is_not_merged():
    text = "Ahmad Yani dan Ahmad Dahlan hadir. Ahmad lalu pulang."
    ents = resolve(text, [mention(text, "Ahmad Yani", "PER"), mention(text, "Ahmad Dahlan", "PER"),
                          mention(text, "Ahmad", "PER", 2)])
    assert sorted(e.name for e in ents) == ["Ahmad", "Ahmad Dahlan", "Ahmad Yani"]


def test_mentions_in_ignored_lines_are_dropped_unless_from_metadata():
    text = "Bupati hadir.\nBaca juga: Jokowi ke Solo"
    line = (text.index("Baca"), len(text))
    ents = resolve(text, [mention(text, "Jokowi", "PER"), mention(text, "Solo", "LOC")], [line])
    assert ents == []


def test_ids_follow_first_mention_and_types_by_majority():
    text = "Jakarta ramai. Bogor sepi. Jakarta lagi."
    ents = resolve(text, [mention(text, "Jakarta", "LOC"), mention(text, "Bogor", "LOC"), mention(text, "Jakarta", "ORG", 1)])
    assert [(e.id, e.name) for e in ents] == [("E1", "Jakarta"), ("E2", "Bogor")]


def test_a_rule_mention_decides_the_type_over_the_model():
    text = "Sambari mengatakan warga patuh. \"Kami siap,\" ujar Sambari."
    ents = resolve(text, [mention(text, "Sambari", "LOC"), Mention(50, 57, "PER", "Sambari", "speaker")])
    assert [(e.type, e.name, len(e.mentions)) for e in ents] == [("PER", "Sambari", 2)]


def test_nickname_in_parentheses_is_an_alias_without_looping():
    text = "Menteri Sosial, Saifullah Yusuf (Gus Ipul) hadir. Ipul (Saifullah) tersenyum."
    ms = [mention(text, "Saifullah Yusuf", "PER"), mention(text, "Gus Ipul", "PER"),
          mention(text, "Ipul", "PER", 1), mention(text, "Saifullah", "PER", 1)]
    ents = resolve(text, ms)
    assert ents[0].name == "Saifullah Yusuf" and "Gus Ipul" in ents[0].aliases


def test_known_short_forms_of_places_merge_with_the_full_name():
    text = "Presiden Republik Indonesia tiba. Indonesia menyambut. Kunjungan RI itu sukses."
    ents = resolve(text, [mention(text, "Republik Indonesia", "LOC"), mention(text, "Indonesia", "LOC", 1),
                          mention(text, "RI", "LOC")])
    (ent,) = ents
    assert ent.name == "Republik Indonesia" and set(ent.aliases) == {"Indonesia", "RI"}


def test_a_place_with_and_without_its_unit_head_and_a_unit_short_form_are_one_entity():
    text = "Pemkab Jepara dan Pemerintah Kabupaten Jepara hadir di Kabupaten Jepara. Jepara maju."
    mentions = [Mention(0, 13, "ORG", "Pemkab Jepara"), Mention(18, 45, "ORG", "Pemerintah Kabupaten Jepara"),
                Mention(55, 71, "LOC", "Kabupaten Jepara"), Mention(73, 79, "LOC", "Jepara")]
    got = sorted((e.type, e.name, e.aliases) for e in resolve(text, mentions))
    assert got == [("LOC", "Kabupaten Jepara", ["Jepara"]), ("ORG", "Pemerintah Kabupaten Jepara", ["Pemkab Jepara"])]


def test_an_agency_with_and_without_ri_is_one_entity():
    text = "Wakil Ketua DPD RI hadir. DPD mendukung, kata Ketua DPR."
    ents = resolve(text, [mention(text, "DPD RI", "ORG"), mention(text, "DPD", "ORG", 1), mention(text, "DPR", "ORG")])
    assert [(e.name, e.aliases) for e in ents] == [("DPD RI", ["DPD"]), ("DPR", [])]


def test_an_organisation_and_its_one_form_with_a_place_are_one_entity():
    text = "Karang Taruna Tebing Tinggi hadir di Tebing Tinggi. Karang Taruna maju. DPRD NTT dan DPRD Kupang hadir, DPRD senang."
    ents = resolve(text, [mention(text, "Karang Taruna Tebing Tinggi", "ORG"), mention(text, "Tebing Tinggi", "LOC", 1),
                          mention(text, "Karang Taruna", "ORG", 1), mention(text, "DPRD NTT", "ORG"),
                          mention(text, "DPRD Kupang", "ORG"), mention(text, "DPRD", "ORG", 2)])
    got = [(e.name, e.aliases) for e in ents]
    assert ("Karang Taruna Tebing Tinggi", ["Karang Taruna"]) in got and ("DPRD", []) in got  # two DPRDs: no guess


def test_a_short_form_with_a_place_joins_the_full_name_the_short_form_stands_for():
    text = "Badan Penanggulangan Bencana Daerah (BPBD) hadir di Banyumas. Kepala BPBD Banyumas hadir."
    ents = resolve(text, [mention(text, "Badan Penanggulangan Bencana Daerah", "ORG"), mention(text, "BPBD", "ORG"),
                          mention(text, "Banyumas", "LOC"), mention(text, "BPBD Banyumas", "ORG")])
    got = [(e.type, e.name, sorted(e.aliases)) for e in ents]
    assert got == [("ORG", "Badan Penanggulangan Bencana Daerah", ["BPBD", "BPBD Banyumas"]), ("LOC", "Banyumas", [])]
    # the full name serves another place: two courts
    text = "Pengadilan Negeri (PN) Jakarta Selatan menolak, PN Semarang menunda."
    ents = resolve(text, [mention(text, "Pengadilan Negeri", "ORG"), mention(text, "PN", "ORG"),
                          mention(text, "Jakarta Selatan", "LOC"), mention(text, "PN Semarang", "ORG"),
                          mention(text, "Semarang", "LOC")])
    assert [e.name for e in ents if e.type == "ORG"] == ["Pengadilan Negeri", "PN Semarang"]


def test_a_short_name_inside_several_forms_of_one_person_joins_them_but_not_two_people():
    text = "Kombes Bhakti Eri Nurmansyah hadir. Bhakti Eri menyebutkan. \"Kami periksa saksi,\" pungkas Bhakti."
    ents = resolve(text, [mention(text, "Bhakti Eri Nurmansyah", "PER"), mention(text, "Bhakti Eri", "PER", 1),
                          mention(text, "Bhakti", "PER", 2)])
    assert [(e.name, e.aliases) for e in ents] == [("Bhakti Eri Nurmansyah", ["Bhakti Eri", "Bhakti"])]
    text = "Joko Widodo dan Joko Budiyono hadir. Joko senang."
    ents = resolve(text, [mention(text, "Joko Widodo", "PER"), mention(text, "Joko Budiyono", "PER"),
                          mention(text, "Joko", "PER", 2)])
    assert [e.name for e in ents] == ["Joko Widodo", "Joko Budiyono", "Joko"]


def test_a_one_word_person_takes_the_one_fuller_form_the_article_writes():
    text = "Direktur Riset CORE Indonesia Piter Abdullah, Sabtu, mengatakan. \"Kita tidak disiplin,\" kata Piter."
    ents = resolve(text, [mention(text, "Piter", "PER", 1)])
    assert [(e.name, e.aliases, len(e.mentions)) for e in ents] == [("Piter Abdullah", ["Piter"], 1)]
    text = "Direktur Panji W Ruky mengatakan program itu baik. \"Bukan satu-satunya solusi,\" kata Panji."
    assert [e.name for e in resolve(text, [mention(text, "Panji", "PER", 1)])] == ["Panji W Ruky"]
    # a headline's capitalised words, a day, or two different fuller forms: no fuller form
    text = "Nadiem Makarim Buka Suara soal laptop. Kata Anton Senin lalu. Budi Santoso dan Budi Karya hadir."
    ents = resolve(text, [mention(text, "Nadiem", "PER"), mention(text, "Anton", "PER"), mention(text, "Budi", "PER")])
    assert [e.name for e in ents] == ["Nadiem", "Anton", "Budi"]


def test_a_shorter_person_name_inside_exactly_one_longer_name_is_its_alias():
    text = "Menteri Abdul Mu’ti dan Wakil Bupati M Ibnu Hajar hadir. Mu’ti dan Ibnu Hajar berbicara."
    ents = resolve(text, [mention(text, "Abdul Mu’ti", "PER"), mention(text, "M Ibnu Hajar", "PER"),
                          mention(text, "Mu’ti", "PER", 1), mention(text, "Ibnu Hajar", "PER", 1)])
    assert [(e.name, e.aliases) for e in ents] == [("Abdul Mu’ti", ["Mu’ti"]), ("M Ibnu Hajar", ["Ibnu Hajar"])]


def test_a_rank_or_degree_alone_is_no_entity():
    text = "Tersangka AKBP Fajar Lukman diperiksa Kombes Patar Silalahi, S.IK di Polda NTT, bukan di AS."
    ms = [mention(text, "AKBP", "PER"), mention(text, "Fajar Lukman", "PER"), mention(text, "S.IK", "ORG"),
          mention(text, "Patar Silalahi", "PER"), mention(text, "Polda NTT", "ORG"), mention(text, "AS", "LOC")]
    assert [e.name for e in resolve(text, ms)] == ["Fajar Lukman", "Patar Silalahi", "Polda NTT", "AS"]


def test_a_verb_the_scraper_glued_to_a_name_is_cut_off_but_names_with_such_letters_stay():
    """The glued mention joins the name written on its own; a name only ever glued is no entity
    (ANNOTATION.md: `Araghchimengatakan`)."""
    text = ("Xabi Alonsomengungkap rencananya. Araghchimengatakan hal itu. Warga Sumedang dan Robertus hadir. "
            "Kata Xabi Alonso, baik.")
    ents = resolve(text, [mention(text, "Xabi Alonsomengungkap", "PER"), mention(text, "Araghchimengatakan", "PER"),
                          mention(text, "Sumedang", "LOC"), mention(text, "Robertus", "PER"),
                          mention(text, "Xabi Alonso", "PER", 1)])
    assert [(e.type, e.name) for e in ents] == [("PER", "Xabi Alonso"), ("LOC", "Sumedang"), ("PER", "Robertus")]
    assert [m.text for m in ents[0].mentions] == ["Xabi Alonso", "Xabi Alonso"]


def test_a_name_only_ever_glued_to_another_word_is_no_entity():
    text = "Dilansir dariAFP, Liputan6.com, JakartaBursa Efek Indonesia dibuka. Warga Jakarta senang."
    ents = resolve(text, [mention(text, "AFP", "ORG"), mention(text, "Jakarta", "LOC"),
                          mention(text, "Jakarta", "LOC", 1)])
    assert [(e.name, len(e.mentions)) for e in ents] == [("Jakarta", 2)]


def test_a_function_word_glued_after_a_name_is_cut_when_the_name_stands_alone_elsewhere():
    """`Chris Martintelah` -> `Chris Martin` (the text writes `Chris Martin` too); `Sudan`, `Jordan`
    and `Organisasi` keep their letters (no `Su`, `Jor`, and tails of two letters are never cut)."""
    text = "Chris Martin tiba. Chris Martintelah menyanyi. Warga Sudan dan Jordan hadir. Organisasi itu berdiri."
    ents = resolve(text, [mention(text, "Chris Martin", "PER"), mention(text, "Chris Martintelah", "PER"), mention(text, "Sudan", "LOC"),
                          mention(text, "Jordan", "LOC"), mention(text, "Organisasi", "ORG")])
    assert [e.name for e in ents] == ["Chris Martin", "Sudan", "Jordan", "Organisasi"]


def test_two_spellings_of_one_persons_name_one_letter_apart_are_one_entity_but_not_two_short_names():
    text = "Muhammad Shohibul Fikri menang. Fikri (Muhammad Shihibul Fikri) senang. Andi Saputra dan Anda Saputra datang."
    ents = resolve(text, [mention(text, "Muhammad Shohibul Fikri", "PER"), mention(text, "Fikri", "PER", 1),
                          mention(text, "Muhammad Shihibul Fikri", "PER"), mention(text, "Andi Saputra", "PER"),
                          mention(text, "Anda Saputra", "PER")])
    assert [(e.name, len(e.mentions)) for e in ents] == [("Muhammad Shohibul Fikri", 3), ("Andi Saputra", 1),
                                                        ("Anda Saputra", 1)]


def test_forms_of_one_organisation_that_differ_in_legal_form_or_a_short_place_name_are_one_entity():
    text = ("PT Pindad (Persero) dan Pindad hadir. DPRD Jatim dan DPRD Jawa Timur rapat. "
            "PT Pertamina dan Pertamina Foundation menyumbang. Kemenlu RI dan Kementerian Luar Negeri Republik Indonesia.")
    names = ["PT Pindad (Persero)", "Pindad", "DPRD Jatim", "DPRD Jawa Timur", "PT Pertamina", "Pertamina Foundation",
             "Kemenlu RI", "Kementerian Luar Negeri Republik Indonesia"]
    ents = resolve(text, [mention(text, n, "ORG", 1 if n == "Pindad" else 0) for n in names])
    assert sorted(sorted(m.text for m in e.mentions) for e in ents) == [
        ["DPRD Jatim", "DPRD Jawa Timur"], ["Kemenlu RI", "Kementerian Luar Negeri Republik Indonesia"], ["PT Pertamina"],
        ["PT Pindad (Persero)", "Pindad"], ["Pertamina Foundation"]]


def test_known_places_and_common_words_are_not_cut_as_glued_names_nor_are_sibling_names_or_two_legal_forms_merged():
    text = ("Pekan lalu Pemerintah Kota Pekanbaru rapat. Irlan menonton Irlandia. Andi Putra dan Andi Putri hadir. "
            "CV Maju Jaya dan PT Maju Jaya bersaing.")
    ents = resolve(text, [mention(text, "Pemerintah Kota Pekanbaru", "ORG"), mention(text, "Irlandia", "LOC"),
                          mention(text, "Andi Putra", "PER"), mention(text, "Andi Putri", "PER"),
                          mention(text, "CV Maju Jaya", "ORG"), mention(text, "PT Maju Jaya", "ORG")])
    assert [e.name for e in ents] == ["Pemerintah Kota Pekanbaru", "Irlandia", "Andi Putra", "Andi Putri",
                                      "CV Maju Jaya", "PT Maju Jaya"]


def test_a_fuller_form_is_not_taken_from_an_ignored_line():
    text = "Simak Video 'Sidang Hasto Memanas'\nKata Hasto, ia siap."
    line_end = text.index("\n")
    (ent,) = resolve(text, [mention(text, "Hasto", "PER", 1)], ignored=[(0, line_end)])
    assert ent.name == "Hasto"


def test_only_a_person_loses_a_glued_verb_and_never_to_a_verb_prefix():
    text = "Warga Turkmenistan dan Kementerian Desa Pembangunan Daerah Tertinggal hadir. Budi Tertinggal datang."
    ents = resolve(text, [mention(text, "Turkmenistan", "LOC"),
                          mention(text, "Kementerian Desa Pembangunan Daerah Tertinggal", "ORG"),
                          mention(text, "Budi Tertinggal", "PER")])
    assert [e.name for e in ents] == ["Turkmenistan", "Kementerian Desa Pembangunan Daerah Tertinggal", "Budi Tertinggal"]


def test_a_bracket_defines_its_short_form_unless_a_known_full_name_inside_it_is_meant():
    text = "Asosiasi Sepeda (AS) menggelar lomba. Warga Amerika Serikat hadir. AS bangga."
    ents = resolve(text, [mention(text, "Asosiasi Sepeda", "ORG"), mention(text, "AS", "ORG"),
                          mention(text, "Amerika Serikat", "LOC"), mention(text, "AS", "ORG", 1)])
    assert [(e.name, e.aliases) for e in ents] == [("Asosiasi Sepeda", ["AS"]), ("Amerika Serikat", [])]


def test_a_name_the_model_found_only_glued_stays_when_the_text_writes_it_alone_too():
    text = "Kata dia itu,Samanta Elsenerjuga makin dikenal. Samanta Elsener lahir di Jakarta Selatan. Dilansir dariJakarta."
    ents = resolve(text, [mention(text, "Samanta Elsener", "PER"), mention(text, "Jakarta Selatan", "LOC"),
                          mention(text, "Jakarta", "LOC", 1)])
    assert [e.name for e in ents] == ["Samanta Elsener", "Jakarta Selatan"]  # `Jakarta` stands alone only inside a name
