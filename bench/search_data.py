"""Synthetic uniquip CSV for the search benchmark: N equipment rows in Korean, English and mixed.

    .venv/bin/python bench/search_data.py --rows 100000 --out /tmp/equipment.csv

Deterministic (fixed seed). Built from the project's own vocabulary so that the names look like
what Korean shared-equipment centres publish:

- categories weighted like the demo seeds (seeds/equipment.json), every taxonomy code present;
- base names per category from the taxonomy labels (biomap/catalogue/taxonomy.py), the glossary
  terms of the concepts filed under that category (search/glossary.tsv) and the demo seeds' names;
- real manufacturer / model pairs of that category from the demo seeds, sometimes varied
  ("Avanti JXN-26" → "Avanti JXN-26 Plus");
- name styles: Korean ("고속 냉각 원심분리기 (5 L)"), with spacing variants ("원심 분리기"), English
  ("Refrigerated benchtop centrifuge"), mixed ("원심분리기(Beckman Coulter Avanti JXN-26)",
  "Avanti JXN-26 원심분리기"), Korean + English, and upper-case names cut at 20 characters
  ("Q TRAP MASS SPECTROM"), as some publishers' exports do;
- descriptions with Korean particles and endings, from the seeds' descriptions of the category;
- every row names an existing seed institution in `Institution Name` (its English name), has a
  contact, a Site Location and a unique ID; `X-BioMap Category` is filled for ~80 % of the rows
  (the importer guesses the rest from the text).

`CATALOGUE` (the vocabulary) is also used by search_queries.py to draw queries from the same words.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GLOSSARY = ROOT / "search" / "glossary.tsv"
SEED = 20240611

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_PAREN = re.compile(r"\s*[\(（][^)）]*[\)）]")

# Korean words that are nouns a compound is often split before ("원심분리기" → "원심 분리기").
KOREAN_SUFFIXES = ("분리기", "분석기", "반응기", "현미경", "냉동고", "건조기", "작업대", "증폭기", "배양기", "측정기",
                   "계수기", "시스템", "장치", "장비", "리더", "분광기", "광도계", "멸균기", "정제수", "챔버", "시험기",
                   "여과", "충전기", "균질기", "분주기", "크로마토그래피")
MODIFIERS_KO = ("고속", "냉각", "대용량", "소형", "자동", "벤치탑", "다목적", "휴대용", "고분해능", "연구용", "GMP",
                "파일럿", "초고속", "정밀", "디지털", "다채널", "공용", "교육용")
MODIFIERS_EN = ("High-speed", "Refrigerated", "Benchtop", "Automated", "Compact", "Floor-standing", "Research-grade",
                "GMP", "Pilot-scale", "Portable", "High-throughput", "Multi-channel", "Digital", "Shared",
                "Training", "Precision")
_VOLUMES = ("5 L", "10 L", "30 L", "50 L", "200 L", "500 L", "2000 L", "2,000L")
SIZES: dict[str, tuple[str, ...]] = {
    "BIOREACTOR": _VOLUMES, "SINGLE_USE_BIOREACTOR": _VOLUMES, "MEDIA_PREPARATION": _VOLUMES,
    "FILTRATION_SYSTEM": ("0.5 m²", "2 m²", "10 m²"), "STERILIZER": ("60 L", "100 L", "300 L"),
    "FREEZE_DRYER": ("4 L", "12 kg", "0.5 m²"), "FREEZER": ("-80℃", "-86 °C", "-150℃", "700 L", "LN2"),
    "STABILITY_CHAMBER": ("25℃/60%RH", "40℃/75%RH", "260 L"), "MICROPLATE_READER": ("96-well", "384-well"),
    "LIQUID_HANDLER": ("96채널", "8-channel"), "CENTRIFUGE": ("4 x 750 mL", "6 x 1 L", "100,000 rpm", "15,000 rpm"),
}
UNIT_NUMBERS = ("1호기", "2호기", "3호기", "#1", "#2", "No. 3", "(A)", "(B)")
VARIANT_SUFFIXES = (" II", " Plus", " Pro", "-2", " XL", " 2.0", " S", " Max")
SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
GIVEN = ("민준", "서연", "지훈", "하은", "도윤", "수빈", "예준", "지우", "현우", "서현", "준호", "유진", "성민", "다은")
BUILDINGS = ("바이오산업센터", "연구동", "파일럿동", "분석동", "공동기기원", "생명과학관", "GMP동", "첨단바이오관")
SITES = ("인천광역시 연수구 송도동", "인천광역시 남동구 고잔동", "인천광역시 미추홀구 용현동", "인천광역시 서구 청라동",
         "인천광역시 연수구 송도과학로", "인천광역시 남동구 남동대로")
PURPOSES_KO = ("시료 분석", "공정 개발", "품질 관리", "세포 배양", "단백질 분석", "교육 훈련", "기초 연구", "제품 개발")
PURPOSES_EN = ("sample analysis", "process development", "quality control", "cell culture", "protein analysis",
               "training", "basic research", "product development")

HEADER = ("Type", "ID", "Name", "X-BioMap Name KO", "Description", "X-BioMap Description KO", "Institution Name",
          "Contact Name", "Contact Telephone", "Contact Email", "Site Location", "Building", "X-BioMap Room",
          "X-BioMap Category", "X-BioMap Manufacturer", "X-BioMap Model", "X-BioMap Year", "X-BioMap Status",
          "X-BioMap Access Policy", "X-BioMap Service Mode", "X-BioMap Training Required",
          "X-BioMap Rate Academic KRW", "X-BioMap Rate Industry KRW", "X-BioMap Specifications")


@dataclass
class CategoryVocabulary:
    code: str
    weight: int
    korean: list[str] = field(default_factory=list)  # base names / terms in Korean
    english: list[str] = field(default_factory=list)
    glossary_korean: list[str] = field(default_factory=list)  # synonyms from the glossary only
    glossary_english: list[str] = field(default_factory=list)
    makers: list[tuple[str, str]] = field(default_factory=list)  # (manufacturer, model)
    descriptions: list[tuple[str, str]] = field(default_factory=list)  # (ko, en)
    specifications: list[dict] = field(default_factory=list)


@dataclass
class Catalogue:
    categories: dict[str, CategoryVocabulary]
    institutions: list[tuple[str, str, str]]  # (code, name_en, name_ko)


def has_hangul(text: str) -> bool:
    return bool(_HANGUL.search(text))


def has_batchim(word: str) -> bool:
    """Whether the last Hangul syllable ends in a consonant (을/를, 은/는, 이/가, 으로/로)."""
    for ch in reversed(word):
        if "\uac00" <= ch <= "\ud7a3":
            return (ord(ch) - 0xAC00) % 28 != 0
    return False


def particle(word: str, with_batchim: str, without: str) -> str:
    return word + (with_batchim if has_batchim(word) else without)


def _clean_name(name: str) -> str:
    return _PAREN.sub("", name).strip(" -/")


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    from biomap.catalogue.taxonomy import CATEGORIES

    equipment = json.loads((SEEDS / "equipment.json").read_text(encoding="utf-8"))
    institutions = json.loads((SEEDS / "institutions.json").read_text(encoding="utf-8"))
    counts = Counter(e["category"] for e in equipment)
    vocab = {c.code: CategoryVocabulary(c.code, counts.get(c.code, 0) + 2) for c in CATEGORIES}
    for c in CATEGORIES:
        v = vocab[c.code]
        if c.code != "OTHER":
            v.korean.append(c.label_ko)
            v.english.append(_clean_name(c.label_en.split("/")[0]))
    with GLOSSARY.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            code = (row.get("category") or "").strip()
            if code not in vocab:
                continue
            for term in (t.strip() for t in (row.get("terms") or "").split("|")):
                if not term or "<" in term:
                    continue
                if has_hangul(term):
                    vocab[code].glossary_korean.append(term)
                elif len(term) >= 3:
                    vocab[code].glossary_english.append(term)
    for e in equipment:
        v = vocab[e["category"]]
        for name, target in ((e["name_ko"], v.korean), (e["name_en"], v.english)):
            cleaned = _clean_name(name)
            if cleaned and len(cleaned) <= 40 and (has_hangul(cleaned) == (target is v.korean)):
                target.append(cleaned)
        if e["manufacturer"] and e["model"]:
            v.makers.append((e["manufacturer"], e["model"]))
        if e["description_ko"] or e["description_en"]:
            v.descriptions.append((e["description_ko"], e["description_en"]))
        if e.get("specifications"):
            v.specifications.append(e["specifications"])
    for v in vocab.values():
        v.korean = sorted(set(v.korean)) or ["장비"]
        v.english = sorted(set(v.english)) or ["instrument"]
        v.glossary_korean = sorted(set(v.glossary_korean))
        v.glossary_english = sorted(set(v.glossary_english))
        v.makers = sorted(set(v.makers)) or [("Generic", "Model 100")]
        v.descriptions = v.descriptions or [("", "")]
    named = sorted((i["code"], i["name_en"], i["name_ko"]) for i in institutions if i.get("name_en"))
    return Catalogue(vocab, named)


def split_korean(word: str, rng: random.Random) -> str:
    """A spacing variant: a space before a known trailing noun ("원심분리기" → "원심 분리기")."""
    for suffix in KOREAN_SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) and not word[-len(suffix) - 1].isspace():
            return word[: -len(suffix)] + " " + suffix
    if " " not in word and len(word) >= 4 and has_hangul(word):
        cut = rng.randint(2, len(word) - 2)
        return word[:cut] + " " + word[cut:]
    return word


def vary_model(model: str, rng: random.Random) -> str:
    return model + rng.choice(VARIANT_SUFFIXES) if rng.random() < 0.3 else model


@dataclass
class Row:
    values: dict[str, str]
    category: str


def make_row(i: int, rng: random.Random, cat: Catalogue, codes: list[str], weights: list[int]) -> Row:
    code = rng.choices(codes, weights)[0]
    v = cat.categories[code]
    maker, model = rng.choice(v.makers)
    model = vary_model(model, rng)
    ko = rng.choice(v.korean + v.glossary_korean[:6]) if v.glossary_korean and rng.random() < 0.25 else rng.choice(v.korean)
    en = rng.choice(v.english + v.glossary_english[:6]) if v.glossary_english and rng.random() < 0.25 else rng.choice(v.english)
    if rng.random() < 0.15:
        ko = split_korean(ko, rng)
    extra_ko = ""
    if code in SIZES and rng.random() < 0.5:
        extra_ko = f" ({rng.choice(SIZES[code])})"
    elif rng.random() < 0.1:
        extra_ko = f" {rng.choice(UNIT_NUMBERS)}"
    style = rng.random()
    name_ko = name_en = ""
    if style < 0.30:  # Korean
        mod = f"{rng.choice(MODIFIERS_KO)} " if rng.random() < 0.4 else ""
        name_ko = f"{mod}{ko}{extra_ko}"
    elif style < 0.55:  # English
        mod = f"{rng.choice(MODIFIERS_EN)} " if rng.random() < 0.4 else ""
        name_en = f"{mod}{en[:1].upper()}{en[1:]}" + (f" ({maker} {model})" if rng.random() < 0.3 else "")
    elif style < 0.75:  # mixed in one name
        form = rng.randrange(3)
        if form == 0:
            name_ko = f"{ko}({maker} {model})"
        elif form == 1:
            name_ko = f"{model} {ko}"
        else:
            name_ko = f"{ko} {en}"
        if rng.random() < 0.5:
            name_en = f"{maker} {model}"
    elif style < 0.96:  # both languages
        name_ko = f"{ko}{extra_ko}"
        name_en = f"{en[:1].upper()}{en[1:]}"
    else:  # an upper-case export cut at 20 characters
        long = f"{en} {maker}".upper()
        long = re.sub(r"[^A-Z0-9 \-/]", "", long)
        name_en = long[:20] if len(long) >= 20 else (long + " SYSTEM UNIT ASSEMBLY")[:20]
    desc_ko, desc_en = rng.choice(v.descriptions)
    base_ko = _clean_name(ko) or ko
    purpose = rng.randrange(len(PURPOSES_KO))
    building = f"{rng.choice(BUILDINGS)} {rng.randint(1, 6)}층"
    lead_ko = rng.choice((
        f"{particle(base_ko, '은', '는')} {building}에 설치되어 있으며 사전 예약 후 사용할 수 있습니다.",
        f"{particle(base_ko, '을', '를')} 이용한 {PURPOSES_KO[purpose]}{'을' if has_batchim(PURPOSES_KO[purpose]) else '를'} 지원합니다.",
        f"{particle(base_ko, '으로', '로')} {PURPOSES_KO[purpose]} 업무를 수행합니다.",
        f"{maker} {model} {particle(base_ko, '이', '가')} 공동활용 장비로 등록되어 있습니다.",
    ))
    lead_en = f"{en[:1].upper()}{en[1:]} ({maker} {model}) for {PURPOSES_EN[purpose]}."
    description_ko = f"{lead_ko} {desc_ko}".strip() if rng.random() < 0.8 else ""
    description_en = f"{lead_en} {desc_en}".strip() if rng.random() < 0.7 or not description_ko else ""
    inst_code, inst_name, _ = rng.choice(cat.institutions)
    status = rng.choices(("ACTIVE", "MAINTENANCE", "RETIRED"), (88, 8, 4))[0]
    access = rng.choices(("PUBLIC", "CLUSTER", "INTERNAL"), (50, 40, 10))[0]
    mode = rng.choice(("SELF_SERVICE", "OPERATOR_ASSISTED", "ANALYSIS_REQUEST"))
    academic = rng.randrange(5, 300) * 1000 if rng.random() < 0.8 else None
    specs = rng.choice(v.specifications) if v.specifications and rng.random() < 0.3 else None
    values = {
        "Type": "equipment",
        "ID": f"SYN-{i:06d}",
        # As Bio Map's export writes them: Name = English (or the Korean when there is none),
        # X-BioMap Name KO = the Korean.
        "Name": name_en or name_ko,
        "X-BioMap Name KO": name_ko,
        "Description": description_en or description_ko,
        "X-BioMap Description KO": description_ko,
        "Institution Name": inst_name,
        "Contact Name": f"{rng.choice(SURNAMES)}{rng.choice(GIVEN)}",
        "Contact Telephone": f"032-{rng.randint(200, 999)}-{rng.randint(1000, 9999)}",
        "Contact Email": f"equip{i % 997}@{inst_code.lower().replace('_', '-')}.example.kr",
        "Site Location": rng.choice(SITES),
        "Building": building,
        "X-BioMap Room": f"{rng.choice('ABCDP')}-{rng.randint(101, 640)}",
        "X-BioMap Category": code if rng.random() < 0.8 else "",
        "X-BioMap Manufacturer": maker,
        "X-BioMap Model": model,
        "X-BioMap Year": str(rng.randint(2005, 2025)),
        "X-BioMap Status": status,
        "X-BioMap Access Policy": access,
        "X-BioMap Service Mode": mode,
        "X-BioMap Training Required": rng.choice(("true", "false")),
        "X-BioMap Rate Academic KRW": "" if academic is None else str(academic),
        "X-BioMap Rate Industry KRW": "" if academic is None else str(academic * 2),
        "X-BioMap Specifications": json.dumps(specs, ensure_ascii=False) if specs else "",
    }
    return Row(values, code)


def generate_rows(rows: int, seed: int = SEED) -> list[Row]:
    cat = catalogue()
    codes = sorted(cat.categories)
    weights = [cat.categories[c].weight for c in codes]
    rng = random.Random(seed)
    return [make_row(i, rng, cat, codes, weights) for i in range(1, rows + 1)]


def write_csv(rows: list[Row], path: Path) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=HEADER, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row.values)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--seed", type=int, default=SEED)
    p.add_argument("--show", type=int, default=0, metavar="N", help="print N sample names")
    args = p.parse_args(argv)
    rows = generate_rows(args.rows, args.seed)
    write_csv(rows, args.out)
    for row in rows[: args.show]:
        print(f"{row.category:<24} {row.values['X-BioMap Name KO']!r:<50} {row.values['Name']!r}")
    print(f"wrote {len(rows)} rows to {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
