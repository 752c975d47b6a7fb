"""Rules over NER mentions (extractor/mentions), each with the case it exists for."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from extractor.mentions import RULES, RuleContext, apply_rules
from extractor.nlp.doc import Mention


def m(text: str, part: str, label: str, nth: int = 0) -> Mention:
    """The ``nth`` (0-based) occurrence of ``part`` as a mention."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Mention(start, start + len(part), label, part)


def found(text, mentions):
    return [(x.text, x.label) for x in apply_rules(text, mentions)]


def test_government_unit_replaces_the_place_inside_it():
    text = "Kasus ditangani Polres Ponorogo sejak Senin."
    assert found(text, [m(text, "Ponorogo", "LOC")]) == [("Polres Ponorogo", "ORG")]


def test_unit_stops_before_rank_and_person():
    text = "Kapolres datang ke Polres Ponorogo AKBP Andin Wisnu Sudibyo."
    assert ("Polres Ponorogo", "ORG") in found(text, [m(text, "Andin Wisnu Sudibyo", "PER")])


def test_rank_is_kept_out_and_the_name_is_a_person():
    text = "Penyidik AKBP Fajar Lukman hadir."
    assert found(text, [m(text, "AKBP Fajar Lukman", "ORG")]) == [("Fajar Lukman", "PER")]


def test_known_places_are_typed_and_found():
    text = "Delegasi Seychelles dan Timor Leste hadir."
    assert found(text, [m(text, "Seychelles", "PER")]) == [("Seychelles", "LOC"), ("Timor Leste", "LOC")]


def test_place_units_and_titled_names_that_ner_missed():
    text = "Rumah di Kampung Naringgul rusak, kata Ketua Karang Taruna, Asnawi Mangkualam, kemarin."
    assert found(text, []) == [("Kampung Naringgul", "LOC"), ("Asnawi Mangkualam", "PER")]


def test_one_word_name_after_a_title_typed_org_becomes_a_person():
    text = "Hadir Dirjen Rehabilitasi Sosial (Rehsos) Kemensos, Supomo; dan Bupati Bogor, Bandung."
    got = found(text, [m(text, "Kemensos", "ORG"), m(text, "Supomo", "ORG"), m(text, "Bandung", "LOC")])
    assert ("Supomo", "PER") in got and ("Bandung", "LOC") in got


def test_name_after_a_lower_case_title_is_found():
    text = "Fraksi PKB melalui juru bicara Carwan, lalu pengasuh Ponpes Al Khoziny, dan juru bicara Anggi Nofiah menyampaikan pandangan."
    got = found(text, [m(text, "Fraksi PKB", "ORG")])
    assert ("Carwan", "PER") in got and ("Anggi Nofiah", "PER") in got
    assert not any(label == "PER" and "Ponpes" in name for name, label in got)


def test_a_rank_starts_a_person_but_not_in_a_street_name():
    text = "Kapolsek Sanga Desa IPTU Joharmen tiba di Jalan Kolonel Sugiri bersama Mayor Inf Hendra Wijaya."
    got = found(text, [m(text, "Desa IPTU Joharmen", "LOC"), m(text, "Jalan Kolonel Sugiri", "LOC")])
    assert got == [("Joharmen", "PER"), ("Jalan Kolonel Sugiri", "LOC"), ("Hendra Wijaya", "PER")]


def test_an_org_that_swallowed_a_person_named_elsewhere_is_split():
    text = "Kasi Intel Kejaksaan Negeri Kuantan Singingi Soenardi hadir di Kecamatan Sokaraja. Kata Soenardi, Sokaraja aman."
    got = found(text, [m(text, "Intel Kejaksaan Negeri Kuantan Singingi Soenardi", "ORG"), m(text, "Kecamatan Sokaraja", "LOC"),
                       m(text, "Soenardi", "PER", 1), m(text, "Sokaraja", "PER", 1)])
    assert ("Intel Kejaksaan Negeri Kuantan Singingi", "ORG") in got and ("Kecamatan Sokaraja", "LOC") in got
    assert got.count(("Soenardi", "PER")) == 2


def test_an_org_that_ran_on_into_a_person_whose_first_name_the_article_uses_is_split():
    text = ("Wali Kota Bogor Dedie A Rachim dan Ketua Bawaslu Abhan hadir di Universitas Gadjah Mada. "
            "Kata Dedie, semua siap. Abhan menambahkan. Gadjah tidak hadir.")
    got = found(text, [m(text, "Bogor Dedie A Rachim", "LOC"), m(text, "Bawaslu Abhan", "ORG"),
                       m(text, "Universitas Gadjah Mada", "ORG"), m(text, "Dedie", "PER"), m(text, "Abhan", "PER", 1),
                       m(text, "Gadjah", "PER", 1)])
    assert ("Bogor", "LOC") in got and ("Dedie A Rachim", "PER") in got
    assert ("Bawaslu", "ORG") in got and got.count(("Abhan", "PER")) == 2
    assert ("Universitas Gadjah Mada", "ORG") in got  # `Mada` is no one's first word: two words after a head stay


def test_a_name_after_bernama_or_berinisial_is_a_person():
    text = "ASN lainnya bernama Liza (bukan nama sebenarnya) dan tersangka berinisial MS ditahan, kata warga bernama Desa."
    got = found(text, [])
    assert ("Liza", "PER") in got and ("MS", "PER") in got and ("Desa", "PER") not in got


