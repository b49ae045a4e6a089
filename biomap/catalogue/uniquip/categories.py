"""Guessing the taxonomy category of an imported record from its name and technique."""

from __future__ import annotations

import functools
import re

from biomap.catalogue.taxonomy import CATEGORY_BY_CODE

# --------------------------------------------------------------------------------------------------
# Category guessing


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _acr(word: str) -> str:
    """An acronym standing alone ("GC", "TEM") — not inside a longer word such as "system"."""
    return rf"(?<![A-Za-z0-9])(?:{word})(?![A-Za-z])"


# Mentions of liquid chromatography: turn a mass spectrometer into LC-MS.
_LC = _rx(_acr("U?H?P?LC|UPLC"), r"liquid\s*chromatograph", r"액체\s*크로마토")

# Ordered: the first matching rule wins, so specific rules come before generic ones (ICP-MS and
# GC-MS before mass spectrometer, confocal before microscope, single-use bioreactor before bioreactor,
# CO2 incubator before the generic Korean 배양기, particle counter before particle analyser…).
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("FLOW_CYTOMETER", _rx(r"flow\s*cytomet", r"cytometer", _acr(r"FACS\w*"), r"cell\s*sorter", "유세포")),
    (
        "ELEMENTAL_ANALYZER",
        _rx(_acr("ICP"), r"elemental\s*analy", _acr("CHNS?"), _acr("TOC"), r"원소\s*분석", "유도결합"),
    ),
    (
        "GAS_CHROMATOGRAPH",
        _rx(r"gas\s*chromatograph", _acr("GC"), r"GC[-/ ]?MS", r"기체\s*크로마토", r"가스\s*크로마토"),
    ),
    (
        "LC_MS",
        _rx(
            r"(?<![A-Za-z])U?H?P?LC\s*[-/]?\s*(?:MS|Q-?TOF|QQQ|orbitrap)",
            r"liquid\s*chromatograph\w*[\s-]*(?:tandem\s*)?mass",
            r"액체\s*크로마토그래피\s*질량",
        ),
    ),
    (
        "MASS_SPECTROMETER",
        _rx(
            r"mass\s*-?\s*spec",
            _acr("MALDI"),
            r"orbitrap",
            r"Q-?TOF",
            r"Q\s*-?\s*TRAP",
            r"triple\s*quad",
            _acr("MS/MS"),
            r"질량\s*분석",
        ),
    ),
    ("NMR", _rx(_acr("NMR"), r"nuclear\s*magnetic", r"핵자기\s*공명")),
    ("CHROMATOGRAPHY_SYSTEM", _rx(_acr("FPLC"), r"[ÄA]KTA", r"protein\s*purif", r"단백질\s*정제")),
    (
        "HPLC",
        _rx(
            _acr("U?H?PLC"),
            r"high[-\s]*performance\s*liquid",
            r"liquid\s*chromatograph",
            r"고성능\s*액체",
            r"액체\s*크로마토",
        ),
    ),
    ("CAPILLARY_ELECTROPHORESIS", _rx(r"capillary\s*electrophor", r"모세관\s*전기\s*영동")),
    (
        "ENVIRONMENTAL_MONITOR",
        _rx(
            r"particle\s*counter",
            r"air\s*sampler",
            r"environmental\s*monitor",
            r"파티클\s*카운터",
            r"입자\s*계수",
            r"부유\s*균",
            r"환경\s*모니터링",
        ),
    ),
    (
        "PARTICLE_ANALYZER",
        _rx(
            _acr("DLS"),
            r"dynamic\s*light\s*scatter",
            r"zeta",
            r"particle\s*(?:size|analy)",
            r"nanoparticle\s*tracking",
            "입도",
            r"제타\s*전위",
        ),
    ),
    (
        "BIOMOLECULAR_INTERACTION",
        _rx(
            _acr("SPR"),
            r"surface\s*plasmon",
            r"biacore",
            _acr("BLI"),
            r"bio-?layer\s*interfer",
            _acr("octet"),
            _acr("ITC"),
            r"isothermal\s*titration",
            r"표면\s*플라즈몬",
            r"상호\s*작용\s*분석",
        ),
    ),
    (
        "THERMAL_ANALYZER",
        _rx(_acr("DSC"), _acr("TGA"), r"differential\s*scanning", r"thermogravimetr", r"열\s*분석", r"시차\s*주사"),
    ),
    (
        "MICROPLATE_READER",
        _rx(r"plate\s*reader", r"multi-?mode\s*reader", r"ELISA\s*reader", r"플레이트\s*리더", r"마이크로\s*플레이트"),
    ),
    (
        "SPECTROPHOTOMETER",
        _rx(
            r"spectrophotomet",
            r"UV[-/\s]*Vis",
            r"nanodrop",
            r"fluorometer",
            r"spectrofluor",
            r"분광\s*광도계",
            r"형광\s*분광",
        ),
    ),
    ("CONFOCAL_MICROSCOPE", _rx(r"confocal", r"spinning\s*disk", _acr(r"LSM\s?\d+"), "공초점")),
    (
        "ELECTRON_MICROSCOPE",
        _rx(
            r"electron\s*microscop",
            _acr("(?:FE-?)?SEM"),
            _acr("(?:cryo-?)?TEM"),
            r"cryo-?EM",
            r"전자\s*현미경",
        ),
    ),
    ("LIGHT_MICROSCOPE", _rx(r"microscop", "현미경")),
    (
        "IMAGING_SYSTEM",
        _rx(
            r"gel\s*doc",
            r"imaging\s*system",
            r"imager",
            _acr("IVIS"),
            r"in\s*vivo\s*imag",
            r"high[-\s]*content",
            r"chemidoc",
            "이미징",
            r"영상\s*분석",
        ),
    ),
    ("CELL_COUNTER", _rx(r"cell\s*counter", r"countess", r"viability\s*analy", r"세포\s*계수", r"세포\s*카운터")),
    (
        "BIOSAFETY_CABINET",
        _rx(
            r"bio(?:logical)?\s*safety\s*cabinet",
            r"biosafety",
            r"clean\s*bench",
            _acr("BSC"),
            r"laminar\s*flow",
            r"생물\s*안전\s*작업대",
            r"클린\s*벤치",
            r"무균\s*작업대",
        ),
    ),
    (
        "SINGLE_USE_BIOREACTOR",
        _rx(r"single[-\s]*use\s*(?:bio-?)?reactor", r"wave\s*bioreactor", r"일회용\s*(?:생물\s*)?(?:반응기|배양기)"),
    ),
    ("BIOREACTOR", _rx(r"bio-?reactor", r"ferment[eo]r", r"생물\s*반응기", "발효기")),
    (
        "CELL_CULTURE",
        _rx(r"CO2", "CO₂", r"incubator", r"live[-\s]*cell", r"cell\s*culture", "인큐베이터", r"세포\s*배양"),
    ),
    ("BIOREACTOR", _rx("배양기")),  # generic Korean "culture vessel", after CO2 incubators
    ("MEDIA_PREPARATION", _rx(r"media\s*prep", r"buffer\s*prep", r"배지\s*제조", r"버퍼\s*제조", r"완충액\s*제조")),
    ("PCR", _rx(r"PCR", r"thermal\s*cycler", r"thermocycler", r"유전자\s*증폭")),
    (
        "SEQUENCER",
        _rx(r"sequenc", _acr("NGS"), _acr(r"(?:mi|nova|next|hi|i)seq\w*"), r"nanopore", r"염기\s*서열", "시퀀서"),
    ),
    ("NUCLEIC_ACID_ANALYZER", _rx(r"bioanaly[sz]er", r"tapestation", r"fragment\s*analy", r"핵산\s*분석")),
    ("LIQUID_HANDLER", _rx(r"liquid\s*handl", r"pipetting\s*robot", r"automated\s*pipett", r"자동\s*분주", "분주기")),
    ("CENTRIFUGE", _rx(r"centrifug", r"원심\s*분리")),
    (
        "FILTRATION_SYSTEM",
        _rx(_acr("TFF"), r"tangential\s*flow", r"filtration", r"depth\s*filt", r"virus\s*filt", "여과"),
    ),
    ("HOMOGENIZER", _rx(r"homogeni[sz]", r"cell\s*disrupt", r"sonicator", r"french\s*press", "균질기", "파쇄기")),
    ("FREEZE_DRYER", _rx(r"freeze[-\s]*dr", r"lyophili", r"동결\s*건조")),
    ("SPRAY_DRYER", _rx(r"spray[-\s]*dr", r"분무\s*건조")),
    ("FILLING_MACHINE", _rx(r"filling\s*(?:machine|line|system)", r"capping", r"vial\s*fill", "충전기", "충진기")),
    ("ENDOTOXIN_TESTER", _rx(r"endotoxin", _acr("LAL"), r"sterility\s*test", "엔도톡신", r"무균\s*시험")),
    (
        "STABILITY_CHAMBER",
        _rx(r"stability\s*(?:test\s*)?chamber", r"climat(?:e|ic)\s*chamber", r"안정성\s*시험", r"항온\s*항습"),
    ),
    ("STERILIZER", _rx(r"autoclave", r"sterili[sz]", "멸균")),
    (
        "FREEZER",
        _rx(
            r"(?:^|[\s(])[-\u2212\u2013]\s*80(?!\d)",
            r"ultra[-\s]*low",
            r"freezer",
            r"cryo-?\s*stor",
            r"liquid\s*nitrogen",
            _acr("LN2"),
            "초저온",
            "냉동고",
            r"액체\s*질소",
        ),
    ),
    ("WATER_PURIFICATION", _rx(r"water\s*purif", r"milli-?q", r"ultra-?pure\s*water", _acr("WFI"), "정제수", "초순수")),
    ("ANIMAL_FACILITY", _rx(r"animal", r"rodent", _acr("IVC"), "동물")),
)


def guess_category(*texts: str) -> str:
    """Taxonomy code for free text (English, case-insensitive, or Korean); "OTHER" when nothing matches.

    Texts are tried in order and the first one that matches any rule decides, so pass the most
    reliable text (the name) first. A mass spectrometer becomes LC_MS when any text mentions LC.
    """
    present = [t for t in texts if t]
    for text in present:
        code = _first_rule(text)
        if code is not None:
            if code == "MASS_SPECTROMETER" and any(_LC.search(t) for t in present):
                return "LC_MS"
            return code
    return "OTHER"


@functools.lru_cache(maxsize=32_768)
def _first_rule(text: str) -> str | None:
    # Names and techniques recur across an import's rows; up to 60 searches each, so once per text.
    for code, pattern in _RULES:
        if pattern.search(text):
            return code
    return None


def _category_code(value: str) -> str | None:
    """An explicit category: a taxonomy code, tolerant of case and '-'/' ' for '_'."""
    code = re.sub(r"[\s-]+", "_", value.strip()).upper()
    return code if code in CATEGORY_BY_CODE else None


