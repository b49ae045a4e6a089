"""The fixed equipment taxonomy: one code per category, with Korean and English labels.

The codes are stored in `equipment.category` and exposed as the GraphQL enum `EquipmentCategory`.
Grouping follows how Korean shared-equipment centres (and NFEC) list instruments: analytical,
imaging, cell biology, molecular biology, bioprocess (upstream / downstream / fill-finish), QC and
general lab infrastructure.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    group: str
    label_ko: str
    label_en: str


CATEGORIES: tuple[Category, ...] = (
    # analytical / mass spectrometry / separation
    Category("MASS_SPECTROMETER", "ANALYTICAL", "질량분석기", "Mass spectrometer"),
    Category("LC_MS", "ANALYTICAL", "액체크로마토그래피 질량분석기", "LC-MS / LC-MS/MS"),
    Category("HPLC", "ANALYTICAL", "고성능 액체크로마토그래피", "HPLC / UHPLC"),
    Category("GAS_CHROMATOGRAPH", "ANALYTICAL", "기체크로마토그래피", "Gas chromatograph (GC, GC-MS)"),
    Category("NMR", "ANALYTICAL", "핵자기공명분광기", "NMR spectrometer"),
    Category("SPECTROPHOTOMETER", "ANALYTICAL", "분광광도계", "Spectrophotometer (UV-Vis, fluorescence)"),
    Category("MICROPLATE_READER", "ANALYTICAL", "마이크로플레이트 리더", "Microplate reader"),
    Category("CAPILLARY_ELECTROPHORESIS", "ANALYTICAL", "모세관 전기영동장치", "Capillary electrophoresis"),
    Category("PARTICLE_ANALYZER", "ANALYTICAL", "입도 분석기", "Particle size / zeta analyser (DLS)"),
    Category("BIOMOLECULAR_INTERACTION", "ANALYTICAL", "생체분자 상호작용 분석기", "Biomolecular interaction (SPR, BLI, ITC)"),
    Category("THERMAL_ANALYZER", "ANALYTICAL", "열분석기", "Thermal analyser (DSC, TGA)"),
    Category("ELEMENTAL_ANALYZER", "ANALYTICAL", "원소분석기", "Elemental analyser (ICP-MS, ICP-OES, TOC)"),
    # imaging
    Category("CONFOCAL_MICROSCOPE", "IMAGING", "공초점 현미경", "Confocal microscope"),
    Category("LIGHT_MICROSCOPE", "IMAGING", "광학 현미경", "Light / fluorescence microscope"),
    Category("ELECTRON_MICROSCOPE", "IMAGING", "전자현미경", "Electron microscope (SEM, TEM, cryo-EM)"),
    Category("IMAGING_SYSTEM", "IMAGING", "영상 분석 시스템", "Imaging system (gel doc, in vivo, high-content)"),
    # cell biology
    Category("FLOW_CYTOMETER", "CELL_BIOLOGY", "유세포분석기", "Flow cytometer / cell sorter"),
    Category("CELL_COUNTER", "CELL_BIOLOGY", "세포 계수기", "Cell counter / viability analyser"),
    Category("CELL_CULTURE", "CELL_BIOLOGY", "세포배양 장비", "Cell culture (CO2 incubator, live-cell)"),
    Category("BIOSAFETY_CABINET", "CELL_BIOLOGY", "생물안전작업대", "Biosafety cabinet / clean bench"),
    # molecular biology
    Category("PCR", "MOLECULAR_BIOLOGY", "유전자 증폭기", "PCR / real-time qPCR / digital PCR"),
    Category("SEQUENCER", "MOLECULAR_BIOLOGY", "염기서열 분석기", "DNA/RNA sequencer"),
    Category("NUCLEIC_ACID_ANALYZER", "MOLECULAR_BIOLOGY", "핵산 분석기", "Nucleic acid / protein fragment analyser"),
    Category("LIQUID_HANDLER", "MOLECULAR_BIOLOGY", "자동 분주기", "Liquid handling robot"),
    # bioprocess upstream
    Category("BIOREACTOR", "BIOPROCESS_UPSTREAM", "생물반응기", "Bioreactor / fermenter"),
    Category("SINGLE_USE_BIOREACTOR", "BIOPROCESS_UPSTREAM", "일회용 생물반응기", "Single-use bioreactor"),
    Category("MEDIA_PREPARATION", "BIOPROCESS_UPSTREAM", "배지 제조 장비", "Media / buffer preparation system"),
    # bioprocess downstream
    Category("CENTRIFUGE", "BIOPROCESS_DOWNSTREAM", "원심분리기", "Centrifuge / ultracentrifuge"),
    Category("CHROMATOGRAPHY_SYSTEM", "BIOPROCESS_DOWNSTREAM", "단백질 정제 크로마토그래피", "Protein purification chromatography (FPLC, AKTA)"),
    Category("FILTRATION_SYSTEM", "BIOPROCESS_DOWNSTREAM", "여과 시스템", "Filtration (TFF, depth, virus filtration)"),
    Category("HOMOGENIZER", "BIOPROCESS_DOWNSTREAM", "균질기", "Homogeniser / cell disruptor"),
    # fill / finish and formulation
    Category("FREEZE_DRYER", "FILL_FINISH", "동결건조기", "Freeze dryer (lyophiliser)"),
    Category("FILLING_MACHINE", "FILL_FINISH", "충전기", "Filling / capping machine"),
    Category("SPRAY_DRYER", "FILL_FINISH", "분무건조기", "Spray dryer"),
    # quality control / environment
    Category("ENDOTOXIN_TESTER", "QUALITY_CONTROL", "엔도톡신 시험기", "Endotoxin / sterility testing"),
    Category("ENVIRONMENTAL_MONITOR", "QUALITY_CONTROL", "환경 모니터링 장비", "Environmental monitoring (particle counter, air sampler)"),
    Category("STABILITY_CHAMBER", "QUALITY_CONTROL", "안정성 시험 챔버", "Stability chamber"),
    # general lab infrastructure
    Category("STERILIZER", "LAB_INFRASTRUCTURE", "멸균기", "Autoclave / sterilizer"),
    Category("FREEZER", "LAB_INFRASTRUCTURE", "초저온 냉동고", "Ultra-low freezer / cryostorage"),
    Category("WATER_PURIFICATION", "LAB_INFRASTRUCTURE", "정제수 장치", "Water purification (WFI, ultrapure)"),
    Category("ANIMAL_FACILITY", "LAB_INFRASTRUCTURE", "동물실험 장비", "Animal facility equipment"),
    Category("OTHER", "LAB_INFRASTRUCTURE", "기타", "Other"),
)

CATEGORY_BY_CODE: dict[str, Category] = {c.code: c for c in CATEGORIES}
CATEGORY_CODES: tuple[str, ...] = tuple(CATEGORY_BY_CODE)