def test_after_a_person_cue_or_rank_the_models_other_type_gives_way_but_not_after_bernama():
    text = ("Pelaku Jepri menjualnya kepada seseorang bernama Darul, kata AKP Utar. "
            "Grup musik itu kemudian bernama Pink Floyd, dilatih pelatih Semen Padang.")
    got = found(text, [m(text, "Jepri", "LOC"), m(text, "Darul", "ORG"), m(text, "Utar", "ORG"),
                       m(text, "Pink Floyd", "ORG"), m(text, "Semen Padang", "ORG")])
    assert got == [("Jepri", "PER"), ("Darul", "PER"), ("Utar", "PER"), ("Pink Floyd", "ORG"), ("Semen Padang", "ORG")]


def test_the_outlet_after_dilansir_or_dikutip_is_an_organisation():
    text = ("Ujar Federer dilansir Yahoosport, Minggu (11/11/2007). Dikutip detikINET dari Cnet, Koh hadir. "
            "Seperti dilansir Reuters Senin (2/3), dikutip dari Jakarta, dikutip dariAntara, dan melansir The Guardian. Kata kantor berita Xinhua.")
    got = found(text, [m(text, "Federer", "PER"), m(text, "Yahoosport", "PER"), m(text, "Cnet", "ORG"),
                       m(text, "Koh", "PER"), m(text, "Jakarta", "LOC"), m(text, "Xinhua", "PER")])
    assert got == [("Federer", "PER"), ("Yahoosport", "ORG"), ("detikINET", "ORG"), ("Cnet", "ORG"), ("Koh", "PER"),
                   ("Reuters", "ORG"), ("Jakarta", "LOC"), ("The Guardian", "ORG"), ("Xinhua", "ORG")]


def test_a_unit_goes_on_over_a_regency_after_a_party_and_no_known_name_is_taken_from_a_dashed_pair():
    text = "Sekretaris Partai Nasdem Kabupaten Kupang, Sofia Malelak De Haan, memuji Fraksi PKS–Perindo dan PSSI."
    got = found(text, [m(text, "Sofia Malelak De Haan", "PER"), m(text, "Fraksi PKS", "ORG")])
    assert got == [("Partai Nasdem Kabupaten Kupang", "ORG"), ("Sofia Malelak De Haan", "PER"), ("Fraksi PKS", "ORG"),
                   ("PSSI", "ORG")]


def test_a_name_that_fills_single_quotes_is_a_work_title_but_a_name_inside_one_stays():
    text = "Trailer film ' Ice Princess ' garapan Disney diputar, kata Chuk Viane. Film 'Finding Dory' karya Pixar, ujar Jum'at."
    got = found(text, [m(text, "Ice Princess", "PER"), m(text, "Disney", "ORG"), m(text, "Chuk Viane", "PER"),
                       m(text, "Dory", "PER"), m(text, "Pixar", "ORG")])
    assert got == [("Disney", "ORG"), ("Chuk Viane", "PER"), ("Dory", "PER"), ("Pixar", "ORG")]


def test_an_agencys_full_name_replaces_the_place_the_model_found_in_it():
    text = "Kebijakan Bank Indonesia dan Badan Pusat Statistik dibahas di Jakarta."
    got = found(text, [m(text, "Indonesia", "LOC"), m(text, "Jakarta", "LOC")])
    assert got == [("Bank Indonesia", "ORG"), ("Badan Pusat Statistik", "ORG"), ("Jakarta", "LOC")]


def test_the_name_after_a_speech_verb_after_a_quote_is_a_person_where_the_model_found_nothing():
    text = ('" Jangan bertumpuk , " ucap Dorma di terminal . " Itu elit , " kata Kuat . '
            '" Kami siap , " ujar Kepala Dinas . " Bagus , " kata Kemenkeu . Ia berkata jelas Indonesia siap .')
    got = found(text, [])
    assert got == [("Dorma", "PER"), ("Kuat", "PER"), ("Kemenkeu", "ORG"), ("Indonesia", "LOC")]


def test_a_speaker_the_model_typed_org_or_loc_is_a_person_unless_a_place_or_made_of_common_words():
    text = ('" Kami menolak , " kata Newsom . " Kami siap , " ujar Purbaya . " Aman , " kata Jakarta . '
            '" Kami bertahan , " kata Pasukan Pertahanan Israel .')
    got = found(text, [m(text, "Newsom", "ORG"), m(text, "Purbaya", "LOC"), m(text, "Jakarta", "LOC"),
                       m(text, "Pasukan Pertahanan Israel", "ORG")])
    assert got == [("Newsom", "PER"), ("Purbaya", "PER"), ("Jakarta", "LOC"), ("Pasukan Pertahanan Israel", "ORG")]


def test_a_name_ending_in_a_company_or_club_word_is_an_organisation():
    text = "Pemain Borneo FC itu membeli forklift dari Heli Southeast Asia Co Ltd di Jakarta."
    got = found(text, [m(text, "Borneo FC", "PER"), m(text, "Heli Southeast Asia Co Ltd", "PER"), m(text, "Jakarta", "LOC")])
    assert got == [("Borneo FC", "ORG"), ("Heli Southeast Asia Co Ltd", "ORG"), ("Jakarta", "LOC")]


def test_a_common_word_alone_is_not_a_name_unless_part_of_one():
    text = "Jepara Unggul, Selamat dan Adil. Kata Selamat Riyadi, Selamat datang."
    got = found(text, [m(text, "Unggul", "LOC"), m(text, "Adil", "PER"), m(text, "Selamat Riyadi", "PER"),
                       m(text, "Selamat", "PER", 2)])
    assert got == [("Selamat Riyadi", "PER"), ("Selamat", "PER")]


