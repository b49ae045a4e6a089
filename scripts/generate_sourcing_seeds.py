"""Writes seeds/sourcing_*.json: the 30 localisation items, suppliers (the real companies of
../shared/reference with their public facts and sources, plus clearly synthetic ones), demo demands
and demo pipelines. Deterministic (fixed random seed): `python scripts/generate_sourcing_seeds.py`.

Facts of real companies come only from the reference files; their certifications and capacities not
stated there are demo values marked `illustrative` (never presented as public facts).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

HK = "https://www.hankyung.com/article/2020113074371"
INCHEONILBO_CELLTRION = "http://www.incheonilbo.com/news/articleView.html?idxno=1011082"

def spec(key, label, unit, lo, hi):
    return {"key": key, "label": label, "unit": unit, "min": lo, "max": hi}

# code, ko, en, category, typical specs, required evidence, annual import KRW (estimate unless noted),
# sources, note
MATERIALS = [
    ("CELL_CULTURE_MEDIA", "세포배양 배지", "Cell culture media", "MEDIA",
     [spec("osmolality", "osmolality", "mOsm/kg", 260, 340), spec("ph", "pH", "pH", 6.8, 7.6),
      spec("endotoxin", "endotoxin", "EU/mL", 0, 0.5)],
     ["GMP", "BSE_TSE_FREE", "DMF", "USP_85_ENDOTOXIN", "CHANGE_NOTIFICATION"], 250_000_000_000,
     [HK, "http://sisarecord.com/news/articleView.html?idxno=11077", "https://m.mbn.co.kr/news/economy/3896558"],
     "Named in Incheon's 30-item list (세포배양 배지)"),
    ("VIRUS_FILTER", "바이러스 필터", "Virus filter", "FILTRATION",
     [spec("pore_size", "nominal pore size", "nm", 15, 35), spec("lrv", "virus log reduction (parvovirus)", "LRV", 4, 6),
      spec("filter_area", "filter area", "m2", 0.001, 4)],
     ["GMP", "USP_88_CLASS_VI", "USP_85_ENDOTOXIN", "BIOPHORUM_EXTRACTABLES", "CHANGE_NOTIFICATION"], 120_000_000_000,
     [HK, "https://db.koreascholar.com/Article/Detail/388132"], "Named in Incheon's 30-item list (바이러스 필터)"),
    ("CIP_CLEANING_AGENT", "세정제 (CIP)", "Cleaning agent (CIP detergent)", "CLEANING",
     [spec("ph", "pH of use solution", "pH", 0.5, 13.5), spec("toc_residue", "TOC residue", "ppm", 0, 1)],
     ["GMP", "ISO_9001", "CHANGE_NOTIFICATION"], 30_000_000_000,
     [HK, "https://hankyung.com/article/2018072301731", "https://hankyung.com/article/2020112513581"],
     "Named in Incheon's 30-item list (세정제); acid (phosphoric) and alkaline (KOH) types"),
    ("CELL_CULTURE_BAG", "일회용 세포배양백", "Single-use cell culture bag", "SINGLE_USE",
     [spec("volume", "nominal volume", "L", 0.05, 50), spec("film_thickness", "film thickness", "um", 200, 400)],
     ["ISO_14644", "USP_88_CLASS_VI", "ISO_10993", "BIOPHORUM_EXTRACTABLES", "CHANGE_NOTIFICATION"], 60_000_000_000,
     [HK, "https://ajunews.com/view/20220417105939971", "https://kyeongin.com/article/1581525"],
     "Named in Incheon's 30-item list (세포배양백)"),
    ("ENV_MONITORING_MEDIA", "환경배지", "Environmental monitoring media", "MEDIA",
     [spec("shelf_life", "shelf life", "months", 3, 12), spec("growth_promotion", "growth promotion recovery", "%", 50, 200)],
     ["GMP", "ISO_9001", "CHANGE_NOTIFICATION"], 10_000_000_000,
     [INCHEONILBO_CELLTRION],
     "Celltrion briefing 2019-12-13: 환경배지 alone worth '100억원 단위' (import value from that source)"),
    ("VIAL", "바이알", "Glass vials", "PRIMARY_PACKAGING",
     [spec("volume", "nominal volume", "mL", 2, 200), spec("hydrolytic_class", "hydrolytic resistance type", "pcs", 1, 1)],
     ["GMP", "DMF", "ISO_14644", "CHANGE_NOTIFICATION"], 40_000_000_000,
     [INCHEONILBO_CELLTRION, "https://chosun.com/economy/industry-company/2023/12/08/2MJN322OZNDB7LVLQKI35QHD2U/"],
     "Celltrion briefing names vials (동신관유리공업 supplies them)"),
    ("AMPOULE", "앰플", "Glass ampoules", "PRIMARY_PACKAGING",
     [spec("volume", "nominal volume", "mL", 1, 20)], ["GMP", "DMF", "CHANGE_NOTIFICATION"], 8_000_000_000,
     [INCHEONILBO_CELLTRION], "Named with vials in the Celltrion briefing"),
    ("BOROSILICATE_TUBING", "붕규산 유리관", "Borosilicate glass tubing (for vials)", "PRIMARY_PACKAGING",
     [spec("outer_diameter", "outer diameter", "mm", 8, 50), spec("wall_thickness", "wall thickness", "mm", 0.5, 2)],
     ["ISO_9001", "DMF", "CHANGE_NOTIFICATION"], 35_000_000_000,
     ["https://hankyung.com/amp/2023111574841", "https://cerazine.net/news/view.php?idx=30763&mcode=m752m5t"],
     "~10,700 t/yr borosilicate tubing imported"),
    ("RUBBER_STOPPER", "고무마개", "Elastomeric stoppers and closures", "PRIMARY_PACKAGING",
     [spec("diameter", "diameter", "mm", 13, 32), spec("endotoxin", "endotoxin", "EU/mL", 0, 0.25)],
     ["GMP", "DMF", "USP_88_CLASS_VI", "ISO_14644", "CHANGE_NOTIFICATION"], 25_000_000_000,
     ["http://www.incheonilbo.com/news/articleView.html?idxno=1236325"], "포장용기와 마개 (containers and closures)"),
    ("PRIMARY_CONTAINER", "포장용기 (보틀·카보이)", "Containers (bottles, carboys)", "PRIMARY_PACKAGING",
     [spec("volume", "nominal volume", "L", 0.125, 20)],
     ["ISO_14644", "USP_88_CLASS_VI", "USP_85_ENDOTOXIN", "CHANGE_NOTIFICATION"], 15_000_000_000,
     ["http://www.incheonilbo.com/news/articleView.html?idxno=1236325"], "포장용기와 마개 (containers and closures)"),
    ("SYRINGE", "주사기 (프리필드 포함)", "Syringes (incl. prefilled)", "PRIMARY_PACKAGING",
     [spec("volume", "nominal volume", "mL", 0.5, 5)], ["GMP", "ISO_13485", "DMF", "ISO_10993", "CHANGE_NOTIFICATION"],
     45_000_000_000, ["https://hankyung.com/amp/202001278884i"], "세정제, 필터, 주사기 (Bio-Health Valley plan)"),
    ("STERILE_FILTER", "제약용 멸균필터", "Sterilising-grade filters", "FILTRATION",
     [spec("pore_size", "pore size", "um", 0.1, 0.22), spec("filter_area", "filter area", "m2", 0.001, 2)],
     ["GMP", "USP_88_CLASS_VI", "USP_85_ENDOTOXIN", "BIOPHORUM_EXTRACTABLES", "CHANGE_NOTIFICATION"], 90_000_000_000,
     ["https://hankyung.com/amp/202001278884i", "http://www.24news.kr/news/articleView.html?idxno=207981"],
     "filters (Bio-Health Valley plan; Sartorius Songdo plant)"),
    ("PROTEIN_A_RESIN", "항체 정제용 레진 (Protein A)", "Antibody-purification (Protein A) resin", "CHROMATOGRAPHY",
     [spec("dbc", "dynamic binding capacity", "g/L_resin", 30, 80), spec("particle_size", "mean particle size", "um", 45, 90)],
     ["GMP", "DMF", "BSE_TSE_FREE", "CHANGE_NOTIFICATION"], 150_000_000_000,
     ["http://sisarecord.com/news/articleView.html?idxno=11077", "https://etnews.com/20231207000148"],
     "항체 정제용 레진 (Purio-gen); resins named in the national core-item selection"),
    ("ION_EXCHANGE_RESIN", "이온교환 수지", "Ion-exchange chromatography resin", "CHROMATOGRAPHY",
     [spec("particle_size", "mean particle size", "um", 30, 100), spec("ionic_capacity", "ionic capacity", "mg/mL_resin", 50, 200)],
     ["GMP", "DMF", "CHANGE_NOTIFICATION"], 40_000_000_000, ["http://sisarecord.com/news/articleView.html?idxno=11077"],
     "이온교환 수지 (Purio-gen)"),
    ("SU_TUBING", "싱글유즈 튜빙", "Single-use tubing", "SINGLE_USE",
     [spec("inner_diameter", "inner diameter", "mm", 1.6, 25.4), spec("hardness", "hardness", "ShoreA", 50, 80)],
     ["USP_88_CLASS_VI", "ISO_10993", "BIOPHORUM_EXTRACTABLES", "ISO_14644", "CHANGE_NOTIFICATION"], 30_000_000_000,
     ["https://www.fntimes.com/html/view.php?ud=2018120510215830857de3572ddd_18"], "싱글유즈 튜빙, 필터, 호스"),
    ("SU_CONNECTOR", "싱글유즈 커넥터", "Single-use connectors and hoses", "SINGLE_USE",
     [spec("size", "hose barb size", "mm", 3, 25)], ["USP_88_CLASS_VI", "BIOPHORUM_EXTRACTABLES", "CHANGE_NOTIFICATION"],
     20_000_000_000, ["https://www.fntimes.com/html/view.php?ud=2018120510215830857de3572ddd_18"], "connectors/hoses"),
    ("SU_BIOPROCESS_BAG", "싱글유스 바이오공정백", "Single-use bioprocess bag (2D/3D)", "SINGLE_USE",
     [spec("volume", "nominal volume", "L", 1, 3000), spec("film_thickness", "film thickness", "um", 250, 450)],
     ["ISO_14644", "USP_88_CLASS_VI", "ISO_10993", "BIOPHORUM_EXTRACTABLES", "CHANGE_NOTIFICATION"], 130_000_000_000,
     ["https://ajunews.com/view/20231206132456100", "https://www.biophorum.com/ufaqs/what-is-the-recommended-study-design-for-bags/"],
     "KR single-use bag market ~130B KRW (2023 est., ajunews) used as the import value"),
    ("SPECIAL_RUBBER_SEAL", "특수고무 가스켓·씰", "Special-rubber gaskets and seals", "COMPONENTS",
     [spec("hardness", "hardness", "ShoreA", 60, 80), spec("max_temperature", "max service temperature", "degC", 121, 150)],
     ["USP_88_CLASS_VI", "ISO_9001", "CHANGE_NOTIFICATION"], 12_000_000_000,
     ["https://ajunews.com/view/20220417105939971"], "특수고무 (한일화학고무공업 rubber raw-material certification)"),
    ("BIO_PLASTIC_PARTS", "바이오 플라스틱 부품", "Bio-grade plastic parts", "COMPONENTS",
     [spec("wall_thickness", "wall thickness", "mm", 0.5, 5)], ["USP_88_CLASS_VI", "ISO_10993", "ISO_14644"],
     10_000_000_000, ["https://ajunews.com/view/20220417105939971"], "바이오 플라스틱"),
    ("TRIS_HIGH_PURITY", "고순도 TRIS", "High-purity TRIS (buffer component)", "CHEMICALS",
     [spec("purity", "assay purity", "%", 99.5, 100), spec("endotoxin", "endotoxin", "EU/mL", 0, 0.5)],
     ["GMP", "DMF", "BSE_TSE_FREE", "CHANGE_NOTIFICATION"], 8_000_000_000, ["https://etnews.com/20231207000148"],
     "Hanwha Global developing high-purity TRIS"),
    ("DISINFECTANT", "소독제", "Disinfectants (cleanroom)", "CLEANING",
     [spec("log_kill", "log reduction (spores)", "LRV", 3, 6)], ["GMP", "ISO_9001"], 12_000_000_000,
     ["https://hankyung.com/article/2018072301731"], "BIOCS reactor cleaning agents & disinfectants"),
    ("SAMPLING_CONTAINER", "제품 샘플 채취 용기", "Product sampling containers and bags", "SINGLE_USE",
     [spec("volume", "nominal volume", "mL", 10, 1000)], ["ISO_14644", "USP_88_CLASS_VI", "USP_85_ENDOTOXIN"],
     6_000_000_000, ["https://www.hankyung.com/it/article/202105303291Y"],
     "use category 'product sampling' of the 30 items"),
    ("DEPTH_FILTER", "뎁스 필터", "Depth filters (clarification)", "FILTRATION",
     [spec("filter_area", "filter area", "m2", 0.02, 10), spec("nominal_rating", "nominal rating", "um", 0.1, 10)],
     ["GMP", "USP_88_CLASS_VI", "BIOPHORUM_EXTRACTABLES", "CHANGE_NOTIFICATION"], 35_000_000_000, [], ""),
    ("TFF_CASSETTE", "한외여과 카세트 (TFF)", "Ultrafiltration / TFF cassettes", "FILTRATION",
     [spec("mwco", "molecular weight cut-off", "kDa", 3, 300), spec("filter_area", "membrane area", "m2", 0.05, 3.5)],
     ["GMP", "USP_88_CLASS_VI", "BIOPHORUM_EXTRACTABLES", "CHANGE_NOTIFICATION"], 30_000_000_000, [], ""),
    ("FEED_SUPPLEMENT", "피드 배지·첨가물", "Feeds and cell culture supplements", "MEDIA",
     [spec("osmolality", "osmolality", "mOsm/kg", 300, 1500)], ["GMP", "BSE_TSE_FREE", "DMF", "CHANGE_NOTIFICATION"],
     70_000_000_000, [], ""),
    ("BUFFER_SALTS", "완충제 원료 (인산염 등)", "Buffer salts (phosphates, acetates)", "CHEMICALS",
     [spec("purity", "assay purity", "%", 99, 100)], ["GMP", "ISO_9001", "CHANGE_NOTIFICATION"], 15_000_000_000, [], ""),
    ("SU_SENSOR", "일회용 센서 (pH·DO)", "Single-use sensors (pH, DO)", "SINGLE_USE",
     [spec("ph_range_low", "lowest measurable pH", "pH", 2, 6)], ["USP_88_CLASS_VI", "ISO_10993", "BIOPHORUM_EXTRACTABLES"],
     10_000_000_000, [], ""),
    ("CLEANROOM_GARMENT", "무진복", "Cleanroom garments", "CLEANROOM",
     [spec("particle_class", "cleanroom class of use", "pcs", 5, 8)], ["ISO_14644", "ISO_9001"], 9_000_000_000, [], ""),
    ("CLEANROOM_WIPER", "클린룸 와이퍼", "Cleanroom wipers", "CLEANROOM",
     [spec("particle_class", "cleanroom class of use", "pcs", 5, 8)], ["ISO_14644", "ISO_9001"], 5_000_000_000, [], ""),
    ("PREPACKED_COLUMN", "프리팩 크로마토그래피 컬럼", "Pre-packed chromatography columns", "CHROMATOGRAPHY",
     [spec("bed_volume", "bed volume", "L", 0.001, 50)], ["GMP", "DMF", "CHANGE_NOTIFICATION"], 20_000_000_000, [], ""),
]
assert len(MATERIALS) == 30

ZONE_ADDRESSES = {
    "SONGDO": ["인천광역시 연수구 송도동", "인천광역시 연수구 송도과학로"],
    "NAMDONG": ["인천광역시 남동구 남동서로", "인천광역시 남동구 고잔로", "인천광역시 남동구 앵고개로"],
    "OTHER_INCHEON": ["인천광역시 서구 가좌동", "인천광역시 부평구 청천동", "인천광역시 서구 청라동"],
    "OUTSIDE_INCHEON": ["경기도 화성시 향남읍", "충청북도 청주시 흥덕구 오송읍", "대전광역시 유성구", "경기도 시흥시",
                        "울산광역시 남구", "경기도 안산시 단원구", "강원특별자치도 춘천시", "경상북도 안동시"],
}
COMMON_CUSTOMERS = ["Samsung Biologics", "Celltrion", "Lotte Biologics", "SK bioscience", "Samsung Bioepis",
                    "DM Bio", "Binex", "GC Biopharma", "Hanmi Pharm"]

# Real companies (organisation codes of seeds/institutions.json): facts only from the reference files.
REAL = [
    {"org": "MERCK_KOREA", "zone": "SONGDO", "sources": ["https://busan.fnnews.com/news/201907241537429616",
     "https://kyeongin.com/article/1430974", "https://m.mbn.co.kr/news/economy/3896558"],
     "description": "Korea Life Science Operations HQ in Songdo 5-gonggu (8,319 m2, 26B KRW, 2019) manufactures cell culture media; M Lab Collaboration Center since Oct 2016.",
     "reference_customers": [], "products": [("CELL_CULTURE_MEDIA", "세포배양 배지", "Cell culture media (Songdo)", None, None)]},
    {"org": "SARTORIUS_KOREA", "zone": "SONGDO", "sources": ["http://www.24news.kr/news/articleView.html?idxno=207981",
     "https://etnews.com/20230215000063", "https://stock.mk.co.kr/news/view/37267"],
     "description": "USD 300M Songdo plant (211-1 Songdo-dong, 24,434 m2) for single-use bags, cell culture media and pharma filters; groundbreaking 2023-02-14, completion 2025.",
     "reference_customers": [], "products": [
        ("SU_BIOPROCESS_BAG", "일회용 바이오공정백", "Single-use bioprocess bags", None, None),
        ("CELL_CULTURE_MEDIA", "세포배양 배지", "Cell culture media", None, None),
        ("STERILE_FILTER", "제약용 필터", "Pharmaceutical filters", None, None)]},
    {"org": "AMICOGEN", "zone": "SONGDO", "sources": ["http://sisarecord.com/news/articleView.html?idxno=11077"],
     "description": "BeyondCell media plant in Songdo (~100 t/yr powder, ~1/3 of major domestic demand) and Purio-gen resin plant in Yeosu (~10,000 L/yr incl. antibody-purification and ion-exchange resins); plants completed 2024-06.",
     "reference_customers": [], "products": [
        ("CELL_CULTURE_MEDIA", "세포배양 배지 (비욘드셀)", "Cell culture media powder (BeyondCell)", (8333, "kg"), "public: ~100 t/yr powder"),
        ("PROTEIN_A_RESIN", "항체 정제용 레진 (퓨리오젠)", "Antibody-purification resin (Purio-gen)", (830, "L"), "public: ~10,000 L/yr resin in total"),
        ("ION_EXCHANGE_RESIN", "이온교환 수지 (퓨리오젠)", "Ion-exchange resin (Purio-gen)", None, None)]},
    {"org": "BIOCS", "zone": "OUTSIDE_INCHEON", "sources": ["https://hankyung.com/article/2020112513581",
     "https://hankyung.com/article/2018072301731", "http://biocs.co.kr/kr/sub/customer/board_cadalog.php?mode=v&idx=88&startPage=0&code=notice"],
     "description": "Founded 2016-08; reactor cleaning agents (acid, phosphoric; alkaline, KOH) and disinfectants; first domestic raw/subsidiary-material supplier contract with Samsung Biologics (2018-07-12). Location not stated in the sources (zone is a placeholder).",
     "reference_customers": ["Samsung Biologics", "Hanmi", "Peptron"], "products": [
        ("CIP_CLEANING_AGENT", "반응기 세정제 (산성·알칼리)", "Reactor cleaning agents (acid / alkaline)", None, None),
        ("DISINFECTANT", "소독제", "Disinfectants", None, None)]},
    {"org": "DONGSHIN_GLASS", "zone": "OTHER_INCHEON", "sources": [
     "https://chosun.com/economy/industry-company/2023/12/08/2MJN322OZNDB7LVLQKI35QHD2U/", "https://hankyung.com/amp/2023111574841",
     INCHEONILBO_CELLTRION],
     "description": "Founded 1969 in Incheon Seo-gu; ~240M vials/yr (2-200 mL), ~35% of the Korean vial market; 2022 sales 27.4B KRW; vials used by Celltrion for over 10 years; glass tubing imported.",
     "reference_customers": ["Samsung Biologics", "Celltrion"], "products": [
        ("VIAL", "바이알 (2-200 mL)", "Glass vials (2-200 mL)", (20_000, "kpcs"), "public: ~240M vials/yr"),
        ("AMPOULE", "앰플", "Glass ampoules", None, None)]},
    {"org": "ECOMASS", "zone": "OTHER_INCHEON", "sources": ["https://kyeongin.com/article/1581525", "https://ajunews.com/view/20220417105939971"],
     "description": "Film/plastic moulding SME in Incheon Seo-gu; entered bio via Incheon's localisation consulting; clean-room production of single-use cell culture bags opened 2022-03-24.",
     "reference_customers": [], "products": [("CELL_CULTURE_BAG", "일회용 세포배양백", "Single-use cell culture bags", None, None)]},
    {"org": "HANIL_RUBBER", "zone": "OTHER_INCHEON", "sources": ["https://ajunews.com/view/20220417105939971"],
     "description": "Special-rubber maker in Incheon; obtained raw-material certification and was preparing supply to biopharma demand companies (2022).",
     "reference_customers": [], "products": [("SPECIAL_RUBBER_SEAL", "특수고무 가스켓·씰", "Special-rubber gaskets and seals", None, None)]},
    {"org": "WIATEC", "zone": "OTHER_INCHEON", "sources": ["https://m.kgnews.co.kr/news/article.html?no=677843"],
     "description": "Supplier participant at the 2021 Incheon localisation meeting (with Amicogen, Dongshin Glass, Hanil Chemical Rubber). Products not stated in the sources: no products listed.",
     "reference_customers": [], "products": []},
]

# Fictional companies already in seeds/institutions.json (marked fictional there).
FICTIONAL_EXISTING = {
    "GAON_FILTECH": ["DEPTH_FILTER", "STERILE_FILTER"], "SEOHAE_POLYTECH": ["SU_BIOPROCESS_BAG", "CELL_CULTURE_BAG"],
    "HANGYEOL_PRECISION": ["SU_CONNECTOR"], "NURI_MEDICHEM": ["CELL_CULTURE_MEDIA", "BUFFER_SALTS", "FEED_SUPPLEMENT"],
    "CHEONGRAM_SILICONE": ["SU_TUBING"], "MIR_RESINTECH": ["PROTEIN_A_RESIN", "ION_EXCHANGE_RESIN"],
    "SOLBIT_SEALTECH": ["SPECIAL_RUBBER_SEAL", "RUBBER_STOPPER"], "ARAM_CLEANTECH": ["CLEANROOM_WIPER", "CLEANROOM_GARMENT", "ENV_MONITORING_MEDIA"],
    "CHEONGNA_BIOPACK": ["PRIMARY_CONTAINER", "SAMPLING_CONTAINER"],
}

SYLLABLES_KO = ["한빛", "새움", "다온", "미래", "바른", "푸른", "온누리", "하람", "세진", "대한", "동방", "가람", "태성", "유진",
                "정우", "해든", "누리", "은성", "청솔", "라온", "도담", "아름", "보람", "시온", "winning"]
ROMAN = {"한빛": "Hanbit", "새움": "Saeum", "다온": "Daon", "미래": "Mirae", "바른": "Bareun", "푸른": "Pureun",
         "온누리": "Onnuri", "하람": "Haram", "세진": "Sejin", "대한": "Daehan", "동방": "Dongbang", "가람": "Garam",
         "태성": "Taesung", "유진": "Yujin", "정우": "Jungwoo", "해든": "Haeden", "누리": "Nuri", "은성": "Eunsung",
         "청솔": "Cheongsol", "라온": "Raon", "도담": "Dodam", "아름": "Areum", "보람": "Boram", "시온": "Sion"}
SUFFIX = {"MEDIA": ("바이오사이언스", "Bioscience"), "FILTRATION": ("필터텍", "Filtech"), "CLEANING": ("케미칼", "Chemical"),
          "SINGLE_USE": ("바이오팩", "Biopack"), "PRIMARY_PACKAGING": ("팩키징", "Packaging"), "CHROMATOGRAPHY": ("레진", "Resin"),
          "COMPONENTS": ("폴리머", "Polymer"), "CHEMICALS": ("파인켐", "Finechem"), "CLEANROOM": ("클린", "Clean")}


def main() -> None:
    rnd = random.Random(5)
    by_code = {m[0]: m for m in MATERIALS}
    materials = [{
        "code": code, "name_ko": ko, "name_en": en, "category": cat, "typical_specs": specs,
        "required_evidence": evidence, "annual_import_krw": value,
        "import_value_estimated": code not in ("ENV_MONITORING_MEDIA", "SU_BIOPROCESS_BAG"),
        "sources": sources, "source_note": note or "Not named by a public source: a realistic item completing the 30 (estimated).",
    } for code, ko, en, cat, specs, evidence, value, sources, note in MATERIALS]

    def product_for(code: str, name_ko: str, name_en: str, capacity=None, capacity_note=None, synthetic=True, n=0):
        m = by_code[code]
        specs = []
        for s in m[4]:
            lo, hi = s["min"], s["max"]
            value = round(lo + (hi - lo) * rnd.uniform(0.1, 0.9), 3)
            specs.append({"key": s["key"], "value": value, "unit": s["unit"]})
        unit = {"MEDIA": "kg", "CHEMICALS": "kg", "CLEANING": "L", "CHROMATOGRAPHY": "L"}.get(m[3], "pcs")
        if capacity is None:
            capacity = (round(rnd.choice([50, 100, 200, 500, 1000, 2000, 5000]) * (1 if unit != "pcs" else 20)), unit)
        p = {"source_id": f"{code}-{n}", "material": code, "name_ko": name_ko, "name_en": name_en,
             "description": capacity_note or "", "specs": specs,
             "lead_time_days": rnd.choice([14, 21, 30, 45, 60, 90]),
             "minimum_order": None}
        if capacity:
            p["monthly_capacity"], p["capacity_unit"] = capacity
        return p

    def certs_for(products: list[dict], illustrative: bool, expiry_pool: list[str]) -> list[dict]:
        kinds = {"ISO_9001"}
        for p in products:
            for kind in by_code[p["material"]][5]:
                if rnd.random() < 0.75:
                    kinds.add(kind)
        out = []
        for i, kind in enumerate(sorted(kinds)):
            c = {"source_id": f"cert-{i}", "kind": kind, "expires_on": rnd.choice(expiry_pool),
                 "reference": f"DEMO-{kind}-{rnd.randint(1000, 9999)}", "illustrative": illustrative}
            if kind == "ISO_14644":
                c["iso_class"] = rnd.choice([5, 7, 7, 8])
            out.append(c)
        return out

    expiry_pool = ["2027-02-28", "2027-09-30", "2028-03-31", "2028-06-30", "2028-12-31", "2029-06-30"]
    suppliers = []
    for r in REAL:
        products = [product_for(code, ko, en, cap, note, synthetic=False, n=i)
                    for i, (code, ko, en, cap, note) in enumerate(r["products"])]
        for p in products:
            p["description"] = ((p["description"] + "; " if p["description"] else "")
                                + "specifications, lead time and any capacity not marked public are illustrative demo values")
            p["illustrative"] = True
        suppliers.append({
            "org": r["org"], "zone": r["zone"], "description": r["description"], "sources": r["sources"],
            "reference_customers": r["reference_customers"], "synthetic": False, "products": products,
            # Not public: illustrative demo certifications so the demo matching has something to show.
            "certifications": certs_for(products, True, expiry_pool) if products else [],
        })
    for org, codes in FICTIONAL_EXISTING.items():
        products = []
        for i, code in enumerate(codes):
            m = by_code[code]
            products.append(product_for(code, m[1], m[2], n=i))
        suppliers.append({"org": org, "synthetic": True, "zone": "OTHER_INCHEON" if org == "CHEONGNA_BIOPACK" else "NAMDONG",
                          "description": "Fictional demo data - not a real organisation (see its institution record).",
                          "sources": [], "reference_customers": rnd.sample(COMMON_CUSTOMERS, 2), "products": products,
                          "certifications": certs_for(products, False, expiry_pool)})
    zones = ["NAMDONG"] * 14 + ["SONGDO"] * 6 + ["OTHER_INCHEON"] * 10 + ["OUTSIDE_INCHEON"] * 20
    names = [k for k in ROMAN]
    used = set()
    for n, zone in enumerate(zones):
        main_code = MATERIALS[n % 30][0]
        cat = by_code[main_code][3]
        while True:
            ko_stem = rnd.choice(names)
            if (ko_stem, cat) not in used:
                used.add((ko_stem, cat))
                break
        suf_ko, suf_en = SUFFIX[cat]
        codes = [main_code] + [m[0] for m in MATERIALS if m[3] == cat and m[0] != main_code][: rnd.randint(0, 2)]
        products = [product_for(code, by_code[code][1], by_code[code][2], n=i) for i, code in enumerate(codes)]
        suppliers.append({
            "org": f"SYN_{ROMAN[ko_stem].upper()}_{suf_en.upper()}", "synthetic": True,
            "name_ko": f"{ko_stem}{suf_ko} (가상)", "name_en": f"{ROMAN[ko_stem]} {suf_en} (synthetic)",
            "zone": zone, "address": rnd.choice(ZONE_ADDRESSES[zone]),
            "description": f"Synthetic demo supplier - not a real company. Makes {', '.join(by_code[c][2].lower() for c in codes)}.",
            "sources": [], "reference_customers": rnd.sample(COMMON_CUSTOMERS, rnd.randint(0, 3)),
            "products": products, "certifications": certs_for(products, False, expiry_pool + ["2027-01-31"]),
        })

    demands = [
        {"source_id": "D01", "manufacturer": "CELLTRION", "material": "CELL_CULTURE_MEDIA", "title": "CHO 세포배양 배지 (분말) 국산화",
         "volume_per_month": 2000, "volume_unit": "kg", "deadline": "2027-06-30", "visibility": "ALL_SUPPLIERS",
         "specs": [{"key": "osmolality", "min": 270, "max": 330, "unit": "mOsm/kg", "hard": True},
                   {"key": "endotoxin", "max": 0.25, "unit": "EU/mL", "hard": False}],
         "requirements": [{"kind": "GMP", "hard": True}, {"kind": "BSE_TSE_FREE", "hard": True}, {"kind": "DMF", "hard": False}]},
        {"source_id": "D02", "manufacturer": "SAMSUNG_BIOLOGICS", "material": "SU_BIOPROCESS_BAG", "title": "2,000 L single-use bioreactor bags",
         "volume_per_month": 300, "volume_unit": "pcs", "deadline": "2027-09-30", "visibility": "ALL_SUPPLIERS",
         "specs": [{"key": "volume", "min": 200, "max": 3000, "unit": "L", "hard": True}],
         "requirements": [{"kind": "USP_88_CLASS_VI", "hard": True}, {"kind": "ISO_14644", "max_iso_class": 7, "hard": True},
                          {"kind": "BIOPHORUM_EXTRACTABLES", "hard": False}]},
        {"source_id": "D03", "manufacturer": "CELLTRION", "material": "VIAL", "title": "10 mL Type I vials",
         "volume_per_month": 2_000_000, "volume_unit": "pcs", "deadline": "2027-04-30", "visibility": "ALL_SUPPLIERS",
         "specs": [{"key": "volume", "min": 10, "max": 10, "unit": "mL", "hard": False}],
         "requirements": [{"kind": "GMP", "hard": True}, {"kind": "CHANGE_NOTIFICATION", "hard": False}]},
        {"source_id": "D04", "manufacturer": "SAMSUNG_BIOLOGICS", "material": "CIP_CLEANING_AGENT", "title": "알칼리 CIP 세정제",
         "volume_per_month": 5000, "volume_unit": "L", "deadline": "2027-03-31", "visibility": "INVITED_ONLY",
         "specs": [{"key": "ph", "min": 12, "max": 14, "unit": "pH", "hard": False}],
         "requirements": [{"kind": "ISO_9001", "hard": True}]},
        {"source_id": "D05", "manufacturer": "LOTTE_BIOLOGICS", "material": "PROTEIN_A_RESIN", "title": "Protein A resin for mAb capture",
         "volume_per_month": 200, "volume_unit": "L", "deadline": "2027-12-31", "visibility": "ALL_SUPPLIERS",
         "specs": [{"key": "dbc", "min": 40, "unit": "g/L_resin", "hard": True}],
         "requirements": [{"kind": "GMP", "hard": True}, {"kind": "DMF", "hard": False}, {"kind": "BSE_TSE_FREE", "hard": False}]},
        {"source_id": "D06", "manufacturer": "CELLTRION", "material": "ENV_MONITORING_MEDIA", "title": "환경 모니터링 배지 (TSA 접촉평판)",
         "volume_per_month": 40000, "volume_unit": "pcs", "deadline": "2027-05-31", "visibility": "ALL_SUPPLIERS",
         "specs": [{"key": "shelf_life", "min": 4, "unit": "months", "hard": False}],
         "requirements": [{"kind": "ISO_9001", "hard": True}]},
        {"source_id": "D07", "manufacturer": "SK_BIOSCIENCE", "material": "STERILE_FILTER", "title": "0.2 um sterilising filters",
         "volume_per_month": 1500, "volume_unit": "pcs", "deadline": "2027-08-31", "visibility": "ALL_SUPPLIERS",
         "specs": [{"key": "pore_size", "min": 0.1, "max": 0.22, "unit": "um", "hard": True}],
         "requirements": [{"kind": "USP_88_CLASS_VI", "hard": True}, {"kind": "GMP", "hard": False}]},
        {"source_id": "D08", "manufacturer": "DM_BIO", "material": "SU_TUBING", "title": "Platinum-cured silicone tubing",
         "volume_per_month": 800, "volume_unit": "pcs", "deadline": "2027-06-30", "visibility": "ALL_SUPPLIERS",
         "specs": [{"key": "inner_diameter", "min": 6, "max": 13, "unit": "mm", "hard": False}],
         "requirements": [{"kind": "USP_88_CLASS_VI", "hard": True}]},
        {"source_id": "D09", "manufacturer": "SAMSUNG_BIOEPIS", "material": "DEPTH_FILTER", "title": "Clarification depth filters",
         "volume_per_month": 400, "volume_unit": "pcs", "deadline": "2027-10-31", "visibility": "ALL_SUPPLIERS",
         "specs": [], "requirements": [{"kind": "GMP", "hard": True}]},
        {"source_id": "D10", "manufacturer": "CELLTRION", "material": "SPECIAL_RUBBER_SEAL", "title": "EPDM gaskets for bioreactors",
         "volume_per_month": 5000, "volume_unit": "pcs", "deadline": "2027-04-30", "visibility": "ALL_SUPPLIERS",
         "specs": [{"key": "hardness", "min": 60, "max": 75, "unit": "ShoreA", "hard": False}],
         "requirements": [{"kind": "USP_88_CLASS_VI", "hard": True}]},
        {"source_id": "D11", "manufacturer": "BINEX", "material": "CELL_CULTURE_BAG", "title": "Cell culture bags 1-10 L",
         "volume_per_month": 2000, "volume_unit": "pcs", "deadline": "2027-07-31", "visibility": "ALL_SUPPLIERS",
         "specs": [{"key": "volume", "min": 1, "max": 10, "unit": "L", "hard": False}],
         "requirements": [{"kind": "USP_88_CLASS_VI", "hard": True}, {"kind": "ISO_10993", "hard": False}]},
        {"source_id": "D12", "manufacturer": "LOTTE_BIOLOGICS", "material": "BUFFER_SALTS", "title": "Phosphate buffer salts (GMP)",
         "volume_per_month": 3000, "volume_unit": "kg", "deadline": "2027-11-30", "visibility": "ALL_SUPPLIERS",
         "specs": [{"key": "purity", "min": 99.5, "unit": "%", "hard": True}],
         "requirements": [{"kind": "GMP", "hard": True}]},
    ]
    pipelines = [
        {"demand": "D01", "supplier": "AMICOGEN", "stage": "TESTING", "quote": {"price": 95000, "currency": "KRW", "lead_time_days": 30, "sample_offered": True}},
        {"demand": "D01", "supplier": "NURI_MEDICHEM", "stage": "QUOTED", "quote": {"price": 88000, "currency": "KRW", "lead_time_days": 21, "sample_offered": True}},
        {"demand": "D03", "supplier": "DONGSHIN_GLASS", "stage": "VALIDATED", "quote": {"price": 120, "currency": "KRW", "lead_time_days": 14, "sample_offered": True}},
        {"demand": "D04", "supplier": "BIOCS", "stage": "SAMPLE_SENT", "quote": {"price": 6500, "currency": "KRW", "lead_time_days": 14, "sample_offered": True}},
        {"demand": "D02", "supplier": "SEOHAE_POLYTECH", "stage": "INVITED"},
        {"demand": "D08", "supplier": "CHEONGRAM_SILICONE", "stage": "REJECTED", "quote": {"price": 42000, "currency": "KRW", "lead_time_days": 30, "sample_offered": True}},
        {"demand": "D10", "supplier": "HANIL_RUBBER", "stage": "TESTING", "quote": {"price": 3500, "currency": "KRW", "lead_time_days": 21, "sample_offered": True}},
    ]
    for name, data in (("sourcing_materials.json", materials), ("sourcing_suppliers.json", suppliers),
                       ("sourcing_demands.json", {"demands": demands, "pipelines": pipelines})):
        (SEEDS / name).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(materials)} materials, {len(suppliers)} suppliers, {len(demands)} demands, {len(pipelines)} pipelines")


if __name__ == "__main__":
    main()