def test_unit_ends_after_agency_and_the_name_after_a_titled_org_is_a_person():
    text = "Hadir Anggota Komisi I DPR Oleh Sholeh, Ketua KPU Jakarta Timur, dan Anggota Komisi V DPR Irmawan."
    got = found(text, [m(text, "Sholeh", "LOC"), m(text, "KPU", "ORG"), m(text, "Jakarta Timur", "LOC"), m(text, "DPR Irmawan", "ORG")])
    assert got == [("Komisi I DPR", "ORG"), ("Oleh Sholeh", "PER"), ("KPU Jakarta Timur", "ORG"),
                   ("Komisi V DPR", "ORG"), ("Irmawan", "PER")]


def test_address_numbers_and_spaced_dashes_cut_mentions():
    text = "JAKARTA, KOMPAS.com- Kementerian Keuangan hadir di Kampung Naringgul RT 03 RW 09 dan Jalan Dr. Sutomo No. 14."
    got = found(text, [m(text, "KOMPAS.com- Kementerian Keuangan", "ORG"), m(text, "Kampung Naringgul RT 03 RW 09", "LOC"),
                       m(text, "Jalan Dr. Sutomo No. 14", "LOC")])
    assert got == [("KOMPAS.com", "ORG"), ("Kementerian Keuangan", "ORG"), ("Kampung Naringgul", "LOC"), ("Jalan Dr. Sutomo", "LOC")]


def test_a_meeting_or_election_word_stays_outside_the_body_that_holds_it():
    text = "Megawati membuka Rakernas PDIP di Solo , jelang Pilgub DKI dan Munas Golkar ; Kongres AS menolak ."
    got = found(text, [m(text, "Rakernas PDIP", "ORG"), m(text, "Pilgub DKI", "LOC"), m(text, "Munas Golkar", "ORG"),
                       m(text, "Kongres AS", "ORG")])
    assert got == [("PDIP", "ORG"), ("Solo", "LOC"), ("DKI", "LOC"), ("Golkar", "ORG"), ("Kongres AS", "ORG")]


def test_holidays_and_a_lone_event_word_are_no_entities():
    text = "Presiden Prabowo melaksanakan Sholat Idul Adha di Masjid Istiqlal , lalu hadir di Milad ke-13 RS PKU ."
    got = found(text, [m(text, "Prabowo", "PER"), m(text, "Idul Adha", "PER"), m(text, "Masjid Istiqlal", "LOC"),
                       m(text, "Milad", "ORG")])
    assert got == [("Prabowo", "PER"), ("Masjid Istiqlal", "LOC")]


def test_an_outlet_the_model_missed_is_an_organisation_but_not_a_common_word():
    text = "Hal itu dikatakan Rio dalam rilis yang diterima detikSport dan dikutip TEMPO . Tempo hari Bisnis lesu ."
    assert found(text, [m(text, "Rio", "PER")]) == [("Rio", "PER"), ("detikSport", "ORG"), ("TEMPO", "ORG")]


def test_a_place_does_not_run_across_a_comma_but_an_agency_name_does():
    text = "lumpur Lapindo di Porong , Sidoarjo , dan di Jalan SMA XIV, Cililitan, kata Badan Meteorologi, Klimatologi, dan Geofisika ."
    got = found(text, [m(text, "Porong , Sidoarjo", "LOC"), m(text, "Jalan SMA XIV, Cililitan", "LOC"),
                       m(text, "Badan Meteorologi, Klimatologi, dan Geofisika", "ORG")])
    assert got == [("Porong", "LOC"), ("Sidoarjo", "LOC"), ("Jalan SMA XIV", "LOC"), ("Cililitan", "LOC"),
                   ("Badan Meteorologi, Klimatologi, dan Geofisika", "ORG")]


def test_a_prefix_before_a_dash_goes_with_the_next_word():
    text = "di antara Provinsi , Kota , dan Kabupaten se- Indonesia , kata Barata ."
    assert found(text, [m(text, "Kabupaten se- Indonesia", "LOC")]) == [("Indonesia", "LOC"), ("Barata", "PER")]


def test_a_place_named_after_a_person_is_one_place():
    text = "Dorma di Bandara Internasional Husein Sastranegara , Jalan Sudirman , Kota Bandung Ridwan Kamil hadir ."
    got = found(text, [m(text, "Dorma", "PER"), m(text, "Husein Sastranegara", "PER"), m(text, "Sudirman", "PER"),
                       m(text, "Ridwan Kamil", "PER")])
    assert got == [("Dorma", "PER"), ("Bandara Internasional Husein Sastranegara", "LOC"), ("Jalan Sudirman", "LOC"),
                   ("Kota Bandung", "LOC"), ("Ridwan Kamil", "PER")]
    text = "presiden diminta mengganti Menteri Desa Marwan Jafar ."  # a title, not `Desa ...`
    assert found(text, [m(text, "Marwan Jafar", "PER")]) == [("Marwan Jafar", "PER")]


def test_a_person_found_without_the_first_names_gets_them_back():
    text = "dipimpin Kepala Seksi Pidana Khusus, Resky Pradhana Romly. Hadir Lukman Hakim dan Moch Fauzan Ja'far."
    got = found(text, [m(text, "Romly", "PER"), m(text, "Lukman Hakim", "PER"), m(text, "Fauzan Ja'far", "PER")])
    assert got == [("Resky Pradhana Romly", "PER"), ("Lukman Hakim", "PER"), ("Moch Fauzan Ja'far", "PER")]


def test_given_names_are_not_taken_from_an_office_or_a_common_word():
    text = "dan Direktur Penerangan Agama Islam Ahmad Zayadi. Selamat Datang Budi Santoso di kantor."
    got = found(text, [m(text, "Ahmad Zayadi", "PER"), m(text, "Santoso", "PER")])
    assert got == [("Ahmad Zayadi", "PER"), ("Santoso", "PER")]


def test_the_name_after_a_capitalised_title_is_found():
    text = ("Kata Wakil Menteri Keuangan Suahasil Nazara dalam konferensi pers. Ujar Direktur Riset Ali Noer Zaman, "
            "lalu Bupati Jepara H Witiarso Utomo hadir. Direktur Teknik dan Teknologi Informasi hadir. "
            "Kata Menteri Keuangan Senin lalu. Hakim Konstitusi.")
    got = found(text, [])
    assert got == [("Suahasil Nazara", "PER"), ("Ali Noer Zaman", "PER"), ("Witiarso Utomo", "PER")]


def test_the_name_after_a_title_with_a_bracketed_short_form_is_found():
    # the short form inside the title (`(KPU)`) is skipped; a capitalised run before a short form
    # and more capitalised words was the organisation (`Perkreditan Rakyat Indonesia (Perbarindo)`);
    # a short form after the name and before the predicate is the person's (`(AHY) mengatakan`)
    text = ("Ketua Komisi Pemilihan Umum (KPU) Papua Theodorus Kosay, saat dikonfirmasi, membenarkan. "
            "Ketua Umum Perhimpunan Bank Perkreditan Rakyat Indonesia (Perbarindo) Joko Suyanto mengatakan itu. "
            "Kata Menko Agus Harimurti Yudhoyono (AHY) mengatakan itu.")
    got = found(text, [m(text, "Komisi Pemilihan Umum", "ORG"), m(text, "KPU", "ORG"), m(text, "Papua", "LOC")])
    assert ("Theodorus Kosay", "PER") in got and ("Joko Suyanto", "PER") in got
    assert ("Agus Harimurti Yudhoyono", "PER") in got
    assert not any(name == "Perkreditan Rakyat Indonesia" for name, _ in got)


def test_the_items_of_an_enumeration_inside_a_title_are_no_name():
    # `, Pembangunan Daerah Tertinggal,` between commas after a title, going on with `, dan` and a
    # capitalised word, is an item of the office's name; the item after `dan` is no given name
    text = ("Kata Menteri Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi Abdul Halim Iskandar, pemerintah setuju. "
            "Hadir Kepala Dinas Sosial, Budi Santoso, dan Kepala Dinas Kesehatan Andi Wijaya.")
    got = found(text, [m(text, "Abdul Halim Iskandar", "PER"), m(text, "Andi Wijaya", "PER")])
    assert [name for name, label in got if label == "PER"] == ["Abdul Halim Iskandar", "Budi Santoso", "Andi Wijaya"]


def test_the_name_after_a_title_with_a_number_in_it_is_found():
    # a number (`0802`, `Covid - 19`) is the title's and so is the run before it; the name follows
    text = ("Kata Dandim 0802 Ponorogo Budi Hartono setuju. Ketua Harian Satuan Tugas Penanganan Covid - 19 "
            "Provinsi Papua Welliam Manderi menyatakan itu. Ujar Kepala Seksi 2 kemarin.")
    got = found(text, [m(text, "Ponorogo", "LOC"), m(text, "Papua", "LOC")])
    assert [name for name, label in got if label == "PER"] == ["Budi Hartono", "Welliam Manderi"]


def test_a_one_word_name_after_a_title_before_a_day_is_a_person():
    # `Name, Rabu (29/7/2020)`: the day after the comma is the time of the statement; one word
    # before another comma stays too weak a name (`Ketua Karang Taruna, kata`)
    text = ("ujar Kepala DPMPTSP Provinsi Kalbar Hendra, Rabu (29/7/2020). Kata Kepala Dinas Sosial Kota Bekasi "
            "Sutrisno, Senin (3/8/2020), di kantornya. Ketua Karang Taruna, kata dia.")
    got = found(text, [m(text, "DPMPTSP", "ORG"), m(text, "Provinsi Kalbar Hendra", "LOC"),
                       m(text, "Dinas Sosial Kota Bekasi", "ORG")])
    assert [name for name, label in got if label == "PER"] == ["Hendra", "Sutrisno"]


def test_an_initial_inside_a_name_after_a_title_is_part_of_it():
    # `Panji W Ruky mengatakan`: an initial between a name's words, before its last one
    text = "Kata Direktur Keuangan Panji W Ruky mengatakan itu. Hal ini disebut Kepala BGN Nanik S Deyang."
    got = found(text, [m(text, "BGN", "ORG")])
    assert [name for name, label in got if label == "PER"] == ["Panji W Ruky", "Nanik S Deyang"]


def test_a_name_found_in_part_after_a_titles_place_gets_its_given_names():
    # the office ends with its place (`Indonesia`, `Pekanbaru`); the capitalised words after it and
    # before the model's person are the name's; without a place they may be the office's
    text = ("Kata Direktur Riset Center for Reform on Economics (CORE) Indonesia Piter Abdullah, Sabtu. "
            "Hadir Wali Kota Pekanbaru Agung Nugroho. Hadir Direktur Penerangan Agama Islam Ahmad Zayadi.")
    got = found(text, [m(text, "Indonesia", "LOC"), m(text, "Abdullah", "PER"), m(text, "Pekanbaru", "LOC"),
                       m(text, "Nugroho", "PER"), m(text, "Ahmad Zayadi", "PER")])
    assert [name for name, label in got if label == "PER"] == ["Piter Abdullah", "Agung Nugroho", "Ahmad Zayadi"]


def test_given_names_at_the_end_of_an_organisation_after_its_place_go_to_the_person():
    # `Kota Bogor` ends the office; `Sri Nowo` after it belongs to `Retno`; `Papua Barat Daya` is a place
    text = ("Kata Kepala Dinas Kesehatan Kota Bogor Sri Nowo Retno kemarin. "
            "Hadir Anggota Komisi 2 DPRD Kabupaten Malang Muhammad Ukasyah Ali Murtadlo. Gubernur Papua Barat Daya Elisa Kambu hadir.")
    got = found(text, [m(text, "Dinas Kesehatan Kota Bogor Sri Nowo", "ORG"), m(text, "Retno", "PER"),
                       m(text, "Komisi 2 DPRD Kabupaten Malang Muhammad", "ORG"), m(text, "Ukasyah Ali Murtadlo", "PER"),
                       m(text, "Papua Barat Daya", "LOC"), m(text, "Elisa Kambu", "PER")])
    assert [name for name, label in got if label == "PER"] == ["Sri Nowo Retno", "Muhammad Ukasyah Ali Murtadlo", "Elisa Kambu"]


def test_a_name_the_model_found_only_in_part_is_completed_after_a_title():
    text = "Ujar Deputi Bidang Kelembagaan dan Tata Laksana Kemenpan-RB Nanik Murwati dalam keterangan pers."
    assert found(text, [m(text, "Murwati", "PER")]) == [("Nanik Murwati", "PER")]


def test_an_agency_written_in_other_case_glued_to_a_name_after_a_long_title_is_split():
    text = "Ujar Deputi Bidang Kelembagaan dan Tata Laksana Kemenpan-RB Nanik Murwati dalam keterangan pers."
    got = found(text, [m(text, "Kemenpan-RB Nanik Murwati", "ORG")])
    assert got == [("Kemenpan-RB", "ORG"), ("Nanik Murwati", "PER")]


def test_dateline_dash_splits_and_a_unit_cut_at_dan_is_joined():
    text = "SEMARANG - Tim SMA Negeri 3 Semarang juara OSN yang digelar Kementerian Pendidikan Dasar dan Menengah."
    got = found(text, [m(text, "SEMARANG - Tim SMA Negeri 3 Semarang", "ORG")])
    assert ("Tim SMA Negeri 3 Semarang", "ORG") in got
    assert ("Kementerian Pendidikan Dasar dan Menengah", "ORG") in got


def test_a_two_word_name_after_a_title_typed_loc_becomes_a_person():
    text = "Kepala Dinas Koperasi Kabupaten Banyuwangi, Nanin Oktaviantie, mengatakan itu di Bupati Bogor, Jawa Barat."
    got = found(text, [m(text, "Nanin Oktaviantie", "LOC"), m(text, "Jawa Barat", "LOC")])
    assert ("Nanin Oktaviantie", "PER") in got and ("Jawa Barat", "LOC") in got


def test_a_known_place_replaces_the_pieces_the_model_found():
    text = "Delegasi Uni Emirat Arab dan Bosnia-Herzegovina hadir."
    got = found(text, [m(text, "Uni Emirat", "ORG"), m(text, "Arab", "LOC")])
    assert got == [("Uni Emirat Arab", "LOC"), ("Bosnia-Herzegovina", "LOC")]


def test_a_person_mention_keeps_the_title_out():
    text = "Rapat dihadiri Forum Koordinasi Pimpinan Daerah (Forkopimda), Sekretaris Daerah Aep Surahman, dan warga."
    got = found(text, [m(text, "Forum Koordinasi Pimpinan Daerah (Forkopimda)", "ORG")])
    assert ("Aep Surahman", "PER") in got and not any("Sekretaris" in n for n, label in got if label == "PER")
    got = found(text, [m(text, "Sekretaris Daerah Aep Surahman", "PER")])
    assert [x for x in got if x[1] == "PER"] == [("Aep Surahman", "PER")]


def test_an_organisation_after_a_title_that_swallowed_the_name_is_split():
    text = ("Hadir Plh. Sekjen Kementerian Agama Suyitno, Dirjen Bimas Islam Abu Rokhmad, Kepala Dinas Pendidikan "
            "dan Kebudayaan, dan Kepala Kejaksaan Negeri Kuantan Singingi di Hotel Kuantan Singingi.")
    got = found(text, [m(text, "Kementerian Agama Suyitno", "ORG"), m(text, "Bimas Islam Abu Rokhmad", "ORG"),
                       m(text, "Dinas Pendidikan dan Kebudayaan", "ORG"), m(text, "Kejaksaan Negeri Kuantan Singingi", "ORG"),
                       m(text, "Hotel Kuantan Singingi", "LOC")])
    assert ("Kementerian Agama", "ORG") in got and ("Suyitno", "PER") in got
    assert ("Bimas Islam Abu Rokhmad", "ORG") in got  # no head word: left alone
    assert ("Dinas Pendidikan dan Kebudayaan", "ORG") in got
    assert ("Kejaksaan Negeri Kuantan Singingi", "ORG") in got  # a place the article names


def test_a_split_organisation_keeps_the_place_the_article_names():
    text = "Warga Kuantan Singingi hadir, kata Kasi Intel Kejaksaan Negeri Kuantan Singingi Soenardi."
    got = found(text, [m(text, "Kuantan Singingi", "LOC"), m(text, "Kejaksaan Negeri Kuantan Singingi Soenardi", "ORG")])
    assert got[1:] == [("Kejaksaan Negeri Kuantan Singingi", "ORG"), ("Soenardi", "PER")]


def test_an_agency_and_its_ri_glued_to_a_name_after_a_title_are_split():
    text = "Hadir Wakil Ketua DPD RI Tamsil Linrung dan Ketua DPR RI."
    got = found(text, [m(text, "DPD RI Tamsil Linrung", "ORG"), m(text, "DPR RI", "ORG")])
    assert got == [("DPD RI", "ORG"), ("Tamsil Linrung", "PER"), ("DPR RI", "ORG")]


def test_a_two_word_head_makes_a_unit_and_wali_kota_is_a_title_not_a_place():
    text = "Pembina Umum Karang Taruna Tebing Tinggi, H. Iman Irdian Saragih, hadir. Wali Kota Iman Irdian Saragih berharap."
    got = found(text, [m(text, "Karang", "LOC"), m(text, "Taruna Tebing Tinggi", "PER"), m(text, "H. Iman Irdian Saragih", "PER")])
    assert got == [("Karang Taruna Tebing Tinggi", "ORG"), ("H. Iman Irdian Saragih", "PER"), ("Iman Irdian Saragih", "PER")]


def test_a_unit_ends_at_the_full_stop_of_its_sentence():
    text = "Penghargaan diberikan kepada Pemkab Jepara. Gelar juara diraih Polres Kudus. Hadir pula PT Maju Tbk. Jakarta."
    got = found(text, [m(text, "Jepara", "PER")])
    assert ("Pemkab Jepara", "ORG") in got and ("Polres Kudus", "ORG") in got
    assert not any("Gelar" in t for t, _ in got)


def test_an_organisation_that_opens_with_a_title_keeps_only_the_organisation():
    text = "Hadir Kabid Pemberdayaan Sosial Dinas Sosial Syaputra dan Kabid Poldagri Kesbangpol Rahmat, serta Ketua Umum Pagar Nusa."
    got = found(text, [m(text, "Kabid Pemberdayaan Sosial Dinas Sosial", "ORG"), m(text, "Syaputra", "PER"),
                       m(text, "Kabid Poldagri Kesbangpol", "ORG"), m(text, "Ketua Umum Pagar Nusa", "ORG")])
    assert got[:3] == [("Dinas Sosial", "ORG"), ("Syaputra", "PER"), ("Kesbangpol", "ORG")]
    assert ("Ketua Umum Pagar Nusa", "ORG") in got  # no organisation word after the title: left alone


def test_a_person_read_with_the_place_of_the_title_before_it_is_split():
    text = "Bupati Jepara Witiarso Utomo hadir di Kabupaten Jepara bersama Jepara Sutrisno Adi."
    got = found(text, [m(text, "Jepara Witiarso Utomo", "PER"), m(text, "Kabupaten Jepara", "LOC"),
                       m(text, "Jepara Sutrisno Adi", "PER")])
    assert got == [("Jepara", "LOC"), ("Witiarso Utomo", "PER"), ("Kabupaten Jepara", "LOC"), ("Jepara Sutrisno Adi", "PER")]


def test_a_rank_name_replaces_the_part_the_model_found():
    text = "Kapolres Ponorogo AKBP Andin Wisnu Sudibyo menyebut polisi menangkap tiga tersangka."
    got = found(text, [m(text, "Wisnu Sudibyo", "PER")])
    assert ("Andin Wisnu Sudibyo", "PER") in got and ("Wisnu Sudibyo", "PER") not in got


def test_name_cut_at_dan_is_joined_but_two_ministries_are_not():
    text = "Kementerian Pendidikan Dasar dan Menengah bersama Kementerian Agama dan Kementerian Sosial."
    got = found(text, [m(text, "Kementerian Pendidikan Dasar", "ORG"), m(text, "Kementerian Agama", "ORG")])
    assert ("Kementerian Pendidikan Dasar dan Menengah", "ORG") in got and ("Kementerian Agama", "ORG") in got


def test_nickname_in_parentheses_is_split_off():
    text = "Menteri Sosial Saifullah Yusuf (Gus Ipul) hadir."
    assert found(text, [m(text, "Saifullah Yusuf (Gus Ipul)", "PER")]) == [("Saifullah Yusuf", "PER"), ("Gus Ipul", "PER")]


def test_programmes_titles_and_lower_case_words_are_dropped():
    text = "Raperda RPJMD dibahas, Bupati bermusyawarah dengan detikcom."
    got = found(text, [m(text, "RPJMD", "ORG"), m(text, "Bupati", "PER"), m(text, "bermusyawarah", "PER"),
                       m(text, "detikcom", "ORG")])
    assert got == [("detikcom", "ORG")]


def test_dbpedia_names_fill_gaps_only_and_one_word_persons_are_not_listed():
    text = "Susilo Bambang Yudhoyono dan Megawati Soekarnoputri terbang ke Port Moresby bersama Ani."
    got = found(text, [m(text, "Megawati", "PER")])
    assert ("Susilo Bambang Yudhoyono", "PER") in got and ("Port Moresby", "LOC") in got
    assert ("Megawati", "PER") in got and ("Megawati Soekarnoputri", "PER") not in got  # the model's span stands
    assert all(t != "Ani" for t, _ in got)


def test_a_title_before_a_short_name_in_capitals_is_cut_but_not_before_a_place_or_agency():
    text = "bila Presiden SBY mengambil keputusan , kata Wakil Presiden RI dan Ketua KPK ."
    got = found(text, [m(text, "Presiden SBY", "PER"), m(text, "Wakil Presiden RI", "PER"), m(text, "Ketua KPK", "PER")])
    assert ("SBY", "PER") in got
    assert ("RI", "PER") not in got and ("KPK", "PER") not in got


def test_short_minister_titles_stay_outside_the_name():
    text = "Menhub Ignasius Jonan menyampaikan aturan , Menpora Dito Ariotedjo setuju ."
    got = found(text, [m(text, "Menhub Ignasius Jonan", "PER"), m(text, "Menpora Dito Ariotedjo", "PER")])
    assert got == [("Ignasius Jonan", "PER"), ("Dito Ariotedjo", "PER")]


def test_acronym_in_brackets_at_the_end_is_split_off():
    text = "Daniel menyebut Koalisi Indonesia Hebat ( KIH ) dan Komisi Pemilihan Umum (KPU) ."
    got = found(text, [m(text, "Koalisi Indonesia Hebat ( KIH )", "ORG"), m(text, "Komisi Pemilihan Umum (KPU)", "ORG")])
    assert ("Koalisi Indonesia Hebat", "ORG") in got and ("KIH", "ORG") in got
    assert ("Komisi Pemilihan Umum", "ORG") in got and ("KPU", "ORG") in got
    assert not any("(" in t for t, _ in got)
    text = "Kampus Universitas Indonesia ( Depok ) ramai."
    assert found(text, [m(text, "Universitas Indonesia ( Depok )", "ORG")]) == [("Universitas Indonesia", "ORG"), ("Depok", "LOC")]


def test_brackets_that_are_part_of_the_name_stay():
    text = "Direksi PT PLN ( Persero ) hadir."
    assert found(text, [m(text, "PT PLN ( Persero )", "ORG")]) == [("PT PLN ( Persero )", "ORG")]


def test_spaced_nickname_has_exact_offsets():
    text = "Gubernur Basuki Tjahaja Purnama ( Ahok ) hadir."
    got = apply_rules(text, [m(text, "Basuki Tjahaja Purnama ( Ahok )", "PER")])
    assert [(x.text, x.label) for x in got] == [("Basuki Tjahaja Purnama", "PER"), ("Ahok", "PER")]
    assert all(text[x.start:x.end] == x.text for x in got)


def test_the_short_form_of_a_common_noun_is_not_a_name():
    text = "Dana naik. Belanja pemerintah pusat (BPP) tersalurkan, juga tembok penahan tanah (TPT) rusak."
    assert found(text, [m(text, "BPP", "ORG"), m(text, "TPT", "ORG")]) == []
    text = "Laporan ke Komisi Pemberantasan Korupsi (KPK) dan dana (BPP) itu."
    assert found(text, [m(text, "Komisi Pemberantasan Korupsi", "ORG"), m(text, "KPK", "ORG"),
                        m(text, "BPP", "ORG")]) == [("Komisi Pemberantasan Korupsi", "ORG"), ("KPK", "ORG"),
                                                    ("BPP", "ORG")]


def test_no_name_runs_across_a_line_break():
    text = ("Dua tersangka diamankan, yakni Jepri dan Ardi\nKasus pertama terjadi di Desa Ngunang.\n"
            "Dari Menhan Sjafrie\nPameran industri pertahanan dibuka.\nEditor\nBudi Santoso")
    got = found(text, [m(text, "Ardi\nKasus", "PER"), m(text, "Sjafrie\nPameran", "PER"),
                       m(text, "Editor\nBudi Santoso", "PER")])
    assert ("Ardi", "PER") in got and ("Sjafrie", "PER") in got and ("Budi Santoso", "PER") in got
    assert not any("\n" in name or name in ("Kasus", "Pameran", "Editor") for name, _ in got)


# Each rule of RULES on its own, with an example where it changes the mentions
RULE_CASES = yaml.safe_load((Path(__file__).parent / "mention_rules.yaml").read_text(encoding="utf-8"))


def by_position(found_mentions) -> list[tuple[str, str]]:
    return [(x.text, x.label) for x in sorted(found_mentions, key=lambda x: (x.start, x.end))]


def test_each_rule_has_a_docstring_example_and_a_case():
    names = [rule.__name__ for rule in RULES]
    assert len(set(names)) == len(names) and list(RULE_CASES) == names
    assert all(rule.__doc__ and "``" in rule.__doc__ for rule in RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.__name__)
def test_each_rule_changes_the_mentions_of_its_case(rule):
    case = RULE_CASES[rule.__name__]
    text, expected = case["text"], [(words, label) for label, words in case["after"]]
    before = [m(text, words, label, *nth) for label, words, *nth in case["given"]]
    ctx = RuleContext.build(text, before, known_places=case.get("places", ()))
    assert by_position(rule(text, before, ctx)) == expected
    assert by_position(before) != expected  # the case is one the rule exists for


def test_a_portfolio_noun_after_a_title_opens_no_name():
    # a noun of a field made with a confix (ke-...-an, pe(r)-...-an) right after a title is the
    # title's portfolio, whichever rule or the model put it in front of the name; with no name
    # after it the mention is no person
    text = ("Hal itu disampaikan Menteri Ketenagakerjaan Yassierli di Jakarta. Kata Direktur Jenderal Keamanan "
            "Publik Franz Ruf kemarin. Direktur Utama BPJS Kesehatan mengatakan itu. Kata Pezeshkian kemarin.")
    got = found(text, [m(text, "Keamanan Publik Franz Ruf", "PER"), m(text, "BPJS", "ORG"), m(text, "Kesehatan", "PER"),
                       m(text, "Pezeshkian", "PER")])
    assert [name for name, label in got if label == "PER"] == ["Yassierli", "Franz Ruf", "Pezeshkian"]


def test_a_month_name_before_a_person_after_an_office_is_the_first_given_name():
    # no office is named with a month: `Juli` between the office and the model's `Oktarina` opens
    # the name; after a number it is a date's (`17 Juli`)
    # after a number word, or inside an organisation's name, it is not (`Universitas Sebelas Maret`)
    text = ("Direktur TBS Energi Utama Juli Oktarina menjelaskan itu. Pada 17 Juli Prabowo datang. "
            "Rektor Universitas Sebelas Maret Hartono hadir. Pada tanggal sebelas Juli Budi datang.")
    got = found(text, [m(text, "Oktarina", "PER"), m(text, "Prabowo", "PER"),
                       m(text, "Universitas Sebelas Maret", "ORG"), m(text, "Hartono", "PER"), m(text, "Budi", "PER")])
    assert [name for name, label in got if label == "PER"] == ["Juli Oktarina", "Prabowo", "Hartono", "Budi"]


def test_english_titles_and_the_organisation_after_one_are_no_name():
    # `Director` is a title's word; a run that ends with a known place or a maker's name is the
    # organisation (`Motul Indonesia dalam`, `CEO Xiaomi mengatakan`); a run before an English
    # joining word and capitalised words is the title's (`Retail Distribution and Business ...`),
    # and so is one before a second office (`Gaikindo merangkap Ketua Panitia ...`)
    text = ("Kata Presiden Director of Indomobil Group Jusak Kertowidjojo kemarin. Ujar Welmart Purba, National Sales "
            "Director Motul Indonesia dalam keterangan. Lei Jun selaku CEO Xiaomi mengatakan itu. Head of Retail "
            "Distribution and Business Development MNC Sekuritas Luqman Hakiem hadir. Kata Ketua III Gaikindo merangkap "
            "Ketua Panitia GIIAS, Rizwan Alamsjah.")
    got = found(text, [m(text, "Jusak Kertowidjojo", "PER"), m(text, "Welmart Purba", "PER"), m(text, "Lei Jun", "PER"),
                       m(text, "MNC Sekuritas", "ORG"), m(text, "Luqman Hakiem", "PER"), m(text, "Rizwan Alamsjah", "PER")])
    assert [name for name, label in got if label == "PER"] == ["Jusak Kertowidjojo", "Welmart Purba", "Lei Jun", "Luqman Hakiem",
                                                               "Rizwan Alamsjah"]


def test_in_a_list_of_titled_persons_a_long_run_after_a_title_ends_with_the_name():
    # a run after a title too long for a name, before the next titled item, is the organisation
    # and the name (its last two words); not before anything else
    text = ("Hadir Store Manager Gramedia Raden Intan Bernand Tarigan, Store Manager Gramedia Mall Boemi Kedaton "
            "Gilang Pratama, dan warga. Kata Direktur Toko Buku Gramedia Raden Intan Bernand Tarigan, kemarin.")
    got = found(text, [m(text, "Gramedia Mall Boemi Kedaton", "LOC"), m(text, "Gilang Pratama", "PER")])
    assert [name for name, label in got if label == "PER"] == ["Bernand Tarigan", "Gilang Pratama"]


def test_an_office_between_commas_after_an_office_is_no_name():
    # `, Menteri Kehutanan,` in a list of offices: a title with no name after it is no person
    text = ("Hadir Menteri Energi dan Sumber Daya Mineral, Menteri Lingkungan Hidup, Menteri Kehutanan, dan Sekretaris "
            "Kabinet. Kata Ketua Karang Taruna, Asnawi Mangkualam, kemarin.")
    got = found(text, [])
    assert [name for name, label in got if label == "PER"] == ["Asnawi Mangkualam"]


def test_the_rank_word_that_ends_a_title_opens_no_name():
    # `Jenderal` of `Direktur Jenderal` is the title's, not a rank before the name: the portfolio
    # after it is no part of the person; the rank of a police general still is one
    text = "Kata Direktur Jenderal Pajak Bimo Wijayanto kemarin. Kata Kapolda Metro Jaya Inspektur Jenderal Fadil Imran."
    got = found(text, [m(text, "Bimo Wijayanto", "PER"), m(text, "Fadil Imran", "PER")])
    assert [name for name, label in got if label == "PER"] == ["Bimo Wijayanto", "Fadil Imran"]


def test_only_the_rank_word_that_ends_an_office_is_part_of_it():
    text = "Kata Direktur Kombes Ade Safri Simanjuntak dan Kapolri Jenderal Listyo Sigit Prabowo di Direktorat Jenderal Pajak."
    got = found(text, [m(text, "Kombes Ade Safri Simanjuntak", "ORG"), m(text, "Listyo Sigit Prabowo", "PER"),
                       m(text, "Direktorat Jenderal Pajak", "ORG")])
    assert got == [("Ade Safri Simanjuntak", "PER"), ("Listyo Sigit Prabowo", "PER"), ("Direktorat Jenderal Pajak", "ORG")]


def test_a_common_nouns_short_form_in_spaced_brackets_is_no_name_either():
    text = "Belanja pemerintah pusat ( BPP ) naik. BPP itu besar."
    assert found(text, [m(text, "BPP", "ORG"), m(text, "BPP", "ORG", 1)]) == []
