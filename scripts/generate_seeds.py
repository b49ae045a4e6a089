#!/usr/bin/env python3
"""Deterministic generator of the Bio Map demo seed data (``seeds/*.json``).

Run ``python scripts/generate_seeds.py`` from the project root: it rewrites

* ``seeds/institutions.json``  - the organisations of shared/reference/institutions_incheon.tsv
  (public facts and source URLs kept) plus clearly fictional labs / SMEs (``"sources": []``);
* ``seeds/equipment.json``     - instruments with real manufacturers and model names;
* ``seeds/technologies.json``  - licensable technologies, analysis / CDMO / training services;
* ``seeds/trainees.json``      - fictional K-NIBRT trainees (pseudonymous, example.com contacts).

Everything is derived from fixed tables and ``random.Random`` instances seeded with fixed strings, so
the output is byte-for-byte stable. Equipment lists, technologies and trainees are demo data: they
are NOT public facts about the real organisations that own them in this data set.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

FICTIONAL_KO = "가상 데모 데이터: 실존 기관이 아닙니다."
FICTIONAL_EN = "Fictional demo data - not a real organisation."

# --------------------------------------------------------------------------------------------------
# Institutions
# --------------------------------------------------------------------------------------------------


def _src(s: str) -> list[str]:
    return [u.strip() for u in s.split(" ; ") if u.strip()]


def _inst(code, name_ko, name_en, kind, zone, address, lat, lon, website, description, sources):
    return {
        "code": code,
        "name_ko": name_ko,
        "name_en": name_en,
        "kind": kind,
        "zone": zone,
        "address": address,
        "latitude": lat,
        "longitude": lon,
        "website": website,
        "description": description,
        "sources": sources,
    }


LOCATION_UNKNOWN = (
    " Location not stated in the public sources used here; zone is a placeholder and no address or"
    " coordinates are given."
)

# Real organisations: one per organisation named in shared/reference/institutions_incheon.tsv.
# Descriptions restate the TSV's public facts; addresses are district-level only.
REAL_INSTITUTIONS = [
    _inst(
        "SAMSUNG_BIOLOGICS", "삼성바이오로직스", "Samsung Biologics", "COMPANY", "SONGDO",
        "인천광역시 연수구 송도동 (송도 바이오캠퍼스 I)", 37.3868, 126.6622, "https://samsungbiologics.com",
        "CDMO (demand company), Songdo Bio Campus I; Bio Campus II in 11-gonggu. Plant 4 = 240,000 L"
        " (full operation June 2023) -> total 604,000 L; Plant 5 = 180,000 L in Bio Campus II ->"
        " 784,000 L; Bio Campus II site 357,366 m2; signed first domestic raw-material (cleaning agent)"
        " supply contract with BIOCS in 2018.",
        _src(
            "https://samsungbiologics.com/kr/media/company-news/samsung-biologics-will-be-fully-operated-by-early-june"
            " ; https://chosun.com/economy/science/2023/03/18/UQWZJ6AIRJDTBCJ76NI22LTK4Y/"
            " ; https://hankyung.com/article/2018072301731"
        ),
    ),
    _inst(
        "CELLTRION", "셀트리온", "Celltrion", "COMPANY", "SONGDO",
        "인천광역시 연수구 송도동", 37.3792, 126.6612, "https://www.celltrion.com",
        "Biosimilar developer/manufacturer (demand company) in Songdo. First bio company attracted to"
        " Songdo (2002); hosted the Incheon localisation MOU and the 30-item supplier briefing at its"
        " Plant 2 (Dec 2019).",
        _src(
            "http://web1.dailian.co.kr/news/view/1217793 ; https://biospectator.com/news/view/9112"
            " ; http://www.incheonilbo.com/news/articleView.html?idxno=1011082"
        ),
    ),
    _inst(
        "SAMSUNG_BIOEPIS", "삼성바이오에피스", "Samsung Bioepis", "COMPANY", "SONGDO",
        "인천광역시 연수구 송도동", 37.3838, 126.6652, "https://www.samsungbioepis.com",
        "Biosimilar company in Songdo; listed among Songdo anchor firms.",
        _src("https://ombudsman.kotra.or.kr/ik-kr/bbs/i-2483/detail.do?ntt_sn=8"),
    ),
    _inst(
        "LOTTE_BIOLOGICS", "롯데바이오로직스", "Lotte Biologics", "COMPANY", "SONGDO",
        "인천광역시 연수구 송도동 (송도 첨단산업클러스터)", 37.3742, 126.6338, "https://www.lottebiologics.com",
        "CDMO in the Songdo Advanced Industry Cluster. Songdo Bio Campus planned as 3 plants of"
        " 120,000 L each; Plant 1 (99,558 m2, antibody) groundbreaking Mar 2024, topping-out 2025-09-09,"
        " completion target 2H 2026, commercial production 1H 2027; with Syracuse (40,000 L) total"
        " 160,000 L.",
        _src(
            "https://www.asiae.co.kr/article/2025091009292840023"
            " ; https://member.newspim.com/news/view/20250910001120"
            " ; https://biz.heraldcorp.com/article/10573498"
        ),
    ),
    _inst(
        "SK_BIOSCIENCE", "SK바이오사이언스", "SK bioscience", "COMPANY", "SONGDO",
        "인천광역시 연수구 송도동 (송도 7공구, 글로벌 R&PD 센터)", 37.3934, 126.6412, "https://www.skbioscience.com",
        "Vaccine developer. Global R&PD Center in Songdo 7-gonggu: 377.2B KRW, 64,178 m2, B2-7F; HQ and"
        " R&D moved in, operations from 2026-01-19; mRNA, recombinant protein and viral vector"
        " platforms; pilot lab.",
        _src(
            "https://www.wowtv.co.kr/NewsCenter/News/Read?articleId=2026011996721"
            " ; https://biz.chosun.com/science-chosun/bio/2026/01/19/LH2R5P3IHNAPJK4DEDXULD6IKA/"
        ),
    ),
    _inst(
        "MERCK_KOREA", "한국머크", "Merck Korea (Merck KGaA subsidiary)", "COMPANY", "SONGDO",
        "인천광역시 연수구 송도동 (송도 5공구)", 37.3857, 126.6578, "https://www.merckgroup.com",
        "Supplier (foreign-invested) in Songdo 5-gonggu. Korea Life Science Operations HQ (8,319 m2,"
        " 26B KRW, 2019) manufactures cell culture media; M Lab Collaboration Center in Songdo since"
        " Oct 2016.",
        _src("https://busan.fnnews.com/news/201907241537429616 ; https://kyeongin.com/article/1430974"),
    ),
    _inst(
        "SARTORIUS_KOREA", "싸토리우스코리아오퍼레이션스", "Sartorius Korea Operations", "COMPANY", "SONGDO",
        "인천광역시 연수구 송도동 211-1", 37.3812, 126.6538, "https://www.sartorius.com",
        "Supplier (foreign-invested), 211-1 Songdo-dong, 24,434 m2. USD 300M plant for single-use bags,"
        " cell culture media and pharma filters; groundbreaking 2023-02-14, completion 2025.",
        _src("http://www.24news.kr/news/articleView.html?idxno=207981 ; https://etnews.com/20230215000063"),
    ),
    _inst(
        "AMICOGEN", "아미코젠", "Amicogen", "COMPANY", "SONGDO",
        "인천광역시 연수구 송도동 (배지 공장)", 37.3776, 126.6561, "",
        "Domestic media/resin supplier (with BeyondCell / 비욘드셀 and Purio-gen / 퓨리오젠). Songdo media"
        " plant; Yeosu resin plant. Media ~100 t/yr powder (~4M L liquid); resin ~10,000 L/yr incl."
        " antibody-purification and ion-exchange resins; plants completed 2024-06.",
        _src("http://sisarecord.com/news/articleView.html?idxno=11077"),
    ),
    _inst(
        "BIOCS", "바이옥스", "BIOCS", "COMPANY", "OUTSIDE_INCHEON",
        "", None, None, "http://biocs.co.kr",
        "Domestic cleaning-agent/disinfectant supplier. Founded 2016-08; reactor cleaning agents and"
        " disinfectants; supplies Samsung Biologics, Hanmi and Peptron." + LOCATION_UNKNOWN,
        _src(
            "https://hankyung.com/article/2020112513581"
            " ; http://biocs.co.kr/kr/sub/customer/board_cadalog.php?mode=v&idx=88&startPage=0&code=notice"
        ),
    ),
    _inst(
        "DONGSHIN_GLASS", "동신관유리공업", "Dongshin Glass Industry", "COMPANY", "OTHER_INCHEON",
        "인천광역시 서구", 37.5021, 126.6712, "",
        "Domestic vial/ampoule maker in Incheon Seo-gu (English name as romanised). Founded 1969;"
        " ~240M vials/yr (2-200 mL); ~35% KR vial share; 2022 sales 27.4B KRW; supplies Samsung"
        " Biologics and Celltrion; glass tubing imported. Coordinates are a district-level approximation.",
        _src(
            "https://chosun.com/economy/industry-company/2023/12/08/2MJN322OZNDB7LVLQKI35QHD2U/"
            " ; https://hankyung.com/amp/2023111574841"
        ),
    ),
    _inst(
        "ECOMASS", "에코매스", "Ecomass", "COMPANY", "OTHER_INCHEON",
        "인천광역시 서구", 37.4983, 126.6764, "",
        "Domestic SME in Incheon Seo-gu (film/plastic moulding -> cell culture bags). Entered bio via"
        " Incheon localisation consulting; clean room / cell culture bag production opened 2022-03-24."
        " Coordinates are a district-level approximation.",
        _src("https://kyeongin.com/article/1581525 ; https://ajunews.com/view/20220417105939971"),
    ),
    _inst(
        "HANIL_RUBBER", "한일화학고무공업", "Hanil Chemical Rubber Industry", "COMPANY", "OTHER_INCHEON",
        "인천광역시", None, None, "",
        "Domestic special-rubber supplier in Incheon (per programme; English name as romanised)."
        " Obtained raw-material certification; preparing supply to biopharma demand companies (2022)."
        " District not stated in the sources.",
        _src("https://ajunews.com/view/20220417105939971"),
    ),
    _inst(
        "WIATEC", "위아텍", "WIATEC", "COMPANY", "OTHER_INCHEON",
        "인천광역시", None, None, "",
        "Domestic supplier in Incheon (per meeting; romanisation unverified). Supplier participant at the"
        " 2021 Incheon localisation meeting with Amicogen, Dongshin Glass and Hanil Chemical Rubber."
        " District not stated in the sources.",
        _src("https://m.kgnews.co.kr/news/article.html?no=677843"),
    ),
    _inst(
        "BINEX", "바이넥스", "Binex", "COMPANY", "OUTSIDE_INCHEON",
        "", None, None, "",
        "Demand company (CMO). Signatory of the Dec-2019 Incheon localisation MOU; demand side at the"
        " 2021 meeting." + LOCATION_UNKNOWN,
        _src("https://biospectator.com/news/view/9112 ; https://m.kgnews.co.kr/news/article.html?no=677843"),
    ),
    _inst(
        "DM_BIO", "디엠바이오", "DM Bio", "COMPANY", "SONGDO",
        "인천광역시 연수구 송도동", 37.3843, 126.6598, "",
        "Demand company (CMO) in Songdo. Signatory of the Dec-2019 Incheon localisation MOU; demand side"
        " at the 2021 meeting.",
        _src("https://biospectator.com/news/view/9112 ; https://m.kgnews.co.kr/news/article.html?no=677843"),
    ),
    _inst(
        "YONSEI_IC", "연세대학교 국제캠퍼스", "Yonsei University International Campus", "UNIVERSITY", "SONGDO",
        "인천광역시 연수구 송도동 (연세대학교 국제캠퍼스)", 37.3822, 126.6690, "https://www.yonsei.ac.kr",
        "University in Songdo. Operates the K-NIBRT curriculum; university-hosted industry-academia"
        " complex (18 firms by 2023, target 35 by 2025).",
        _src("https://m.sedaily.com/NewsView/29N8846F17 ; https://gbmaru.com/about/about01.html"),
    ),
    _inst(
        "KNIBRT", "바이오공정인력양성센터 (K-NIBRT)",
        "Korea National Institute for Bioprocessing Research and Training (K-NIBRT)", "TRAINING_CENTRE",
        "SONGDO", "인천광역시 연수구 송도동 (연세대학교 국제캠퍼스 내)", 37.3811, 126.6676, "",
        "Bio-process training centre (trained personnel) at Yonsei International Campus, Songdo. Opened"
        " 2025-11-25; 6,600 m2 GMP-grade training facility; ~2,000 trainees/yr; curricula mRNA,"
        " vaccines, antibodies, gene/cell therapy, QA/QC.",
        _src(
            "https://www.donga.com/news/Society/article/all/20251125/132840381/2"
            " ; https://uc.ajou.ac.kr/kr/ajou/news.do?articleNo=342660&mode=view"
        ),
    ),
    _inst(
        "INU", "인천대학교", "Incheon National University", "UNIVERSITY", "SONGDO",
        "인천광역시 연수구 송도동 (인천대학교 송도캠퍼스)", 37.3756, 126.6332, "https://www.inu.ac.kr",
        "University in Songdo; listed among Songdo bio-cluster universities.",
        _src("https://ombudsman.kotra.or.kr/ik-kr/bbs/i-2483/detail.do?ntt_sn=8"),
    ),
    _inst(
        "GHENT_UGC", "겐트대학교 글로벌캠퍼스", "Ghent University Global Campus", "UNIVERSITY", "SONGDO",
        "인천광역시 연수구 송도동 (인천글로벌캠퍼스)", 37.3764, 126.6674, "https://www.ghent.ac.kr",
        "One of the Incheon Global Campus universities in Songdo. KOTRA's list of Songdo bio-cluster"
        " universities includes '겐트' (Ghent); a move of Ghent's bio department was noted in the 2013"
        " IFEZ plan.",
        _src(
            "https://ombudsman.kotra.or.kr/ik-kr/bbs/i-2483/detail.do?ntt_sn=8"
            " ; https://ajunews.com/view/20130717000749"
        ),
    ),
    _inst(
        "SUNY_KOREA", "한국뉴욕주립대학교", "SUNY Korea (The State University of New York, Korea)",
        "UNIVERSITY", "SONGDO", "인천광역시 연수구 송도동 (인천글로벌캠퍼스)", 37.3771, 126.6664,
        "https://www.sunykorea.ac.kr",
        "One of the Incheon Global Campus universities in Songdo (named with Ghent University in the"
        " reference row '한국뉴욕주립대/겐트대 등 글로벌캠퍼스').",
        _src(
            "https://ombudsman.kotra.or.kr/ik-kr/bbs/i-2483/detail.do?ntt_sn=8"
            " ; https://ajunews.com/view/20130717000749"
        ),
    ),
    _inst(
        "ITP_BIO", "인천테크노파크 바이오산업센터", "Incheon Technopark Bio Industry Center",
        "PUBLIC_SUPPORT_CENTRE", "SONGDO", "인천광역시 연수구 송도동 (인천테크노파크 바이오산업센터)",
        37.3852, 126.6441, "https://www.itp.or.kr",
        "Support institute with shared equipment in Songdo. Bio Center est. 2005, ~70 instruments"
        " (large-scale microbial culture & purification, animal cell culture, natural-product"
        " extraction, MS-based protein analysis); runs i-Tube 'package support' for ~60 bio firms/yr;"
        " developing the Songdo Bio-convergence Industrial Technology Complex (11-gonggu, 227 SMEs"
        " planned).",
        _src(
            "https://amenews.kr/news/view.php?idx=25484&mcode=m72r1e2 ; https://m.etnews.com/20240501000049"
            " ; https://member.newspim.com/news/view/20201019000476"
        ),
    ),
    _inst(
        "IFEZ_BASC", "IFEZ 바이오분석지원센터", "IFEZ Bio Analysis Support Center", "PUBLIC_SUPPORT_CENTRE",
        "SONGDO", "인천광역시 연수구 송도동 (인천글로벌캠퍼스)", 37.3767, 126.6684, "",
        "Shared analytical facility at Incheon Global Campus, Songdo. Opened 2015 with 2 high-end mass"
        " spectrometers (LC/Tribrid MS, LC/ESI-Q-TOF); shared-use service for SMEs.",
        _src("https://www.kyeonggi.com/articleAmp/201502240632891"),
    ),
    _inst(
        "IFEZ_AUTHORITY", "인천경제자유구역청", "Incheon Free Economic Zone Authority (IFEZ Authority)",
        "PUBLIC_SUPPORT_CENTRE", "SONGDO", "인천광역시 연수구 송도동", 37.3916, 126.6394, "https://www.ifez.go.kr",
        "Government agency in Songdo. Bio cluster: 920,000 m2 (2021) -> 2,000,000 m2 (2030 plan);"
        " ~60 firms -> 700 target.",
        _src("https://ombudsman.kotra.or.kr/ik-kr/bbs/i-2483/detail.do?ntt_sn=8"),
    ),
    _inst(
        "INCHEON_CCI", "인천상공회의소", "Incheon Chamber of Commerce and Industry", "PUBLIC_SUPPORT_CENTRE",
        "OTHER_INCHEON", "인천광역시", None, None, "",
        "Support body in Incheon. Runs bio raw/subsidiary-material localisation consulting (30 priority"
        " items; 20 firms general + 8 expert consulting in 2021). District not stated in the sources.",
        _src("https://ajunews.com/view/20220417105939971 ; https://www.hankyung.com/it/article/202105303291Y"),
    ),
    _inst(
        "KBPA", "한국바이오의약품협회", "", "PUBLIC_SUPPORT_CENTRE", "OUTSIDE_INCHEON",
        "", None, None, "",
        "Industry association (English name/acronym not verified; the code is a placeholder). Runs"
        " biopharma raw/subsidiary-material commercialisation support (8 firms, then 16 firms); member"
        " of the Incheon consortium for the MOTIE programme (2022)." + LOCATION_UNKNOWN,
        _src("https://www.hitnews.co.kr/news/articleView.html?idxno=48803 ; https://m.ajunews.com/amp/20220313110832146"),
    ),
    _inst(
        "KOREA_BIO", "한국바이오협회", "Korea Biotechnology Industry Organization", "PUBLIC_SUPPORT_CENTRE",
        "OUTSIDE_INCHEON", "", None, None, "https://koreabio.org",
        "Industry association. Runs the '바이오 소부장 연대협력 협의체' (56 firms in 2021; 100 members by"
        " 2023)." + LOCATION_UNKNOWN,
        _src("https://koreabio.org:48092/board/board.php?bo_table=press&idx=1 ; https://etnews.com/20231207000148"),
    ),
    _inst(
        "KCL", "한국건설생활환경시험연구원", "Korea Conformity Laboratories (KCL)", "RESEARCH_INSTITUTE",
        "OUTSIDE_INCHEON", "", None, None, "https://www.kcl.re.kr",
        "Testing institute. Member (with Inha University, Incheon Technopark and the biopharma"
        " association) of the Incheon consortium selected for MOTIE's 'biopharma raw/subsidiary material"
        " commercialisation support' (5B KRW national funding, 2022)." + LOCATION_UNKNOWN,
        _src("https://m.ajunews.com/amp/20220313110832146"),
    ),
    _inst(
        "INHA", "인하대학교", "Inha University", "UNIVERSITY", "OTHER_INCHEON",
        "인천광역시 미추홀구 인하로 100", 37.4505, 126.6536, "https://www.inha.ac.kr",
        "University in Incheon. Member (with KCL, Incheon Technopark and the biopharma association) of"
        " the Incheon consortium selected for MOTIE's 'biopharma raw/subsidiary material"
        " commercialisation support' (5B KRW national funding, 2022).",
        _src("https://m.ajunews.com/amp/20220313110832146"),
    ),
    _inst(
        "NAMDONG_IC", "남동국가산업단지", "Namdong National Industrial Complex", "PUBLIC_SUPPORT_CENTRE",
        "NAMDONG", "인천광역시 남동구 (남동국가산업단지)", 37.4040, 126.7018, "",
        "Industrial complex in Incheon Namdong-gu. City plan: Songdo = production/R&D/training hub;"
        " Namdong = bio raw/subsidiary-material and materials-parts-equipment supplier hub.",
        _src("http://ssl.incheonilbo.com/news/articleView.html?idxno=1224370"),
    ),
]


def _fict(code, name_ko, name_en, kind, zone, address, lat, lon, what_ko, what_en):
    return _inst(
        code, name_ko, name_en, kind, zone, address, lat, lon, "",
        f"{FICTIONAL_EN} {what_en} / {FICTIONAL_KO} {what_ko}", [],
    )


FICTIONAL_INSTITUTIONS = [
    # Namdong industrial complex: a joint testing centre and supplier SMEs with small QC labs.
    _fict(
        "NAMDONG_BMTC", "남동 바이오소재 공동시험센터", "Namdong Bio-Materials Joint Testing Centre",
        "PUBLIC_SUPPORT_CENTRE", "NAMDONG", "인천광역시 남동구 남동서로 236번길 17", 37.4031, 126.7006,
        "남동산단 원부자재 기업의 추출물·침출물, 물성, 미생물 시험을 지원하는 공동시험센터.",
        "Joint testing centre for Namdong raw/subsidiary-material suppliers (extractables & leachables,"
        " material properties, microbiology).",
    ),
    _fict(
        "GAON_FILTECH", "가온필텍", "Gaon Filtech", "COMPANY", "NAMDONG",
        "인천광역시 남동구 남동대로 215번길 30", 37.3991, 126.7072,
        "바이오공정용 뎁스필터·멸균필터 카트리지 및 하우징 제조 중소기업.",
        "SME making depth / sterilising filter cartridges and housings for bioprocessing.",
    ),
    _fict(
        "SEOHAE_POLYTECH", "서해폴리텍", "Seohae Polytech", "COMPANY", "NAMDONG",
        "인천광역시 남동구 앵고개로 580", 37.4078, 126.6985,
        "일회용 백(single-use bag)용 다층 필름 및 백 어셈블리 제조.",
        "Multilayer film and single-use bag assemblies.",
    ),
    _fict(
        "HANGYEOL_PRECISION", "한결정밀", "Hangyeol Precision", "COMPANY", "NAMDONG",
        "인천광역시 남동구 고잔로 92", 37.4012, 126.6954,
        "위생 배관 피팅, 생물반응기 부품 등 스테인리스 정밀가공.",
        "Sanitary stainless fittings and bioreactor parts (precision machining).",
    ),
    _fict(
        "NURI_MEDICHEM", "누리메디켐", "Nuri Medichem", "COMPANY", "NAMDONG",
        "인천광역시 남동구 청능대로 289번길 45", 37.3978, 126.6938,
        "세포배양 배지 및 버퍼 분말 제조.",
        "Cell-culture media and buffer powders.",
    ),
    _fict(
        "CHEONGRAM_SILICONE", "청람실리콘", "Cheongram Silicone", "COMPANY", "NAMDONG",
        "인천광역시 남동구 남동동로 120", 37.4095, 126.7121,
        "바이오공정용 백금경화 실리콘 튜브 압출.",
        "Platinum-cured silicone tubing for bioprocessing.",
    ),
    _fict(
        "MIR_RESINTECH", "미르레진텍", "Mir Resintech", "COMPANY", "NAMDONG",
        "인천광역시 남동구 남동서로 115", 37.4058, 126.7054,
        "아가로스 기반 크로마토그래피 레진 개발·생산.",
        "Agarose-based chromatography resins.",
    ),
    _fict(
        "SOLBIT_SEALTECH", "솔빛씰텍", "Solbit Sealtech", "COMPANY", "NAMDONG",
        "인천광역시 남동구 은봉로 82", 37.4104, 126.7163,
        "바이오공정용 EPDM·FKM 가스켓과 O-링 제조.",
        "EPDM / FKM gaskets and O-rings for bioprocess equipment.",
    ),
    _fict(
        "ARAM_CLEANTECH", "아람클린텍", "Aram Cleantech", "COMPANY", "NAMDONG",
        "인천광역시 남동구 논현로 46번길 12", 37.3996, 126.7189,
        "클린룸 소모품 공급 및 환경 모니터링 대행.",
        "Cleanroom consumables and contract environmental monitoring.",
    ),
    _fict(
        "BIONEST_ANALYTICS", "바이오네스트분석", "BioNest Analytics", "COMPANY", "NAMDONG",
        "인천광역시 남동구 남동대로 370", 37.4066, 126.7102,
        "바이오의약품 QC 시험 수탁기관(CRO).",
        "Contract QC testing laboratory for biologics.",
    ),
    # Songdo: research institutes and start-ups.
    _fict(
        "SONGDO_PROTEOMICS", "송도 단백질체분석연구소", "Songdo Proteomics Institute", "RESEARCH_INSTITUTE",
        "SONGDO", "인천광역시 연수구 송도과학로 85", 37.3879, 126.6472,
        "질량분석 기반 단백질체·당쇄 분석 연구소(코어 퍼실리티).",
        "Mass-spectrometry proteomics and glycomics core facility.",
    ),
    _fict(
        "WESTSEA_GTRC", "서해 유전자세포치료연구센터", "West Sea Gene & Cell Therapy Research Centre",
        "RESEARCH_INSTITUTE", "SONGDO", "인천광역시 연수구 갯벌로 12", 37.3902, 126.6498,
        "바이러스 벡터 및 세포치료제 공정 연구센터.",
        "Viral-vector and cell-therapy process research centre.",
    ),
    _fict(
        "LUMENGEN", "루멘젠", "Lumengen", "COMPANY", "SONGDO",
        "인천광역시 연수구 송도미래로 30", 37.3937, 126.6481,
        "mRNA-LNP 제형 스타트업.",
        "mRNA-LNP formulation start-up.",
    ),
    _fict(
        "MOACELL", "모아셀바이오", "MoaCell Bio", "COMPANY", "SONGDO",
        "인천광역시 연수구 송도과학로 32", 37.3949, 126.6517,
        "NK 세포치료제 개발 스타트업.",
        "NK-cell therapy start-up.",
    ),
    # Elsewhere in Incheon.
    _fict(
        "HAESOL_CTC", "인천 해솔병원 임상시험센터", "Incheon Haesol Hospital Clinical Trial Centre", "HOSPITAL",
        "OTHER_INCHEON", "인천광역시 부평구 부평대로 155", 37.4938, 126.7228,
        "병원 임상시험센터(검체 처리, 바이오뱅크, 임상 검체 분석).",
        "Hospital clinical trial centre (sample processing, biobank, clinical sample analysis).",
    ),
    _fict(
        "CHEONGNA_BIOPACK", "청라바이오팩", "Cheongna Biopack", "COMPANY", "OTHER_INCHEON",
        "인천광역시 서구 청라커낼로 260", 37.5312, 126.6438,
        "바이오공정용 PET·PC 용기(카보이, 배지병) 성형.",
        "Moulded PET / PC bottles and carboys for bioprocessing.",
    ),
]

INSTITUTIONS = REAL_INSTITUTIONS + FICTIONAL_INSTITUTIONS

# --------------------------------------------------------------------------------------------------
# Equipment model library: real manufacturers and model names.
# M(category, manufacturer, model, first plausible year, name_ko, name_en, industry KRW/h, specs,
#   default service mode S/O/A, raw = the long English name an import would cut at 20 chars,
#   tags: "prod" = production scale, only for large manufacturers)
# --------------------------------------------------------------------------------------------------

MODE = {"S": "SELF_SERVICE", "O": "OPERATOR_ASSISTED", "A": "ANALYSIS_REQUEST"}


def M(cat, mfr, model, year, ko, en, rate, specs, mode="O", raw=None, tags=()):
    return {
        "category": cat, "manufacturer": mfr, "model": model, "year": year, "ko": ko, "en": en,
        "rate": rate, "specs": specs, "mode": mode, "raw": raw, "tags": set(tags),
    }


TF = "Thermo Fisher Scientific"
MODELS = [
    # ---------------------------------------------------------------- LC_MS
    M("LC_MS", TF, "Orbitrap Exploris 480", 2020, "고분해능 액체크로마토그래피-질량분석기", "High-resolution LC-MS/MS (Orbitrap)",
      200000, {"mass_range": "40-8000 m/z", "resolution": "480,000 FWHM @ m/z 200", "ion_source": "OptaMax NG (H-ESI)",
               "front_end": "Vanquish Neo UHPLC"}, "A", "ORBITRAP EXPLORIS 480 MASS SPECTROMETER"),
    M("LC_MS", TF, "Orbitrap Exploris 240", 2020, "고분해능 질량분석기(LC-HRMS)", "LC-HRMS (Orbitrap Exploris 240)",
      170000, {"mass_range": "40-6000 m/z", "resolution": "240,000 FWHM @ m/z 200", "front_end": "Vanquish Horizon UHPLC"}, "A"),
    M("LC_MS", TF, "Q Exactive HF-X", 2017, "액체크로마토그래피-질량분석기(LC-MS/MS)", "Q Exactive HF-X hybrid quadrupole-Orbitrap",
      190000, {"mass_range": "50-6000 m/z", "resolution": "240,000 @ m/z 200", "scan_rate": "up to 40 Hz",
               "nano_lc": "EASY-nLC 1200"}, "A", "Q EXACTIVE HF-X HYBRID QUADRUPOLE ORBITRAP"),
    M("LC_MS", TF, "Q Exactive Plus", 2012, "하이브리드 사중극자-오비트랩 질량분석기", "Q Exactive Plus LC-MS/MS",
      160000, {"mass_range": "50-6000 m/z", "resolution": "140,000 @ m/z 200", "option": "BioPharma option (protein mode)"}, "A"),
    M("LC_MS", TF, "Orbitrap Fusion Lumos Tribrid", 2015, "트라이브리드 질량분석기(LC/Tribrid MS)", "LC/Tribrid mass spectrometer",
      200000, {"analyzers": "quadrupole / Orbitrap / linear ion trap", "resolution": "500,000 FWHM @ m/z 200",
               "fragmentation": "CID, HCD, ETD, EThcD", "nano_lc": "UltiMate 3000 RSLCnano"}, "A",
      "ORBITRAP FUSION LUMOS TRIBRID MASS SPECTROMETER"),
    M("LC_MS", TF, "Orbitrap Fusion Tribrid", 2014, "트라이브리드 질량분석기(LC/Tribrid MS)", "LC/Tribrid mass spectrometer",
      190000, {"analyzers": "quadrupole / Orbitrap / linear ion trap", "resolution": "450,000 FWHM @ m/z 200",
               "fragmentation": "CID, HCD, ETD", "nano_lc": "EASY-nLC 1000"}, "A"),
    M("LC_MS", TF, "Orbitrap Eclipse Tribrid", 2019, "트라이브리드 질량분석기", "Orbitrap Eclipse Tribrid LC-MS",
      200000, {"resolution": "500,000 FWHM @ m/z 200", "acquisition": "Real-Time Search TMT SPS-MS3",
               "nano_lc": "Vanquish Neo"}, "A"),
    M("LC_MS", "SCIEX", "QTRAP 6500+", 2015, "삼중사중극자 질량분석기(LC-MS/MS)", "QTRAP 6500+ LC-MS/MS system",
      130000, {"mass_range": "5-2000 m/z", "scan_modes": "MRM, MRM3, EPI", "ion_source": "IonDrive Turbo V",
               "lc": "ExionLC AD"}, "O", "Q TRAP MASS SPECTROMETER SYSTEM"),
    M("LC_MS", "SCIEX", "TripleTOF 6600", 2014, "사중극자 비행시간 질량분석기(Q-TOF)", "TripleTOF 6600 LC-MS/MS",
      150000, {"mass_range": "40-40,000 m/z", "resolution": ">30,000", "acquisition": "SWATH DIA / IDA"}, "A",
      "TRIPLE TOF MASS SPECTROMETER"),
    M("LC_MS", "SCIEX", "ZenoTOF 7600", 2021, "고분해능 Q-TOF 질량분석기(EAD)", "ZenoTOF 7600 QTOF",
      190000, {"fragmentation": "CID, EAD", "zeno_trap": "yes", "lc": "ExionLC AD"}, "A"),
    M("LC_MS", "SCIEX", "Triple Quad 7500", 2020, "삼중사중극자 LC-MS/MS", "Triple Quad 7500 LC-MS/MS",
      140000, {"mass_range": "5-2000 m/z", "ion_source": "OptiFlow Pro", "lc": "ExionLC 2.0"}, "O"),
    M("LC_MS", "SCIEX", "X500B QTOF", 2016, "바이오의약품 특성분석용 Q-TOF", "X500B QTOF (biotherapeutics)",
      140000, {"mass_range": "40-40,000 m/z", "software": "SCIEX OS / BioPharmaView", "lc": "ExionLC AD"}, "A"),
    M("LC_MS", "Agilent Technologies", "6545 Q-TOF", 2015, "LC/Q-TOF 질량분석기", "6545 LC/Q-TOF",
      140000, {"mass_range": "20-10,000 m/z", "resolution": ">40,000", "lc": "1290 Infinity II"}, "A"),
    M("LC_MS", "Agilent Technologies", "6545XT AdvanceBio LC/Q-TOF", 2017, "단백질 분석용 LC/Q-TOF", "AdvanceBio LC/Q-TOF",
      150000, {"mass_range": "20-30,000 m/z", "application": "intact mass, peptide mapping", "lc": "1290 Infinity II Bio"}, "A"),
    M("LC_MS", "Agilent Technologies", "6550 iFunnel Q-TOF", 2013, "LC/ESI-Q-TOF 질량분석기", "LC/ESI-Q-TOF mass spectrometer",
      150000, {"mass_range": "50-10,000 m/z", "ion_source": "Dual AJS ESI", "lc": "1290 Infinity"}, "A",
      "LC/ESI-Q-TOF MASS SPECTROMETER"),
    M("LC_MS", "Agilent Technologies", "6495C Triple Quadrupole LC/MS", 2019, "삼중사중극자 LC/MS", "Triple quadrupole LC/MS",
      130000, {"mass_range": "5-1400 m/z", "ion_source": "AJS ESI with iFunnel", "lc": "1290 Infinity II"}, "O"),
    M("LC_MS", "Agilent Technologies", "6470B Triple Quadrupole LC/MS", 2019, "삼중사중극자 LC-MS/MS", "LC/TQ mass spectrometer",
      120000, {"mass_range": "10-3000 m/z", "lc": "1290 Infinity II"}, "O"),
    M("LC_MS", "Waters", "Xevo TQ-XS", 2017, "UPLC-MS/MS 질량분석기", "Xevo TQ-XS tandem quadrupole",
      130000, {"mass_range": "2-2048 m/z", "lc": "ACQUITY UPLC I-Class PLUS", "ion_source": "StepWave XS / UniSpray"}, "O"),
    M("LC_MS", "Waters", "Xevo G2-XS QTof", 2014, "UPLC-QTOF 질량분석기", "UPLC-QTOF mass spectrometer",
      140000, {"mass_range": "20-100,000 m/z", "resolution": ">40,000 FWHM", "lc": "ACQUITY UPLC H-Class Bio"}, "A"),
    M("LC_MS", "Waters", "BioAccord LC-MS System", 2019, "바이오의약품 분석용 LC-MS", "BioAccord LC-MS (biopharma)",
      130000, {"detector": "RDa time-of-flight", "mass_range": "50-4000 m/z", "software": "waters_connect"}, "O"),
    M("LC_MS", "Waters", "Vion IMS QTof", 2015, "이온이동도 Q-TOF 질량분석기", "Ion-mobility QTof",
      150000, {"ion_mobility": "T-Wave IMS", "mass_range": "50-4000 m/z", "lc": "ACQUITY UPLC I-Class"}, "A"),
    M("LC_MS", "Shimadzu", "LCMS-8060", 2015, "삼중사중극자 LC-MS/MS", "LCMS-8060 triple quadrupole",
      120000, {"mass_range": "2-2000 m/z", "mrm_speed": "555 MRM/s", "lc": "Nexera X2"}, "O"),
    M("LC_MS", "Shimadzu", "LCMS-8060NX", 2020, "삼중사중극자 LC-MS/MS", "LCMS-8060NX",
      125000, {"mass_range": "2-2000 m/z", "ion_source": "IonFocus", "lc": "Nexera X3"}, "O"),
    M("LC_MS", "Shimadzu", "LCMS-9030", 2017, "Q-TOF 질량분석기", "LCMS-9030 Q-TOF",
      140000, {"mass_range": "10-40,000 m/z", "resolution": ">30,000", "lc": "Nexera X3"}, "A"),
    M("LC_MS", "Bruker", "timsTOF Pro", 2017, "이온이동도 질량분석기(timsTOF)", "timsTOF Pro (TIMS-QTOF, PASEF)",
      190000, {"lc": "nanoElute", "acquisition": "PASEF / dia-PASEF", "mass_range": "20-40,000 m/z"}, "A"),
    M("LC_MS", "Bruker", "timsTOF Pro 2", 2021, "이온이동도 질량분석기(timsTOF)", "timsTOF Pro 2",
      200000, {"lc": "nanoElute 2", "acquisition": "dia-PASEF", "ccs": "yes"}, "A"),
    # ---------------------------------------------------------------- MASS_SPECTROMETER
    M("MASS_SPECTROMETER", "Bruker", "autoflex maX", 2015, "MALDI-TOF/TOF 질량분석기", "MALDI-TOF/TOF mass spectrometer",
      120000, {"laser": "smartbeam-II 2 kHz", "mass_range": "up to 500 kDa (linear)", "modes": "linear, reflector, LIFT"}, "O",
      "MALDI TOF TOF MASS SPECTROMETER"),
    M("MASS_SPECTROMETER", "Bruker", "rapifleX", 2016, "MALDI-TOF/TOF (이미징)", "MALDI-TOF/TOF imaging",
      150000, {"laser": "smartbeam 3D 10 kHz", "imaging": "MALDI imaging, 10 um"}, "A"),
    M("MASS_SPECTROMETER", "Bruker", "MALDI Biotyper sirius", 2019, "미생물 동정용 MALDI-TOF", "MALDI Biotyper (microbial ID)",
      120000, {"library": "MBT Compass reference library", "throughput": "96 spots / target"}, "A"),
    M("MASS_SPECTROMETER", "Shimadzu", "MALDI-8020", 2019, "탁상형 MALDI-TOF 질량분석기", "Benchtop MALDI-TOF MS",
      120000, {"laser": "200 Hz N2", "mass_range": "1-500,000 m/z"}, "O"),
    M("MASS_SPECTROMETER", TF, "Q Exactive UHMR", 2017, "네이티브 질량분석기(UHMR)", "Native MS (Q Exactive UHMR)",
      200000, {"mass_range": "350-80,000 m/z", "resolution": "200,000 @ m/z 400", "inlet": "nanoESI / SEC"}, "A"),
    M("MASS_SPECTROMETER", "Waters", "SELECT SERIES Cyclic IMS", 2019, "사이클릭 이온이동도 질량분석기", "Cyclic ion-mobility MS",
      200000, {"ims_resolution": ">750 (multi-pass)", "mass_range": "50-100,000 m/z"}, "A"),
    M("MASS_SPECTROMETER", "Waters", "SYNAPT XS", 2020, "이온이동도 질량분석기", "SYNAPT XS HDMS",
      180000, {"ion_mobility": "T-Wave", "mass_range": "20-100,000 m/z"}, "A"),
    # ---------------------------------------------------------------- HPLC
    M("HPLC", "Agilent Technologies", "1290 Infinity II", 2015, "초고성능 액체크로마토그래피(UHPLC)", "UHPLC system",
      40000, {"pressure": "1300 bar", "detector": "DAD", "autosampler": "Multisampler, 4 °C"}, "S", "1290 INFINITY II UHPLC SYSTEM"),
    M("HPLC", "Agilent Technologies", "1260 Infinity II Bio-inert", 2015, "바이오 불활성 HPLC", "Bio-inert HPLC (SEC/IEX)",
      35000, {"detector": "DAD + FLD", "flow_path": "metal-free", "application": "SEC, IEX, HIC"}, "S"),
    M("HPLC", "Waters", "ACQUITY UPLC H-Class PLUS Bio", 2017, "UPLC (바이오의약품 분석)", "ACQUITY UPLC H-Class Bio",
      40000, {"detector": "TUV + FLR", "application": "released N-glycans (RapiFluor-MS), SEC"}, "O"),
    M("HPLC", "Waters", "Alliance e2695", 2012, "고성능 액체크로마토그래피(HPLC)", "HPLC (Alliance)",
      30000, {"detector": "2998 PDA", "pressure": "345 bar", "autosampler": "120 vials"}, "S"),
    M("HPLC", "Waters", "ACQUITY Premier", 2020, "초고성능 액체크로마토그래피(UPLC)", "ACQUITY Premier UPLC",
      45000, {"pressure": "18,000 psi", "detector": "PDA", "surface": "MaxPeak High Performance Surfaces"}, "S"),
    M("HPLC", "Shimadzu", "Nexera XR", 2012, "고성능 액체크로마토그래피", "UHPLC (Nexera XR)",
      30000, {"pressure": "66 MPa", "detector": "SPD-M30A PDA"}, "S"),
    M("HPLC", "Shimadzu", "Nexera X3", 2021, "초고성능 액체크로마토그래피", "UHPLC (Nexera X3)",
      40000, {"pressure": "130 MPa", "detector": "SPD-M40 PDA", "autosampler": "SIL-40C"}, "S"),
    M("HPLC", "Shimadzu", "LC-2030C 3D Prominence-i", 2015, "일체형 HPLC", "Integrated HPLC",
      25000, {"pressure": "44 MPa", "detector": "PDA (built-in)"}, "S"),
    M("HPLC", TF, "Vanquish Flex", 2016, "초고성능 액체크로마토그래피", "Vanquish Flex UHPLC",
      40000, {"pressure": "1000 bar", "detector": "DAD FG + FLD"}, "S"),
    M("HPLC", TF, "Vanquish Horizon", 2015, "UHPLC 시스템", "Vanquish Horizon UHPLC",
      45000, {"pressure": "1500 bar", "detector": "DAD HL"}, "S"),
    M("HPLC", TF, "UltiMate 3000 RSLCnano", 2011, "나노 액체크로마토그래피(nano-LC)", "nanoLC system",
      30000, {"flow_range": "20-800 nL/min", "columns": "EASY-Spray / Acclaim PepMap"}, "O"),
    M("HPLC", TF, "Vanquish Neo", 2022, "나노·캐필러리 UHPLC", "Nano/capillary UHPLC",
      35000, {"pressure": "1500 bar", "flow_range": "nano to micro"}, "O"),
    M("HPLC", "Waters", "Prep 150 LC", 2016, "분취 HPLC", "Preparative HPLC",
      20000, {"flow_range": "up to 150 mL/min", "detector": "2489 UV/Vis", "fraction_collector": "WFC III"}, "S"),
    # ---------------------------------------------------------------- GAS_CHROMATOGRAPH
    M("GAS_CHROMATOGRAPH", "Agilent Technologies", "8890 GC / 5977B GC/MSD", 2019, "기체크로마토그래피-질량분석기(GC-MS)",
      "GC-MS system", 55000, {"ion_source": "EI, HES", "mass_range": "1.6-1050 m/z", "sampler": "7693A"}, "O"),
    M("GAS_CHROMATOGRAPH", "Agilent Technologies", "7890B GC / 7697A Headspace", 2013, "헤드스페이스 GC (잔류용매)",
      "Headspace GC (residual solvents)", 35000, {"detector": "FID", "headspace": "111 vial", "method": "USP <467>"}, "O"),
    M("GAS_CHROMATOGRAPH", "Agilent Technologies", "8890 GC", 2019, "기체크로마토그래피(GC-FID)", "GC-FID",
      30000, {"detector": "FID / TCD", "inlet": "split/splitless"}, "S"),
    M("GAS_CHROMATOGRAPH", "Shimadzu", "GCMS-QP2020 NX", 2019, "기체크로마토그래피 질량분석기(GC-MS)", "GC-MS (single quadrupole)",
      55000, {"mass_range": "1.5-1090 m/z", "ion_source": "EI / CI", "sampler": "AOC-20i"}, "O"),
    M("GAS_CHROMATOGRAPH", "Shimadzu", "GC-2030", 2017, "기체크로마토그래피", "Gas chromatograph",
      30000, {"detector": "FID", "inlet": "SPL"}, "S"),
    M("GAS_CHROMATOGRAPH", TF, "TRACE 1310 / ISQ 7000", 2017, "GC-MS 분석기", "GC-MS (TRACE 1310 / ISQ 7000)",
      55000, {"ion_source": "ExtractaBrite EI", "sampler": "TriPlus RSH"}, "O"),
    M("GAS_CHROMATOGRAPH", "PerkinElmer", "Clarus 590 GC", 2016, "기체크로마토그래피", "Gas chromatograph",
      30000, {"detector": "FID", "headspace": "TurboMatrix"}, "S"),
    # ---------------------------------------------------------------- NMR
    M("NMR", "Bruker", "Avance NEO 600", 2017, "600 MHz 핵자기공명분광기(NMR)", "600 MHz NMR spectrometer",
      120000, {"field": "14.1 T (600 MHz)", "probe": "5 mm TCI CryoProbe", "sample_changer": "SampleJet"}, "O"),
    M("NMR", "Bruker", "Avance NEO 400", 2017, "400 MHz 핵자기공명분광기", "400 MHz NMR spectrometer",
      60000, {"field": "9.4 T (400 MHz)", "probe": "5 mm BBO iProbe"}, "S"),
    M("NMR", "Bruker", "Avance III HD 500", 2013, "500 MHz 핵자기공명분광기", "500 MHz NMR spectrometer",
      80000, {"field": "11.7 T (500 MHz)", "probe": "5 mm Prodigy TCI"}, "O"),
    M("NMR", "JEOL", "JNM-ECZ500R", 2015, "500 MHz 핵자기공명분광기", "500 MHz FT-NMR",
      80000, {"field": "11.7 T", "probe": "ROYALPROBE HFX"}, "O"),
    M("NMR", "JEOL", "JNM-ECZ400S", 2014, "400 MHz NMR 분광기", "400 MHz FT-NMR",
      60000, {"field": "9.4 T", "probe": "ROYALPROBE"}, "S"),
    # ---------------------------------------------------------------- SPECTROPHOTOMETER
    M("SPECTROPHOTOMETER", "Agilent Technologies", "Cary 60 UV-Vis", 2010, "자외-가시선 분광광도계", "UV-Vis spectrophotometer",
      10000, {"wavelength": "190-1100 nm", "light_source": "Xenon flash"}, "S"),
    M("SPECTROPHOTOMETER", "Agilent Technologies", "Cary 3500 UV-Vis", 2019, "다중셀 UV-Vis 분광광도계", "Multicell UV-Vis",
      15000, {"wavelength": "190-1100 nm", "cells": "8 cell, Peltier -10 to 110 °C"}, "S"),
    M("SPECTROPHOTOMETER", "Agilent Technologies", "Cary Eclipse", 2008, "형광분광광도계", "Fluorescence spectrophotometer",
      15000, {"excitation": "200-900 nm", "modes": "fluorescence, phosphorescence"}, "S"),
    M("SPECTROPHOTOMETER", "Shimadzu", "UV-1900i", 2019, "UV-Vis 분광광도계", "UV-Vis spectrophotometer",
      10000, {"wavelength": "190-1100 nm", "bandwidth": "1 nm"}, "S"),
    M("SPECTROPHOTOMETER", "Shimadzu", "RF-6000", 2015, "형광 분광광도계", "Spectrofluorophotometer",
      15000, {"wavelength": "200-900 nm", "scan_speed": "60,000 nm/min"}, "S"),
    M("SPECTROPHOTOMETER", "JASCO", "J-1500", 2013, "원편광이색성 분광기(CD)", "Circular dichroism spectrometer",
      40000, {"wavelength": "163-950 nm", "temperature": "Peltier -10 to 110 °C"}, "O"),
    M("SPECTROPHOTOMETER", "JASCO", "FT/IR-4700", 2013, "적외선 분광기(FT-IR)", "FT-IR spectrometer",
      20000, {"range": "7800-350 cm-1", "accessory": "ATR (diamond)"}, "S"),
    M("SPECTROPHOTOMETER", TF, "Nicolet iS20", 2020, "FT-IR 분광기", "FT-IR spectrometer",
      20000, {"range": "7800-350 cm-1", "accessory": "Smart iTX ATR"}, "S"),
    M("SPECTROPHOTOMETER", "PerkinElmer", "Spectrum Two", 2012, "적외선 분광광도계(FT-IR)", "FT-IR spectrometer",
      15000, {"range": "8300-350 cm-1", "accessory": "UATR"}, "S"),
    M("SPECTROPHOTOMETER", "SCINCO", "S-3100", 2010, "UV-Vis 분광광도계", "PDA UV-Vis spectrophotometer",
      8000, {"wavelength": "190-1100 nm", "detector": "photodiode array"}, "S"),
    M("SPECTROPHOTOMETER", "Mecasys", "Optizen POP", 2012, "UV-Vis 분광광도계", "UV-Vis spectrophotometer",
      5000, {"wavelength": "190-1100 nm", "bandwidth": "2 nm"}, "S"),
    # ---------------------------------------------------------------- MICROPLATE_READER
    M("MICROPLATE_READER", "Molecular Devices", "SpectraMax iD5", 2017, "멀티모드 마이크로플레이트 리더", "Multi-mode microplate reader",
      15000, {"modes": "Abs, FI, Lum, TRF, FRET", "plates": "6-384 well"}, "S"),
    M("MICROPLATE_READER", "Molecular Devices", "SpectraMax M5", 2008, "마이크로플레이트 리더", "Microplate reader",
      10000, {"modes": "Abs, FI, Lum", "plates": "6-384 well"}, "S"),
    M("MICROPLATE_READER", "Molecular Devices", "SpectraMax i3x", 2015, "멀티모드 리더", "Multi-mode reader",
      15000, {"modes": "Abs, FI, Lum", "cartridges": "AlphaScreen, HTRF"}, "S"),
    M("MICROPLATE_READER", "Molecular Devices", "SpectraMax ABS Plus", 2016, "흡광 마이크로플레이트 리더", "Absorbance reader",
      8000, {"wavelength": "190-1000 nm", "plates": "96/384 well"}, "S"),
    M("MICROPLATE_READER", "Tecan", "Spark", 2016, "멀티모드 마이크로플레이트 리더", "Multimode reader (Spark)",
      15000, {"modes": "Abs, FI, Lum, AlphaScreen", "gas_control": "CO2/O2"}, "S"),
    M("MICROPLATE_READER", "Tecan", "Infinite 200 PRO", 2010, "마이크로플레이트 리더", "Microplate reader",
      10000, {"modes": "Abs, FI, Lum", "injectors": "2"}, "S"),
    M("MICROPLATE_READER", "BMG LABTECH", "CLARIOstar Plus", 2018, "멀티모드 리더", "Multi-mode reader",
      15000, {"modes": "Abs, FI, Lum, TRF, FP", "monochromator": "LVF"}, "S"),
    M("MICROPLATE_READER", "BMG LABTECH", "PHERAstar FSX", 2016, "HTS 마이크로플레이트 리더", "HTS microplate reader",
      20000, {"modes": "HTRF, AlphaScreen, FP", "plates": "up to 3456 well"}, "O"),
    M("MICROPLATE_READER", "BioTek (Agilent)", "Synergy H1", 2014, "하이브리드 마이크로플레이트 리더", "Hybrid multi-mode reader",
      12000, {"modes": "Abs, FI, Lum", "incubation": "up to 45 °C"}, "S"),
    M("MICROPLATE_READER", "BioTek (Agilent)", "Epoch 2", 2014, "흡광 리더(ELISA)", "Absorbance reader (ELISA)",
      8000, {"wavelength": "200-999 nm", "plates": "6-384 well"}, "S"),
    M("MICROPLATE_READER", "PerkinElmer", "EnVision 2105", 2018, "멀티모드 플레이트 리더(HTS)", "EnVision multimode reader",
      20000, {"modes": "Alpha, HTRF, Lum, FI", "throughput": "1536-well"}, "O"),
    M("MICROPLATE_READER", TF, "Varioskan LUX", 2016, "멀티모드 리더", "Multimode reader",
      12000, {"modes": "Abs, FI, Lum, AlphaScreen", "incubation": "up to 45 °C"}, "S"),
    # ---------------------------------------------------------------- CAPILLARY_ELECTROPHORESIS
    M("CAPILLARY_ELECTROPHORESIS", "SCIEX", "PA 800 Plus", 2011, "모세관 전기영동기(CE-SDS, cIEF)", "Capillary electrophoresis (CE-SDS, cIEF)",
      50000, {"detector": "UV / LIF", "applications": "CE-SDS, cIEF, APTS glycan"}, "O", "PA800 PLUS PHARMACEUTICAL ANALYSIS SYSTEM"),
    M("CAPILLARY_ELECTROPHORESIS", "SCIEX", "BioPhase 8800", 2021, "멀티 캐필러리 전기영동 시스템", "Multi-capillary CE",
      60000, {"capillaries": "8", "applications": "CE-SDS, cIEF, CZE", "detector": "UV / LIF"}, "O"),
    M("CAPILLARY_ELECTROPHORESIS", "ProteinSimple (Bio-Techne)", "Maurice", 2017, "이미지 모세관 등전점 분석기(icIEF/CE-SDS)",
      "icIEF and CE-SDS analyser", 60000, {"applications": "icIEF charge variants, CE-SDS purity", "run_time": "~10 min/sample"}, "O"),
    M("CAPILLARY_ELECTROPHORESIS", "ProteinSimple (Bio-Techne)", "Jess", 2019, "자동 웨스턴 블롯(Simple Western)", "Automated Western (Simple Western)",
      40000, {"size_range": "2-440 kDa", "detection": "chemiluminescence, NIR, fluorescence"}, "O"),
    M("CAPILLARY_ELECTROPHORESIS", "Agilent Technologies", "7100 Capillary Electrophoresis", 2010, "모세관 전기영동기", "Capillary electrophoresis",
      30000, {"detector": "DAD", "voltage": "30 kV"}, "S"),
    M("CAPILLARY_ELECTROPHORESIS", "PerkinElmer", "LabChip GXII Touch", 2016, "미세유체 단백질 전기영동 분석기", "Microfluidic protein / glycan CE",
      40000, {"applications": "CE-SDS, glycan profiling, charge variants", "throughput": "96/384 well"}, "O"),
    # ---------------------------------------------------------------- PARTICLE_ANALYZER
    M("PARTICLE_ANALYZER", "Malvern Panalytical", "Zetasizer Ultra", 2018, "입도 및 제타전위 분석기(DLS)", "Particle size & zeta potential (DLS)",
      25000, {"size_range": "0.3 nm-10 um", "techniques": "DLS, MADLS, ELS"}, "S", "ZETASIZER ULTRA PARTICLE SIZE ANALYZER"),
    M("PARTICLE_ANALYZER", "Malvern Panalytical", "Zetasizer Nano ZS", 2008, "입도분석기(DLS)", "DLS particle sizer",
      20000, {"size_range": "0.3 nm-10 um", "zeta": "yes"}, "S"),
    M("PARTICLE_ANALYZER", "Malvern Panalytical", "Zetasizer Pro", 2018, "입도 분석기", "DLS particle size analyser",
      20000, {"size_range": "0.3 nm-10 um", "techniques": "DLS, ELS"}, "S"),
    M("PARTICLE_ANALYZER", "Malvern Panalytical", "NanoSight NS300", 2014, "나노입자 추적 분석기(NTA)", "Nanoparticle tracking analysis",
      30000, {"size_range": "10-1000 nm", "laser": "488 nm", "application": "LNP, EV, viral vectors"}, "O"),
    M("PARTICLE_ANALYZER", "Malvern Panalytical", "Mastersizer 3000", 2011, "레이저 회절 입도분석기", "Laser diffraction particle sizer",
      20000, {"size_range": "0.01-3500 um", "dispersion": "Hydro EV / Aero S"}, "S"),
    M("PARTICLE_ANALYZER", "Beckman Coulter", "HIAC 9703+", 2015, "불용성 미립자 시험기(광차단법)", "Liquid particle counter (USP <787>/<788>)",
      30000, {"size_range": "2-100 um", "method": "light obscuration", "compliance": "21 CFR Part 11"}, "O"),
    M("PARTICLE_ANALYZER", "Yokogawa Fluid Imaging Technologies", "FlowCam 8100", 2017, "유동 이미징 미립자 분석기", "Flow imaging microscopy",
      35000, {"size_range": "2-1000 um", "application": "subvisible particles in biologics"}, "O"),
    M("PARTICLE_ANALYZER", "Wyatt Technology", "DynaPro Plate Reader III", 2016, "고처리량 DLS", "High-throughput DLS plate reader",
      30000, {"plates": "96/384/1536", "size_range": "0.5-1000 nm"}, "O"),
    # ---------------------------------------------------------------- BIOMOLECULAR_INTERACTION
    M("BIOMOLECULAR_INTERACTION", "Cytiva", "Biacore 8K", 2017, "표면 플라즈몬 공명 분석기(SPR)", "SPR system",
      90000, {"channels": "8 needles x 2 flow cells", "kinetics": "ka 10^3-10^7 /Ms", "throughput": "up to 2300 interactions / 24 h"}, "O",
      "BIACORE 8K SURFACE PLASMON RESONANCE"),
    M("BIOMOLECULAR_INTERACTION", "Cytiva", "Biacore T200", 2011, "표면 플라즈몬 공명 분석기(SPR)", "SPR system",
      70000, {"flow_cells": "4", "sensitivity": "<100 Da"}, "O"),
    M("BIOMOLECULAR_INTERACTION", "Cytiva", "Biacore 1K", 2021, "SPR 분석기", "SPR system (Biacore 1K)",
      70000, {"flow_cells": "4", "throughput": "up to 200 samples unattended"}, "O"),
    M("BIOMOLECULAR_INTERACTION", "Sartorius", "Octet RED96e", 2017, "바이오레이어 간섭 분석기(BLI)", "Bio-layer interferometry",
      50000, {"channels": "8", "plate": "96-well", "application": "titer, kinetics"}, "S"),
    M("BIOMOLECULAR_INTERACTION", "Sartorius", "Octet R8", 2021, "BLI 상호작용 분석기", "BLI system (Octet R8)",
      50000, {"channels": "8", "application": "kinetics, quantitation"}, "S"),
    M("BIOMOLECULAR_INTERACTION", "Malvern Panalytical", "MicroCal PEAQ-ITC", 2015, "등온적정열량계(ITC)", "Isothermal titration calorimeter",
      50000, {"cell_volume": "200 uL", "kd_range": "mM-nM"}, "O"),
    M("BIOMOLECULAR_INTERACTION", "NanoTemper Technologies", "Monolith X", 2021, "미세열영동 분석기(MST)", "MicroScale thermophoresis",
      40000, {"kd_range": "pM-mM", "capillaries": "24"}, "S"),
    M("BIOMOLECULAR_INTERACTION", "Carterra", "LSA", 2018, "고처리량 SPR (에피토프 비닝)", "High-throughput SPR (epitope binning)",
      120000, {"spots": "384 ligand array", "application": "epitope binning, kinetics"}, "A"),
    # ---------------------------------------------------------------- THERMAL_ANALYZER
    M("THERMAL_ANALYZER", "Malvern Panalytical", "MicroCal PEAQ-DSC", 2016, "단백질 시차주사열량계(DSC)", "Protein DSC",
      40000, {"temperature": "-10 to 130 °C", "cell_volume": "130 uL", "autosampler": "yes"}, "O"),
    M("THERMAL_ANALYZER", "TA Instruments", "DSC 2500", 2016, "시차주사열량계(DSC)", "Differential scanning calorimeter",
      25000, {"temperature": "-180 to 725 °C", "cooling": "RCS90"}, "S"),
    M("THERMAL_ANALYZER", "TA Instruments", "TGA 5500", 2016, "열중량분석기(TGA)", "Thermogravimetric analyser",
      25000, {"temperature": "ambient to 1200 °C", "balance": "0.1 ug"}, "S"),
    M("THERMAL_ANALYZER", "TA Instruments", "Q2000", 2008, "시차주사열량계", "DSC",
      20000, {"temperature": "-90 to 550 °C", "modulated": "MDSC"}, "S"),
    M("THERMAL_ANALYZER", "Mettler Toledo", "DSC 3", 2015, "시차주사열량계(DSC)", "DSC",
      25000, {"temperature": "-90 to 700 °C", "sensor": "FRS 6+"}, "S"),
    M("THERMAL_ANALYZER", "NETZSCH", "DSC 214 Polyma", 2014, "고분자 DSC", "DSC for polymers",
      25000, {"temperature": "-170 to 600 °C", "application": "films, elastomers"}, "S"),
    M("THERMAL_ANALYZER", "NanoTemper Technologies", "Prometheus Panta", 2021, "단백질 안정성 분석기(nanoDSF)", "Protein stability (nanoDSF + DLS)",
      40000, {"capillaries": "48", "readouts": "Tm, Tagg, size"}, "O"),
    M("THERMAL_ANALYZER", "NanoTemper Technologies", "Prometheus NT.48", 2016, "nanoDSF 단백질 안정성 분석기", "nanoDSF",
      35000, {"capillaries": "48", "temperature": "15-95 °C"}, "S"),
    M("THERMAL_ANALYZER", "Unchained Labs", "Uncle", 2017, "단백질 안정성 스크리닝(Uncle)", "Protein stability screening",
      40000, {"readouts": "Tm, Tagg, DLS, SLS", "sample": "9 uL"}, "O"),
    # ---------------------------------------------------------------- ELEMENTAL_ANALYZER
    M("ELEMENTAL_ANALYZER", "Agilent Technologies", "7900 ICP-MS", 2014, "유도결합플라즈마 질량분석기(ICP-MS)", "ICP-MS",
      70000, {"detection": "ppt level", "cell": "ORS4 He mode", "application": "elemental impurities (ICH Q3D)"}, "A"),
    M("ELEMENTAL_ANALYZER", "Agilent Technologies", "8900 ICP-QQQ", 2016, "삼중사중극자 ICP-MS", "ICP-QQQ",
      90000, {"mode": "MS/MS", "application": "trace elements"}, "A"),
    M("ELEMENTAL_ANALYZER", "Agilent Technologies", "5110 ICP-OES", 2016, "유도결합플라즈마 분광분석기(ICP-OES)", "ICP-OES",
      40000, {"view": "SVDV", "wavelength": "167-785 nm"}, "A"),
    M("ELEMENTAL_ANALYZER", "PerkinElmer", "NexION 2000", 2017, "ICP-MS 원소분석기", "ICP-MS",
      70000, {"cell": "Universal Cell", "detection": "ppt level"}, "A"),
    M("ELEMENTAL_ANALYZER", "PerkinElmer", "Avio 550 Max", 2020, "ICP-OES 분광분석기", "ICP-OES (simultaneous)",
      40000, {"view": "dual view", "detector": "CCD"}, "A"),
    M("ELEMENTAL_ANALYZER", TF, "iCAP RQ", 2016, "유도결합플라즈마 질량분석기", "ICP-MS",
      70000, {"cell": "QCell (KED)", "detection": "ppt level"}, "A"),
    M("ELEMENTAL_ANALYZER", "Sievers (Veolia)", "M9 Laboratory TOC Analyzer", 2015, "총유기탄소 분석기(TOC)", "TOC analyser",
      20000, {"range": "0.03 ppb-50 ppm", "method": "UV/persulfate oxidation", "compliance": "USP <643>, EP 2.2.44"}, "S",
      "TOTAL ORGANIC CARBON ANALYZER"),
    M("ELEMENTAL_ANALYZER", "Shimadzu", "TOC-L CPH", 2011, "총유기탄소 분석기", "TOC analyser",
      20000, {"method": "680 °C combustion catalytic oxidation", "range": "4 ug/L-30,000 mg/L"}, "S"),
    M("ELEMENTAL_ANALYZER", "Elementar", "vario EL cube", 2010, "원소분석기(CHNS)", "CHNS elemental analyser",
      30000, {"elements": "C, H, N, S, O", "sample": "up to 1 g"}, "A"),
    M("ELEMENTAL_ANALYZER", TF, "Niton XL5 Plus", 2019, "휴대용 XRF 성분분석기", "Handheld XRF analyser",
      10000, {"application": "alloy grade verification (316L)", "detector": "SDD"}, "S"),
    # ---------------------------------------------------------------- CONFOCAL_MICROSCOPE
    M("CONFOCAL_MICROSCOPE", "Carl Zeiss", "LSM 980 with Airyscan 2", 2019, "공초점 레이저 주사 현미경", "Confocal laser scanning microscope",
      50000, {"lasers": "405/488/561/639 nm", "detectors": "32-ch GaAsP + Airyscan 2", "stage": "motorised, incubation"}, "S",
      "CONFOCAL LASER SCANNING MICROSCOPE LSM980"),
    M("CONFOCAL_MICROSCOPE", "Carl Zeiss", "LSM 900", 2019, "공초점 레이저 주사 현미경", "Confocal microscope (LSM 900)",
      40000, {"lasers": "405/488/561/640 nm", "detectors": "GaAsP"}, "S"),
    M("CONFOCAL_MICROSCOPE", "Carl Zeiss", "LSM 880", 2014, "공초점 현미경", "Confocal microscope (LSM 880)",
      40000, {"lasers": "405/458/488/514/561/633 nm", "airyscan": "yes"}, "S"),
    M("CONFOCAL_MICROSCOPE", "Carl Zeiss", "LSM 710", 2008, "공초점 현미경", "Confocal microscope",
      30000, {"lasers": "405/488/561/633 nm", "detectors": "3 PMT"}, "S"),
    M("CONFOCAL_MICROSCOPE", "Leica Microsystems", "STELLARIS 8", 2020, "공초점 현미경(FALCON/TauSense)", "Confocal microscope (STELLARIS 8)",
      50000, {"laser": "white light laser 440-790 nm", "detectors": "Power HyD", "flim": "TauSense"}, "S"),
    M("CONFOCAL_MICROSCOPE", "Leica Microsystems", "STELLARIS 5", 2020, "공초점 현미경", "Confocal microscope",
      40000, {"laser": "WLL 485-685 nm", "detectors": "Power HyD S"}, "S"),
    M("CONFOCAL_MICROSCOPE", "Leica Microsystems", "TCS SP8", 2012, "공초점 레이저 현미경", "Confocal microscope (TCS SP8)",
      40000, {"lasers": "405/488/552/638 nm", "detectors": "2 PMT + 2 HyD"}, "S"),
    M("CONFOCAL_MICROSCOPE", "Nikon", "A1R HD25", 2017, "공초점 현미경(레조넌트 스캐너)", "Confocal microscope (A1R HD25)",
      45000, {"scanner": "resonant + galvano", "field_of_view": "25 mm"}, "S"),
    M("CONFOCAL_MICROSCOPE", "Nikon", "AX R", 2021, "공초점 현미경", "Confocal microscope (AX R)",
      50000, {"scanner": "2K resonant", "field_of_view": "25 mm"}, "S"),
    M("CONFOCAL_MICROSCOPE", "Olympus", "FV3000", 2016, "공초점 레이저 주사 현미경", "Confocal laser scanning microscope",
      40000, {"lasers": "405/488/561/640 nm", "detectors": "TruSpectral GaAsP"}, "S"),
    M("CONFOCAL_MICROSCOPE", "Evident", "FV4000", 2023, "공초점 레이저 주사 현미경", "Confocal microscope (FV4000)",
      50000, {"detectors": "SilVIR", "lasers": "405-785 nm"}, "S"),
    M("CONFOCAL_MICROSCOPE", "Andor (Oxford Instruments)", "Dragonfly 200", 2017, "스피닝디스크 공초점 현미경", "Spinning-disk confocal",
      45000, {"pinhole": "40 um", "camera": "Zyla 4.2 sCMOS"}, "S"),
    # ---------------------------------------------------------------- LIGHT_MICROSCOPE
    M("LIGHT_MICROSCOPE", "Carl Zeiss", "Axio Observer 7", 2016, "도립 형광현미경", "Inverted fluorescence microscope",
      15000, {"illumination": "Colibri 7 LED", "camera": "Axiocam 712 mono", "incubation": "yes"}, "S"),
    M("LIGHT_MICROSCOPE", "Carl Zeiss", "Axio Imager.M2", 2011, "정립 형광현미경", "Upright fluorescence microscope",
      15000, {"objectives": "5x-100x", "camera": "AxioCam MRc"}, "S"),
    M("LIGHT_MICROSCOPE", "Nikon", "Eclipse Ti2-E", 2016, "도립 형광현미경(타임랩스)", "Inverted microscope (time-lapse)",
      15000, {"field_of_view": "25 mm", "perfect_focus": "PFS4"}, "S"),
    M("LIGHT_MICROSCOPE", "Nikon", "Eclipse Ts2", 2016, "도립 위상차 현미경", "Inverted phase-contrast microscope",
      5000, {"objectives": "4x/10x/20x/40x", "illumination": "LED"}, "S"),
    M("LIGHT_MICROSCOPE", "Olympus", "IX73", 2012, "도립 형광현미경", "Inverted fluorescence microscope",
      10000, {"objectives": "4x-60x", "camera": "DP80"}, "S"),
    M("LIGHT_MICROSCOPE", "Olympus", "BX53", 2012, "정립 광학현미경", "Upright microscope",
      8000, {"objectives": "4x-100x", "contrast": "BF, DIC, fluorescence"}, "S"),
    M("LIGHT_MICROSCOPE", "Olympus", "CKX53", 2015, "세포배양 관찰용 도립현미경", "Cell culture microscope",
      3000, {"objectives": "4x/10x/20x", "contrast": "phase, IVC"}, "S"),
    M("LIGHT_MICROSCOPE", "Evident", "IX85", 2023, "자동 도립 현미경", "Automated inverted microscope",
      20000, {"field_of_view": "26.5 mm", "autofocus": "TruFocus"}, "S"),
    M("LIGHT_MICROSCOPE", "Leica Microsystems", "DMi8", 2014, "도립 형광현미경", "Inverted microscope",
      12000, {"objectives": "5x-63x", "camera": "DFC9000"}, "S"),
    M("LIGHT_MICROSCOPE", "Leica Microsystems", "THUNDER Imager Live Cell", 2019, "고속 광시야 형광 이미징", "Widefield imaging (THUNDER)",
      20000, {"computational_clearing": "yes", "incubation": "yes"}, "S"),
    M("LIGHT_MICROSCOPE", "Keyence", "BZ-X800", 2018, "올인원 형광현미경", "All-in-one fluorescence microscope",
      15000, {"stitching": "yes", "filters": "DAPI/GFP/TRITC/Cy5"}, "S"),
    # ---------------------------------------------------------------- ELECTRON_MICROSCOPE
    M("ELECTRON_MICROSCOPE", "JEOL", "JEM-1400Flash", 2017, "투과전자현미경(TEM)", "Transmission electron microscope",
      100000, {"voltage": "40-120 kV", "camera": "Matataki Flash sCMOS"}, "O", "TRANSMISSION ELECTRON MICROSCOPE"),
    M("ELECTRON_MICROSCOPE", "JEOL", "JSM-IT500", 2018, "주사전자현미경(SEM)", "Scanning electron microscope",
      60000, {"resolution": "3.0 nm @ 30 kV", "eds": "yes", "low_vacuum": "yes"}, "O"),
    M("ELECTRON_MICROSCOPE", "JEOL", "JSM-7900F", 2017, "전계방출 주사전자현미경(FE-SEM)", "FE-SEM",
      80000, {"resolution": "0.7 nm @ 1 kV", "detectors": "UED, SED, EDS"}, "O"),
    M("ELECTRON_MICROSCOPE", "Hitachi High-Tech", "HT7800", 2016, "투과전자현미경", "TEM (120 kV)",
      100000, {"voltage": "20-120 kV", "mode": "high-contrast / high-resolution"}, "O"),
    M("ELECTRON_MICROSCOPE", "Hitachi High-Tech", "Regulus 8230", 2017, "전계방출 주사전자현미경", "FE-SEM",
      80000, {"resolution": "0.7 nm @ 15 kV", "eds": "yes"}, "O"),
    M("ELECTRON_MICROSCOPE", "Hitachi High-Tech", "TM4000Plus II", 2020, "탁상형 주사전자현미경", "Tabletop SEM",
      30000, {"voltage": "5/10/15/20 kV", "magnification": "10-100,000x", "eds": "AZtecOne"}, "S"),
    M("ELECTRON_MICROSCOPE", TF, "Talos L120C", 2016, "투과전자현미경(TEM)", "TEM (Talos L120C)",
      100000, {"voltage": "20-120 kV", "camera": "Ceta 16M"}, "O"),
    M("ELECTRON_MICROSCOPE", TF, "Glacios", 2018, "극저온 전자현미경(Cryo-EM)", "Cryo-TEM (Glacios)",
      200000, {"voltage": "200 kV", "detector": "Falcon 4i", "autoloader": "12 grids"}, "A"),
    M("ELECTRON_MICROSCOPE", "Carl Zeiss", "Sigma 300", 2015, "전계방출 주사전자현미경(FE-SEM)", "FE-SEM",
      70000, {"resolution": "1.2 nm @ 15 kV", "detectors": "InLens, SE2"}, "O"),
    M("ELECTRON_MICROSCOPE", "COXEM", "EM-30", 2014, "탁상형 주사전자현미경", "Tabletop SEM",
      25000, {"voltage": "1-30 kV", "magnification": "up to 150,000x"}, "S"),
    # ---------------------------------------------------------------- IMAGING_SYSTEM
    M("IMAGING_SYSTEM", "Bio-Rad", "ChemiDoc MP", 2012, "겔 이미지 분석기", "Gel / blot imaging system",
      10000, {"modes": "chemiluminescence, fluorescence (RGB, NIR)", "resolution": "6 MP CCD"}, "S", "CHEMIDOC MP IMAGING SYSTEM"),
    M("IMAGING_SYSTEM", "Bio-Rad", "ChemiDoc XRS+", 2009, "겔 이미지 분석기", "Gel documentation system",
      8000, {"modes": "UV, white light, chemiluminescence"}, "S"),
    M("IMAGING_SYSTEM", "Cytiva", "Amersham ImageQuant 800", 2020, "화학발광 이미지 분석기", "Chemiluminescence imager",
      12000, {"modes": "chemi, fluorescence (Cy2/Cy3/Cy5)", "camera": "Peltier-cooled CCD"}, "S"),
    M("IMAGING_SYSTEM", "LI-COR", "Odyssey CLx", 2013, "근적외선 형광 이미징 시스템", "NIR fluorescence imager",
      15000, {"channels": "700 / 800 nm", "resolution": "21-337 um"}, "S"),
    M("IMAGING_SYSTEM", "Revvity (PerkinElmer)", "IVIS Spectrum", 2010, "동물 생체 광학 영상장비", "In vivo optical imaging",
      50000, {"modes": "bioluminescence, fluorescence, 3D tomography", "field_of_view": "up to 5 mice"}, "O"),
    M("IMAGING_SYSTEM", "Revvity (PerkinElmer)", "IVIS Lumina III", 2014, "생체 발광·형광 영상장비", "In vivo imaging (Lumina III)",
      40000, {"modes": "bioluminescence, fluorescence", "field_of_view": "12.5 cm"}, "O"),
    M("IMAGING_SYSTEM", "Molecular Devices", "ImageXpress Micro Confocal", 2016, "고함량 이미징 분석기(HCS)", "High-content imaging",
      50000, {"modes": "widefield / spinning-disk confocal", "environment": "CO2, temperature"}, "O"),
    M("IMAGING_SYSTEM", TF, "CellInsight CX7 LZR", 2018, "고함량 스크리닝 이미저", "High-content screening platform",
      40000, {"lasers": "7 channels", "plates": "6-1536 well"}, "O"),
    M("IMAGING_SYSTEM", "Vilber", "Fusion FX", 2014, "화학발광 이미저", "Chemiluminescence imager",
      8000, {"camera": "16-bit CCD", "modes": "chemi, UV, white"}, "S"),
    # ---------------------------------------------------------------- FLOW_CYTOMETER
    M("FLOW_CYTOMETER", "BD Biosciences", "FACSCanto II", 2008, "유세포분석기", "Flow cytometer",
      30000, {"lasers": "405/488/633 nm", "parameters": "8 colours + FSC/SSC", "loader": "HTS"}, "S", "FLOW CYTOMETER FACSCANTO II"),
    M("FLOW_CYTOMETER", "BD Biosciences", "FACSAria III", 2010, "세포 분리 유세포분석기(Cell Sorter)", "Cell sorter",
      80000, {"lasers": "405/488/561/633 nm", "sort": "4-way, 70/85/100/130 um nozzles", "biosafety": "Class II enclosure"}, "O",
      "FACS ARIA III CELL SORTER"),
    M("FLOW_CYTOMETER", "BD Biosciences", "FACSAria Fusion", 2014, "세포 분리기(Cell Sorter)", "Cell sorter (FACSAria Fusion)",
      80000, {"lasers": "355/405/488/561/640 nm", "sort": "6-way", "biosafety": "integrated BSC"}, "O"),
    M("FLOW_CYTOMETER", "BD Biosciences", "FACSymphony A3", 2016, "고차원 유세포분석기", "High-parameter flow cytometer",
      60000, {"lasers": "5 lasers", "parameters": "up to 28 colours"}, "S"),
    M("FLOW_CYTOMETER", "BD Biosciences", "LSRFortessa", 2010, "유세포분석기", "Flow cytometer (LSRFortessa)",
      45000, {"lasers": "405/488/561/640 nm", "parameters": "18 colours"}, "S"),
    M("FLOW_CYTOMETER", "BD Biosciences", "FACSLyric", 2017, "임상용 유세포분석기", "Clinical flow cytometer",
      30000, {"lasers": "3 lasers", "parameters": "12 colours", "ivd": "yes"}, "S"),
    M("FLOW_CYTOMETER", "BD Biosciences", "Accuri C6 Plus", 2016, "탁상형 유세포분석기", "Benchtop flow cytometer",
      15000, {"lasers": "488/640 nm", "parameters": "4 colours"}, "S"),
    M("FLOW_CYTOMETER", "Beckman Coulter", "CytoFLEX S", 2016, "유세포분석기", "Flow cytometer (CytoFLEX S)",
      25000, {"lasers": "405/488/561/638 nm", "parameters": "13 colours"}, "S"),
    M("FLOW_CYTOMETER", "Beckman Coulter", "CytoFLEX LX", 2017, "유세포분석기", "Flow cytometer (CytoFLEX LX)",
      35000, {"lasers": "up to 6", "parameters": "21 colours"}, "S"),
    M("FLOW_CYTOMETER", "Beckman Coulter", "CytoFLEX SRT", 2021, "벤치탑 세포 분리기", "Benchtop cell sorter",
      70000, {"lasers": "4 lasers", "sort": "4-way, plates"}, "O"),
    M("FLOW_CYTOMETER", "Beckman Coulter", "MoFlo Astrios EQ", 2014, "고속 세포 분리기", "High-speed cell sorter",
      90000, {"lasers": "up to 7", "sort": "6-way"}, "O"),
    M("FLOW_CYTOMETER", "Cytek Biosciences", "Aurora", 2017, "스펙트럴 유세포분석기", "Spectral flow cytometer",
      50000, {"lasers": "5 lasers", "detectors": "64 channels", "parameters": "40+ colours"}, "S"),
    M("FLOW_CYTOMETER", TF, "Attune NxT", 2015, "음향 집속 유세포분석기", "Acoustic focusing flow cytometer",
      25000, {"lasers": "4 lasers", "parameters": "14 colours", "autosampler": "96/384"}, "S"),
    M("FLOW_CYTOMETER", "Sony Biotechnology", "SH800S", 2016, "세포 분리기", "Cell sorter (chip-based)",
      50000, {"lasers": "488/561/405/638 nm", "sort": "chip, 4-way / plates"}, "O"),
    # ---------------------------------------------------------------- CELL_COUNTER
    M("CELL_COUNTER", "Beckman Coulter", "Vi-CELL BLU", 2019, "자동 세포 계수기", "Cell viability analyser",
      8000, {"method": "trypan blue", "range": "5x10^4-1x10^7 cells/mL", "carousel": "24 samples"}, "S"),
    M("CELL_COUNTER", "Beckman Coulter", "Vi-CELL XR", 2008, "세포 생존율 분석기", "Cell viability analyser",
      6000, {"method": "trypan blue", "carousel": "9 samples"}, "S"),
    M("CELL_COUNTER", "Roche", "Cedex HiRes", 2010, "세포 계수 분석기", "Cell counter (Cedex HiRes)",
      8000, {"method": "trypan blue, 20 images", "cell_size": "2-70 um"}, "S"),
    M("CELL_COUNTER", "Logos Biosystems", "LUNA-FX7", 2018, "자동 세포 계수기(형광)", "Automated fluorescence cell counter",
      6000, {"method": "AO/PI fluorescence", "slide": "8-channel", "gmp": "21 CFR Part 11 package"}, "S"),
    M("CELL_COUNTER", "Logos Biosystems", "LUNA-II", 2016, "자동 세포 계수기", "Automated cell counter",
      3000, {"method": "brightfield / trypan blue"}, "S"),
    M("CELL_COUNTER", TF, "Countess 3 FL", 2020, "자동 세포 계수기", "Automated cell counter",
      4000, {"method": "brightfield + 2 fluorescence channels"}, "S"),
    M("CELL_COUNTER", "ChemoMetec", "NucleoCounter NC-202", 2018, "세포 계수기(NC-202)", "Cell counter (NC-202)",
      8000, {"method": "AO/DAPI, Via2-Cassette", "cv": "<5 %"}, "S"),
    M("CELL_COUNTER", "Nexcelom (Revvity)", "Cellometer Auto 2000", 2014, "세포 계수기", "Cell viability counter",
      5000, {"method": "AO/PI", "cell_size": "5-80 um"}, "S"),
    # ---------------------------------------------------------------- CELL_CULTURE
    M("CELL_CULTURE", TF, "Heracell VIOS 160i", 2014, "CO2 배양기", "CO2 incubator",
      3000, {"chamber": "165 L", "co2_range": "0-20 %", "decontamination": "140 °C dry heat"}, "S", "CO2 INCUBATOR HERACELL VIOS"),
    M("CELL_CULTURE", TF, "Heracell 150i", 2008, "CO2 배양기", "CO2 incubator",
      2000, {"chamber": "151 L", "co2_range": "0-20 %", "o2_control": "1-21 % (option)"}, "S"),
    M("CELL_CULTURE", TF, "Forma Steri-Cycle i160", 2014, "CO2 배양기", "CO2 incubator",
      2000, {"chamber": "165 L", "sterilisation": "140 °C"}, "S"),
    M("CELL_CULTURE", "Eppendorf", "CellXpert C170i", 2017, "CO2 배양기", "CO2 incubator",
      3000, {"chamber": "170 L", "co2_range": "0.1-20 %", "o2_control": "0.1-90 %"}, "S"),
    M("CELL_CULTURE", "PHCbi", "MCO-170AICUVH", 2016, "CO2 배양기(구리합금)", "CO2 incubator",
      3000, {"chamber": "165 L", "decontamination": "H2O2 + UV"}, "S"),
    M("CELL_CULTURE", "BINDER", "CB 170", 2012, "CO2 배양기", "CO2 incubator",
      2000, {"chamber": "170 L", "sterilisation": "180 °C hot air"}, "S"),
    M("CELL_CULTURE", "Kuhner", "ISF1-X", 2014, "CO2 진탕 배양기", "CO2 shaking incubator",
      5000, {"platform": "up to 50 x 250 mL flasks", "amplitude": "25/50 mm", "humidity": "yes"}, "S"),
    M("CELL_CULTURE", "Infors HT", "Multitron Pro", 2010, "진탕 배양기", "Shaking incubator",
      5000, {"temperature": "4-65 °C", "amplitude": "25/50 mm"}, "S"),
    M("CELL_CULTURE", "Sartorius", "Incucyte SX5", 2021, "실시간 세포 이미징 분석기(Live-cell)", "Live-cell analysis system",
      20000, {"channels": "phase + 3 fluorescence", "capacity": "6 microplates"}, "S"),
    M("CELL_CULTURE", "Sartorius", "IncuCyte S3", 2017, "실시간 세포 이미징 분석기", "Live-cell analysis system",
      15000, {"channels": "phase + 2 fluorescence", "capacity": "6 microplates"}, "S"),
    M("CELL_CULTURE", "대한과학", "WiseCube WIS-20R", 2012, "진탕 배양기", "Shaking incubator",
      2000, {"temperature": "4-60 °C", "speed": "20-300 rpm"}, "S"),
    M("CELL_CULTURE", "비전과학", "VS-8480", 2010, "진탕 배양기", "Shaking incubator",
      2000, {"temperature": "ambient+5-60 °C", "speed": "30-300 rpm"}, "S"),
    M("CELL_CULTURE", "제이오텍", "SI-600R", 2011, "냉각 진탕 배양기", "Refrigerated shaking incubator",
      2000, {"temperature": "4-60 °C", "speed": "30-300 rpm"}, "S"),
    M("CELL_CULTURE", "Memmert", "IN110", 2012, "미생물 배양기", "Microbiological incubator",
      1000, {"chamber": "108 L", "temperature": "ambient+5-80 °C"}, "S"),
    # ---------------------------------------------------------------- BIOSAFETY_CABINET
    M("BIOSAFETY_CABINET", "Esco", "Airstream Class II AC2-4S8", 2012, "생물안전작업대(Class II A2)", "Class II biosafety cabinet",
      3000, {"class": "II A2", "width": "1.2 m", "filter": "ULPA"}, "S", "BIOLOGICAL SAFETY CABINET CLASS II"),
    M("BIOSAFETY_CABINET", "Esco", "Labculture LA2-4A2", 2014, "생물안전작업대", "Biosafety cabinet",
      3000, {"class": "II A2", "width": "1.2 m"}, "S"),
    M("BIOSAFETY_CABINET", "Labconco", "Purifier Logic+ Class II A2", 2012, "생물안전작업대", "Class II A2 biosafety cabinet",
      3000, {"class": "II A2", "width": "1.5 m (5 ft)"}, "S"),
    M("BIOSAFETY_CABINET", TF, "Herasafe 2030i", 2016, "생물안전작업대", "Class II biosafety cabinet",
      3000, {"class": "II A2", "width": "1.8 m", "standard": "EN 12469"}, "S"),
    M("BIOSAFETY_CABINET", TF, "1300 Series A2", 2012, "생물안전작업대", "Class II A2 biosafety cabinet",
      3000, {"class": "II A2", "width": "1.2 m"}, "S"),
    M("BIOSAFETY_CABINET", "NuAire", "LabGard ES NU-540", 2014, "생물안전작업대", "Class II biosafety cabinet",
      3000, {"class": "II A2", "width": "1.8 m"}, "S"),
    M("BIOSAFETY_CABINET", "Esco", "Isoclean Aseptic Isolator", 2015, "무균 격리기(Isolator)", "Aseptic containment isolator",
      20000, {"grade": "ISO 5 / Grade A", "decontamination": "VHP"}, "O"),
    # ---------------------------------------------------------------- PCR
    M("PCR", "Bio-Rad", "CFX96 Touch", 2012, "실시간 유전자 증폭기(qPCR)", "Real-time PCR system",
      10000, {"channels": "5 colour + FRET", "block": "96-well"}, "S", "REAL TIME PCR DETECTION SYSTEM"),
    M("PCR", "Bio-Rad", "CFX Opus 96", 2020, "실시간 유전자 증폭기(qPCR)", "Real-time PCR system",
      10000, {"channels": "5 + FRET", "block": "96-well", "connectivity": "BR.io cloud"}, "S"),
    M("PCR", "Bio-Rad", "CFX384 Touch", 2012, "384웰 실시간 PCR", "384-well real-time PCR",
      12000, {"channels": "4", "block": "384-well"}, "S"),
    M("PCR", "Bio-Rad", "QX200 Droplet Digital PCR", 2014, "디지털 PCR(ddPCR)", "Droplet digital PCR",
      25000, {"partitions": "~20,000 droplets/well", "channels": "FAM/HEX", "application": "AAV titer, residual DNA"}, "O",
      "QX200 DROPLET DIGITAL PCR SYSTEM"),
    M("PCR", "Bio-Rad", "QX ONE", 2020, "디지털 PCR(ddPCR)", "Droplet digital PCR (QX ONE)",
      30000, {"channels": "4", "throughput": "up to 480 samples"}, "O"),
    M("PCR", "Bio-Rad", "C1000 Touch", 2011, "유전자 증폭기(PCR)", "Thermal cycler",
      3000, {"block": "96-well", "gradient": "yes"}, "S"),
    M("PCR", "Roche", "LightCycler 480 II", 2008, "실시간 유전자 증폭기", "Real-time PCR (LightCycler 480 II)",
      10000, {"block": "96/384 (exchangeable)", "channels": "6"}, "S"),
    M("PCR", "Roche", "LightCycler 96", 2013, "실시간 PCR", "Real-time PCR",
      8000, {"block": "96-well", "channels": "4"}, "S"),
    M("PCR", "Applied Biosystems (Thermo Fisher)", "QuantStudio 5", 2015, "실시간 유전자 증폭기(qPCR)", "Real-time PCR",
      10000, {"block": "96-well", "channels": "6"}, "S"),
    M("PCR", "Applied Biosystems (Thermo Fisher)", "QuantStudio 7 Flex", 2013, "실시간 PCR", "Real-time PCR",
      12000, {"block": "96/384 / TaqMan array card"}, "S"),
    M("PCR", "Applied Biosystems (Thermo Fisher)", "QuantStudio Absolute Q", 2021, "디지털 PCR", "Digital PCR",
      25000, {"partitions": "20,480 microchambers", "channels": "4"}, "O"),
    M("PCR", "QIAGEN", "QIAcuity One", 2020, "나노플레이트 디지털 PCR", "Nanoplate digital PCR",
      25000, {"partitions": "8,500 or 26,000", "channels": "5"}, "O"),
    M("PCR", "Bioneer", "Exicycler 96", 2012, "실시간 유전자 증폭기", "Real-time PCR",
      6000, {"block": "96-well", "channels": "4"}, "S"),
    M("PCR", "Applied Biosystems (Thermo Fisher)", "ProFlex PCR System", 2014, "유전자 증폭기", "PCR thermal cycler",
      3000, {"block": "3 x 32-well", "veriflex": "yes"}, "S"),
    # ---------------------------------------------------------------- SEQUENCER
    M("SEQUENCER", "Illumina", "NovaSeq 6000", 2017, "차세대 염기서열 분석기(NGS)", "Next-generation sequencer",
      150000, {"output": "up to 6 Tb / run", "read_length": "2 x 250 bp", "flow_cells": "SP, S1, S2, S4"}, "A",
      "NOVASEQ 6000 SEQUENCING SYSTEM"),
    M("SEQUENCER", "Illumina", "NovaSeq X Plus", 2023, "차세대 염기서열 분석기", "NGS (NovaSeq X Plus)",
      200000, {"output": "up to 16 Tb / run", "chemistry": "XLEAP-SBS"}, "A"),
    M("SEQUENCER", "Illumina", "MiSeq", 2011, "소형 차세대 염기서열 분석기", "Benchtop sequencer (MiSeq)",
      60000, {"output": "up to 15 Gb", "read_length": "2 x 300 bp"}, "O"),
    M("SEQUENCER", "Illumina", "NextSeq 2000", 2020, "차세대 염기서열 분석기", "NGS (NextSeq 2000)",
      100000, {"output": "up to 360 Gb", "read_length": "2 x 300 bp"}, "A"),
    M("SEQUENCER", "Illumina", "iSeq 100", 2018, "소형 NGS", "Benchtop sequencer (iSeq 100)",
      40000, {"output": "1.2 Gb", "read_length": "2 x 150 bp"}, "O"),
    M("SEQUENCER", "Oxford Nanopore Technologies", "MinION Mk1C", 2020, "나노포어 염기서열 분석기", "Nanopore sequencer",
      20000, {"flow_cell": "R10.4.1", "read_length": "long reads (>100 kb)"}, "S"),
    M("SEQUENCER", "Oxford Nanopore Technologies", "GridION", 2017, "나노포어 염기서열 분석기", "Nanopore sequencer (GridION)",
      50000, {"flow_cells": "5", "basecalling": "on-board GPU"}, "O"),
    M("SEQUENCER", "Oxford Nanopore Technologies", "PromethION 2 Solo", 2022, "나노포어 염기서열 분석기", "Nanopore sequencer (P2 Solo)",
      60000, {"flow_cells": "2 PromethION", "output": "up to 290 Gb / flow cell"}, "O"),
    M("SEQUENCER", "Applied Biosystems (Thermo Fisher)", "SeqStudio", 2017, "모세관 염기서열 분석기(Sanger)", "Capillary sequencer (Sanger)",
      20000, {"capillaries": "4", "read_length": "~800 bp"}, "S"),
    M("SEQUENCER", "Applied Biosystems (Thermo Fisher)", "3730xl DNA Analyzer", 2008, "DNA 염기서열 분석기(Sanger)", "DNA analyser (Sanger)",
      40000, {"capillaries": "96", "read_length": "~1000 bp"}, "A"),
    M("SEQUENCER", "PacBio", "Sequel IIe", 2020, "장분자 염기서열 분석기(HiFi)", "Long-read sequencer (HiFi)",
      200000, {"smrt_cell": "8M", "read_length": "HiFi 15-20 kb"}, "A"),
    M("SEQUENCER", TF, "Ion GeneStudio S5", 2017, "반도체 염기서열 분석기", "Ion semiconductor sequencer",
      60000, {"chips": "510-550", "read_length": "up to 600 bp"}, "O"),
    # ---------------------------------------------------------------- NUCLEIC_ACID_ANALYZER
    M("NUCLEIC_ACID_ANALYZER", "Agilent Technologies", "2100 Bioanalyzer", 2008, "핵산·단백질 전기영동 분석기", "Bioanalyzer",
      10000, {"chips": "DNA, RNA, protein", "samples": "11-12 / chip"}, "S", "BIOANALYZER 2100 SYSTEM"),
    M("NUCLEIC_ACID_ANALYZER", "Agilent Technologies", "TapeStation 4200", 2015, "자동 전기영동 분석기(TapeStation)", "Automated electrophoresis",
      12000, {"screentapes": "gDNA, D1000, HS D5000, RNA", "samples": "1-96"}, "S"),
    M("NUCLEIC_ACID_ANALYZER", "Agilent Technologies", "TapeStation 4150", 2017, "자동 전기영동 분석기", "Automated electrophoresis",
      10000, {"samples": "1-16"}, "S"),
    M("NUCLEIC_ACID_ANALYZER", "Agilent Technologies", "Fragment Analyzer 5200", 2017, "핵산 단편 분석기", "Fragment analyser",
      15000, {"capillaries": "12", "application": "mRNA integrity, NGS library QC"}, "O"),
    M("NUCLEIC_ACID_ANALYZER", TF, "NanoDrop One", 2016, "미량 분광광도계(핵산 정량)", "Microvolume spectrophotometer",
      3000, {"sample": "1-2 uL", "range": "2-27,500 ng/uL dsDNA"}, "S"),
    M("NUCLEIC_ACID_ANALYZER", TF, "NanoDrop 2000", 2009, "미량 분광광도계", "Microvolume UV-Vis",
      2000, {"sample": "0.5-2 uL"}, "S"),
    M("NUCLEIC_ACID_ANALYZER", TF, "Qubit 4 Fluorometer", 2017, "형광 핵산 정량기", "Fluorometer (Qubit 4)",
      2000, {"assays": "dsDNA, RNA, protein"}, "S"),
    # ---------------------------------------------------------------- LIQUID_HANDLER
    M("LIQUID_HANDLER", "Hamilton", "Microlab STAR", 2010, "자동 분주 시스템", "Liquid handling robot",
      20000, {"channels": "8 x 1 mL + CO-RE 96", "deck": "54 tracks"}, "O", "HAMILTON STAR LIQUID HANDLING WORKSTATION"),
    M("LIQUID_HANDLER", "Hamilton", "Microlab STARlet", 2012, "자동 분주기", "Liquid handler (STARlet)",
      15000, {"channels": "8", "deck": "30 tracks"}, "O"),
    M("LIQUID_HANDLER", "Hamilton", "Microlab VANTAGE", 2016, "자동 분주 시스템", "Liquid handling platform",
      25000, {"channels": "8 + 96 head", "integration": "incubator, reader"}, "O"),
    M("LIQUID_HANDLER", "Tecan", "Freedom EVO 150", 2010, "자동 분주기", "Liquid handling workstation",
      15000, {"channels": "8 (LiHa)", "arm": "RoMa"}, "O"),
    M("LIQUID_HANDLER", "Tecan", "Fluent 780", 2016, "자동 분주 시스템", "Liquid handling (Fluent 780)",
      25000, {"channels": "8 FCA + MCA 96", "deck": "78 grid"}, "O"),
    M("LIQUID_HANDLER", "Beckman Coulter", "Biomek i7", 2016, "자동 분주 워크스테이션", "Automated workstation (Biomek i7)",
      25000, {"heads": "96/384 multichannel + 8 span", "application": "NGS library prep"}, "O"),
    M("LIQUID_HANDLER", "Beckman Coulter", "Biomek i5", 2016, "자동 분주기", "Liquid handler (Biomek i5)",
      20000, {"heads": "96 multichannel"}, "O"),
    M("LIQUID_HANDLER", "Opentrons", "OT-2", 2018, "오픈소스 자동 분주 로봇", "Open-source pipetting robot",
      5000, {"pipettes": "1- and 8-channel", "api": "Python protocol API"}, "S"),
    M("LIQUID_HANDLER", "Opentrons", "Flex", 2023, "자동 분주 로봇", "Liquid handling robot (Flex)",
      8000, {"pipettes": "1/8/96-channel", "gripper": "yes"}, "S"),
    M("LIQUID_HANDLER", "Eppendorf", "epMotion 5075t", 2014, "자동 분주기", "Automated pipetting system",
      10000, {"tools": "single / 8-channel", "thermomixer": "yes"}, "S"),
    M("LIQUID_HANDLER", "INTEGRA Biosciences", "ASSIST PLUS", 2018, "전동 피펫 분주 보조기", "Pipetting robot (ASSIST PLUS)",
      4000, {"pipettes": "VOYAGER / EVOLVE"}, "S"),
    M("LIQUID_HANDLER", TF, "KingFisher Flex", 2012, "자동 핵산 추출기", "Magnetic-particle processor",
      5000, {"format": "96 deep-well", "application": "DNA/RNA extraction"}, "S"),
    # ---------------------------------------------------------------- BIOREACTOR
    M("BIOREACTOR", "Eppendorf", "BioFlo 320", 2014, "생물반응기(발효기)", "Bioreactor / fermentor",
      10000, {"vessel": "1-10 L autoclavable glass", "control": "pH, DO, temperature, agitation, gas mix",
              "application": "microbial & mammalian"}, "S", "BIOFLO 320 BIOPROCESS CONTROL STATION"),
    M("BIOREACTOR", "Eppendorf", "BioFlo 120", 2015, "벤치탑 생물반응기", "Benchtop bioreactor",
      8000, {"vessel": "0.25-40 L", "control": "pH, DO, temperature"}, "S"),
    M("BIOREACTOR", "Eppendorf", "DASGIP Parallel Bioreactor System", 2010, "병렬 생물반응기(4 vessel)", "Parallel bioreactor system (4 vessels)",
      15000, {"vessels": "4 x 1 L", "control": "pH, DO, gas mixing, feeding"}, "S"),
    M("BIOREACTOR", "Sartorius", "BIOSTAT B", 2010, "5 L 발효기", "5 L benchtop fermenter",
      8000, {"vessel": "5 L glass, double jacket", "application": "microbial"}, "S"),
    M("BIOREACTOR", "Sartorius", "BIOSTAT A", 2015, "벤치탑 생물반응기", "Benchtop bioreactor",
      6000, {"vessel": "1-5 L", "control": "pH, DO, temperature"}, "S"),
    M("BIOREACTOR", "Sartorius", "BIOSTAT Cplus 30 L", 2010, "30 L 파일럿 발효기(SIP)", "30 L pilot fermenter (SIP)",
      25000, {"working_volume": "30 L", "sterilisation": "steam-in-place", "application": "microbial"}, "O"),
    M("BIOREACTOR", "Sartorius", "BIOSTAT D-DCU 100 L", 2012, "100 L 발효기", "100 L fermenter (SIP)",
      40000, {"working_volume": "100 L", "sterilisation": "SIP", "cip": "yes"}, "O"),
    M("BIOREACTOR", "코바이오텍", "KF-500L", 2012, "500 L 미생물 발효기", "500 L microbial fermenter",
      60000, {"working_volume": "350 L", "sterilisation": "SIP", "control": "pH, DO, foam, feed"}, "O"),
    M("BIOREACTOR", "코바이오텍", "KF-50L", 2010, "50 L 발효기", "50 L fermenter",
      30000, {"working_volume": "35 L", "sterilisation": "SIP"}, "O"),
    M("BIOREACTOR", "Getinge (Applikon)", "ez2-Control 7 L", 2019, "벤치탑 생물반응기", "Benchtop bioreactor (7 L)",
      10000, {"vessel": "7 L autoclavable", "control": "pH, DO, temperature, level"}, "S"),
    # ---------------------------------------------------------------- SINGLE_USE_BIOREACTOR
    M("SINGLE_USE_BIOREACTOR", TF, "HyPerforma S.U.B. 50 L", 2013, "50L 일회용 생물반응기", "50 L single-use bioreactor",
      40000, {"working_volume": "25-50 L", "controller": "TruBio", "cells": "CHO, HEK293"}, "O", "HYPERFORMA SINGLE USE BIOREACTOR 50L"),
    M("SINGLE_USE_BIOREACTOR", TF, "HyPerforma S.U.B. 250 L", 2013, "250L 일회용 생물반응기", "250 L single-use bioreactor",
      60000, {"working_volume": "125-250 L", "controller": "TruBio"}, "O"),
    M("SINGLE_USE_BIOREACTOR", TF, "HyPerforma DynaDrive S.U.B. 500 L", 2020, "500L 일회용 생물반응기", "500 L single-use bioreactor",
      80000, {"working_volume": "50-500 L", "turndown": "10:1"}, "O"),
    M("SINGLE_USE_BIOREACTOR", "Sartorius", "BIOSTAT STR 50", 2012, "50L 일회용 생물반응기", "50 L single-use bioreactor (STR)",
      40000, {"working_volume": "12.5-50 L", "bag": "Flexsafe STR"}, "O"),
    M("SINGLE_USE_BIOREACTOR", "Sartorius", "BIOSTAT STR 200", 2012, "200L 일회용 생물반응기", "200 L single-use bioreactor (STR)",
      60000, {"working_volume": "50-200 L", "bag": "Flexsafe STR"}, "O"),
    M("SINGLE_USE_BIOREACTOR", "Sartorius", "BIOSTAT STR 2000", 2013, "2000L 일회용 생물반응기", "2000 L single-use bioreactor",
      None, {"working_volume": "500-2000 L", "automation": "DeltaV"}, "O", None, ("prod",)),
    M("SINGLE_USE_BIOREACTOR", "Sartorius", "ambr 250 high throughput", 2014, "소형 병렬 일회용 생물반응기(ambr 250)",
      "ambr 250 mini bioreactors (12/24-way)", 50000, {"vessels": "12 or 24 x 250 mL", "application": "clone selection, DoE"}, "O",
      "AMBR 250 HIGH THROUGHPUT BIOREACTOR SYSTEM"),
    M("SINGLE_USE_BIOREACTOR", "Sartorius", "ambr 15 cell culture", 2012, "ambr 15 마이크로 생물반응기", "ambr 15 micro bioreactors",
      40000, {"vessels": "24 or 48 x 15 mL", "liquid_handler": "integrated"}, "O"),
    M("SINGLE_USE_BIOREACTOR", "Cytiva", "Xcellerex XDR-200", 2012, "200L 일회용 생물반응기", "200 L single-use bioreactor",
      60000, {"working_volume": "40-200 L", "mixing": "magnetic impeller"}, "O"),
    M("SINGLE_USE_BIOREACTOR", "Cytiva", "Xcellerex XDR-50", 2012, "50L 일회용 생물반응기", "50 L single-use bioreactor",
      40000, {"working_volume": "10-50 L"}, "O"),
    M("SINGLE_USE_BIOREACTOR", "Cytiva", "Xcellerex XDR-2000", 2014, "2000L 일회용 생물반응기", "2000 L single-use bioreactor",
      None, {"working_volume": "400-2000 L", "automation": "Figurate / DeltaV"}, "O", None, ("prod",)),
    M("SINGLE_USE_BIOREACTOR", "Cytiva", "ReadyToProcess WAVE 25", 2014, "웨이브 생물반응기(Rocking)", "Rocking bioreactor",
      20000, {"bags": "0.3-25 L Cellbag", "application": "seed train, cell therapy"}, "S"),
    M("SINGLE_USE_BIOREACTOR", "Merck (MilliporeSigma)", "Mobius 50 L", 2013, "50L 일회용 생물반응기", "50 L single-use bioreactor",
      40000, {"working_volume": "10-50 L", "controller": "Mobius Bioreactor controller"}, "O"),
    M("SINGLE_USE_BIOREACTOR", "Merck (MilliporeSigma)", "Mobius 200 L", 2013, "200L 일회용 생물반응기", "200 L single-use bioreactor",
      60000, {"working_volume": "40-200 L"}, "O"),
    M("SINGLE_USE_BIOREACTOR", "Merck (MilliporeSigma)", "Mobius CellReady 3 L", 2011, "3 L 일회용 생물반응기", "3 L single-use bioreactor",
      10000, {"working_volume": "1-2.4 L", "application": "process development"}, "S"),
    M("SINGLE_USE_BIOREACTOR", "Eppendorf", "BioFlo 320 with BioBLU 5c", 2016, "일회용 용기 적용 생물반응기", "Bioreactor with single-use BioBLU vessels",
      12000, {"vessel": "BioBLU 5c (3.75 L)", "control": "pH, DO, temperature"}, "S"),
    # ---------------------------------------------------------------- MEDIA_PREPARATION
    M("MEDIA_PREPARATION", TF, "HyPerforma Single-Use Mixer 200 L", 2013, "200L 일회용 배지·버퍼 혼합기", "200 L single-use mixer",
      20000, {"volume": "40-200 L", "bag": "BPC with integrated impeller"}, "S"),
    M("MEDIA_PREPARATION", "Sartorius", "Flexsafe Pro Mixer 200 L", 2018, "200L 일회용 혼합기", "200 L single-use mixer",
      20000, {"volume": "20-200 L", "sensors": "pH, conductivity"}, "S"),
    M("MEDIA_PREPARATION", "Merck (MilliporeSigma)", "Mobius Power MIX 200", 2014, "일회용 분말 혼합기", "Single-use powder mixer",
      20000, {"volume": "200 L", "application": "media / buffer from powder"}, "S"),
    M("MEDIA_PREPARATION", "Cytiva", "Xcellerex XDUO Quad Mixer", 2014, "일회용 혼합 시스템", "Single-use mixing system",
      20000, {"volume": "100-2500 L", "mixing": "magnetic drive"}, "S"),
    M("MEDIA_PREPARATION", "INTEGRA Biosciences", "MEDIACLAVE 10", 2012, "배지 멸균기", "Media sterilizer",
      8000, {"volume": "1-10 L", "cycle": "heat, sterilise, cool"}, "S"),
    M("MEDIA_PREPARATION", "INTEGRA Biosciences", "MEDIAJET vario", 2012, "배지 자동 분주기", "Petri dish filler",
      5000, {"throughput": "up to 900 plates/h"}, "S"),
    # ---------------------------------------------------------------- CENTRIFUGE
    M("CENTRIFUGE", "Beckman Coulter", "Optima XPN-100", 2013, "초고속 원심분리기", "Ultracentrifuge",
      20000, {"max_speed": "100,000 rpm", "max_rcf": "802,000 x g", "rotors": "SW 41 Ti, Type 70 Ti"}, "S", "ULTRA CENTRIFUGE OPTIMA XPN-100"),
    M("CENTRIFUGE", "Beckman Coulter", "Optima XE-90", 2012, "초원심분리기", "Ultracentrifuge",
      18000, {"max_speed": "90,000 rpm", "max_rcf": "694,000 x g"}, "S"),
    M("CENTRIFUGE", "Beckman Coulter", "Optima MAX-XP", 2013, "탁상형 초원심분리기", "Benchtop ultracentrifuge",
      15000, {"max_speed": "150,000 rpm", "max_rcf": "1,019,000 x g"}, "S"),
    M("CENTRIFUGE", "Beckman Coulter", "Avanti JXN-26", 2013, "고속 냉각 원심분리기", "High-speed refrigerated centrifuge",
      10000, {"max_speed": "26,000 rpm", "max_rcf": "81,770 x g", "capacity": "6 x 1 L (JLA-8.1000)"}, "S"),
    M("CENTRIFUGE", "Beckman Coulter", "Allegra X-15R", 2008, "대용량 냉장 원심분리기", "Benchtop refrigerated centrifuge",
      6000, {"max_rcf": "6,000 x g", "capacity": "4 x 750 mL"}, "S"),
    M("CENTRIFUGE", "Eppendorf", "5810 R", 2010, "냉장 원심분리기", "Refrigerated centrifuge",
      5000, {"max_rcf": "20,913 x g", "capacity": "4 x 750 mL / plates"}, "S"),
    M("CENTRIFUGE", "Eppendorf", "5430 R", 2012, "마이크로 냉장 원심분리기", "Refrigerated microcentrifuge",
      5000, {"max_rcf": "30,130 x g", "capacity": "30 x 1.5/2.0 mL"}, "S"),
    M("CENTRIFUGE", TF, "Sorvall LYNX 6000", 2014, "고속 원심분리기", "Superspeed centrifuge",
      10000, {"max_rcf": "100,605 x g", "capacity": "6 x 1 L"}, "S"),
    M("CENTRIFUGE", TF, "Sorvall WX+ Ultra", 2013, "초원심분리기", "Ultracentrifuge",
      18000, {"max_speed": "100,000 rpm", "max_rcf": "802,000 x g"}, "S"),
    M("CENTRIFUGE", TF, "Heraeus Multifuge X3R", 2012, "다목적 냉장 원심분리기", "Multipurpose refrigerated centrifuge",
      6000, {"max_rcf": "25,830 x g", "capacity": "4 x 1000 mL"}, "S"),
    M("CENTRIFUGE", "Hitachi (himac)", "CR22N", 2012, "고속 냉각 원심분리기", "High-speed refrigerated centrifuge",
      10000, {"max_speed": "22,000 rpm", "capacity": "6 x 1 L"}, "S"),
    M("CENTRIFUGE", "Hitachi (himac)", "CP80NX", 2015, "초원심분리기", "Preparative ultracentrifuge",
      18000, {"max_speed": "80,000 rpm", "max_rcf": "615,000 x g"}, "S"),
    M("CENTRIFUGE", "한일과학", "Supra R22", 2010, "고속 냉각 원심분리기", "High-speed refrigerated centrifuge",
      6000, {"max_speed": "22,000 rpm", "capacity": "6 x 500 mL"}, "S"),
    M("CENTRIFUGE", "한일과학", "Combi-514R", 2012, "다목적 냉장 원심분리기", "Refrigerated centrifuge",
      5000, {"max_speed": "14,000 rpm", "capacity": "4 x 500 mL"}, "S"),
    M("CENTRIFUGE", "Alfa Laval", "CultureFuge 100", 2013, "연속식 디스크 원심분리기", "Continuous disc-stack centrifuge",
      20000, {"throughput": "up to 100 L/h", "application": "cell culture harvest"}, "O"),
    M("CENTRIFUGE", "GEA", "CSC 6", 2010, "연속 원심분리기(디스크 스택)", "Disc-stack separator",
      20000, {"throughput": "up to 300 L/h", "application": "microbial broth clarification"}, "O"),
    # ---------------------------------------------------------------- CHROMATOGRAPHY_SYSTEM
    M("CHROMATOGRAPHY_SYSTEM", "Cytiva", "ÄKTA pure 25", 2012, "단백질 정제 크로마토그래피(FPLC)", "Protein purification system (FPLC)",
      15000, {"flow_rate": "0.001-25 mL/min", "pressure": "20 MPa", "fraction_collector": "F9-C"}, "S", "AKTA PURE 25 PROTEIN PURIFICATION SYSTEM"),
    M("CHROMATOGRAPHY_SYSTEM", "Cytiva", "ÄKTA pure 150", 2013, "단백질 정제 크로마토그래피", "Protein purification system",
      18000, {"flow_rate": "up to 150 mL/min", "pressure": "5 MPa"}, "S"),
    M("CHROMATOGRAPHY_SYSTEM", "Cytiva", "ÄKTA avant 150", 2010, "공정개발용 크로마토그래피", "Process-development chromatography",
      25000, {"flow_rate": "up to 150 mL/min", "software": "UNICORN 7 (DoE)", "scouting": "column / buffer valves"}, "S"),
    M("CHROMATOGRAPHY_SYSTEM", "Cytiva", "ÄKTA avant 25", 2010, "크로마토그래피 시스템", "Chromatography system",
      20000, {"flow_rate": "up to 25 mL/min", "software": "UNICORN 7"}, "S"),
    M("CHROMATOGRAPHY_SYSTEM", "Cytiva", "ÄKTA pilot 600", 2015, "파일럿 스케일 크로마토그래피", "Pilot-scale chromatography",
      40000, {"flow_rate": "up to 600 mL/min", "gmp": "GMP-ready, cGMP documentation"}, "O"),
    M("CHROMATOGRAPHY_SYSTEM", "Cytiva", "ÄKTA ready", 2009, "일회용 유로 공정 크로마토그래피", "Single-use flow-path chromatography",
      40000, {"flow_rate": "up to 30 L/h", "flow_kit": "ReadyCircuit"}, "O"),
    M("CHROMATOGRAPHY_SYSTEM", "Cytiva", "ÄKTA go", 2020, "단백질 정제 시스템", "Protein purification system (ÄKTA go)",
      10000, {"flow_rate": "up to 25 mL/min"}, "S"),
    M("CHROMATOGRAPHY_SYSTEM", "Cytiva", "ÄKTA process", 2010, "공정용 크로마토그래피", "Process chromatography",
      None, {"flow_rate": "up to 1800 L/h", "automation": "UNICORN"}, "O", None, ("prod",)),
    M("CHROMATOGRAPHY_SYSTEM", "Bio-Rad", "NGC Quest 10 Plus", 2013, "단백질 정제 크로마토그래피", "Medium-pressure chromatography",
      12000, {"flow_rate": "up to 10 mL/min", "detector": "multi-wavelength"}, "S"),
    M("CHROMATOGRAPHY_SYSTEM", "Bio-Rad", "NGC Discover 100 Pro", 2014, "공정개발용 크로마토그래피", "Chromatography (NGC Discover)",
      18000, {"flow_rate": "up to 100 mL/min", "scouting": "buffer blending"}, "S"),
    M("CHROMATOGRAPHY_SYSTEM", "Sartorius", "Resolute BioSMB PD", 2017, "연속 다중컬럼 크로마토그래피", "Continuous multi-column chromatography",
      50000, {"columns": "up to 16", "application": "continuous Protein A capture"}, "O"),
    M("CHROMATOGRAPHY_SYSTEM", "KNAUER", "AZURA Bio purification system", 2016, "단백질 정제 시스템", "Bio purification system",
      12000, {"flow_rate": "up to 50 mL/min", "pressure": "20 MPa"}, "S"),
    # ---------------------------------------------------------------- FILTRATION_SYSTEM
    M("FILTRATION_SYSTEM", "Sartorius", "Sartoflow Smart", 2019, "접선유동여과 시스템(TFF)", "TFF system",
      20000, {"membrane_area": "0.1-0.7 m2", "application": "UF/DF of mAb, mRNA"}, "S", "SARTOFLOW SMART TANGENTIAL FLOW FILTRATION"),
    M("FILTRATION_SYSTEM", "Sartorius", "Sartoflow Advanced", 2014, "파일럿 TFF 시스템", "Pilot TFF system",
      30000, {"membrane_area": "0.6-3.5 m2", "control": "TMP / flux control"}, "O"),
    M("FILTRATION_SYSTEM", "Repligen", "KrosFlo KR2i", 2015, "TFF 시스템(중공사)", "TFF system (hollow fibre)",
      15000, {"flow_rate": "up to 2.3 L/min", "application": "ATF/TFF, viral vector concentration"}, "S"),
    M("FILTRATION_SYSTEM", "Repligen", "KrosFlo TFDF", 2020, "접선유동 깊이여과(TFDF)", "Tangential flow depth filtration",
      25000, {"application": "clarification of AAV / LV harvest"}, "O"),
    M("FILTRATION_SYSTEM", "Cytiva", "ÄKTA flux s", 2012, "TFF 시스템", "Crossflow filtration system",
      20000, {"membrane_area": "up to 0.5 m2", "formats": "hollow fibre / cassette"}, "S"),
    M("FILTRATION_SYSTEM", "Cytiva", "ÄKTA flux 6", 2012, "TFF 시스템(파일럿)", "Crossflow filtration (pilot)",
      25000, {"membrane_area": "up to 2.5 m2"}, "O"),
    M("FILTRATION_SYSTEM", "Merck (MilliporeSigma)", "Cogent µScale TFF", 2011, "소형 TFF 시스템", "Bench-scale TFF",
      15000, {"membrane": "Pellicon 3 (88 cm2-0.11 m2)"}, "S"),
    M("FILTRATION_SYSTEM", "Merck (MilliporeSigma)", "Cogent M1", 2011, "TFF 시스템", "TFF system (Cogent M1)",
      20000, {"membrane": "Pellicon 2/3 up to 2.5 m2"}, "O"),
    M("FILTRATION_SYSTEM", "Sartorius", "Sartocheck 5 Plus", 2016, "필터 완전성 시험기", "Filter integrity tester",
      10000, {"tests": "bubble point, diffusion, pressure hold, WIT", "compliance": "21 CFR Part 11"}, "S"),
    M("FILTRATION_SYSTEM", "Sartorius", "Sartocheck 4 plus", 2010, "필터 완전성 시험기", "Filter integrity tester",
      8000, {"tests": "bubble point, diffusion, WIT"}, "S"),
    M("FILTRATION_SYSTEM", "Pall", "Palltronic Flowstar IV", 2012, "필터 완전성 시험기", "Filter integrity tester",
      10000, {"tests": "forward flow, bubble point, WIT"}, "S"),
    M("FILTRATION_SYSTEM", "Merck (MilliporeSigma)", "Integritest 5", 2019, "필터 완전성 시험기", "Filter integrity tester",
      10000, {"tests": "bubble point, diffusion, HydroCorr"}, "S"),
    # ---------------------------------------------------------------- HOMOGENIZER
    M("HOMOGENIZER", "Avestin", "EmulsiFlex-C3", 2010, "고압 균질기(세포파쇄기)", "High-pressure homogenizer",
      10000, {"pressure": "up to 30,000 psi", "throughput": "3 L/h"}, "S", "HIGH PRESSURE HOMOGENIZER EMULSIFLEX"),
    M("HOMOGENIZER", "Avestin", "EmulsiFlex-C5", 2012, "고압 균질기", "High-pressure homogenizer",
      12000, {"pressure": "up to 30,000 psi", "throughput": "5 L/h"}, "S"),
    M("HOMOGENIZER", "GEA", "Panda PLUS 2000", 2011, "고압 균질기(세포파쇄)", "High-pressure homogenizer (lab)",
      12000, {"pressure": "up to 2000 bar", "throughput": "9-10 L/h"}, "S"),
    M("HOMOGENIZER", "GEA", "Ariete NS2006", 2014, "파일럿 고압 균질기", "Pilot high-pressure homogenizer",
      20000, {"pressure": "up to 1500 bar", "throughput": "up to 100 L/h"}, "O"),
    M("HOMOGENIZER", "Microfluidics", "LM20", 2014, "마이크로플루이다이저", "Microfluidizer",
      15000, {"pressure": "up to 30,000 psi", "application": "cell lysis, nanoemulsion"}, "S"),
    M("HOMOGENIZER", "Microfluidics", "M-110P", 2010, "마이크로플루이다이저", "Microfluidizer processor",
      12000, {"pressure": "up to 30,000 psi", "minimum_sample": "50 mL"}, "S"),
    M("HOMOGENIZER", "IKA", "T 25 digital ULTRA-TURRAX", 2010, "조직 균질기", "Dispersing instrument",
      3000, {"speed": "3,000-25,000 rpm", "volume": "1-1500 mL"}, "S"),
    M("HOMOGENIZER", "Sonics & Materials", "Vibra-Cell VCX 750", 2010, "초음파 세포파쇄기", "Ultrasonic processor",
      3000, {"power": "750 W", "frequency": "20 kHz"}, "S"),
    M("HOMOGENIZER", "Bertin Technologies", "Precellys Evolution", 2017, "비드 균질기", "Bead-beating homogenizer",
      5000, {"tubes": "24 x 2 mL", "cooling": "Cryolys"}, "S"),
    M("HOMOGENIZER", "대한과학", "WiseTis HG-15D", 2012, "조직 균질기", "Homogenizer",
      3000, {"speed": "up to 27,000 rpm"}, "S"),
    # ---------------------------------------------------------------- FREEZE_DRYER
    M("FREEZE_DRYER", "SP Scientific", "LyoStar 3", 2013, "파일럿 동결건조기", "Pilot freeze dryer",
      30000, {"shelf_area": "0.46 m2", "condenser": "-85 °C, 20 kg", "pat": "ControLyo nucleation"}, "O", "LYOSTAR 3 PILOT FREEZE DRYER"),
    M("FREEZE_DRYER", "SP Scientific", "VirTis Genesis Pilot 25EL", 2010, "파일럿 동결건조기", "Pilot lyophiliser",
      25000, {"shelf_area": "0.5 m2", "condenser": "-70 °C"}, "O"),
    M("FREEZE_DRYER", "Martin Christ", "Epsilon 2-6D LSCplus", 2014, "파일럿 동결건조기(바이알)", "Pilot freeze dryer (vials)",
      30000, {"shelf_area": "0.5 m2", "condenser": "-85 °C, 6 kg", "stoppering": "hydraulic"}, "O"),
    M("FREEZE_DRYER", "Martin Christ", "Alpha 1-4 LDplus", 2012, "탁상형 동결건조기", "Benchtop freeze dryer",
      8000, {"condenser": "-55 °C, 4 kg"}, "S"),
    M("FREEZE_DRYER", "Labconco", "FreeZone 4.5 L", 2010, "동결건조기", "Freeze dryer",
      5000, {"condenser": "-84 °C, 4.5 L"}, "S"),
    M("FREEZE_DRYER", "Labconco", "FreeZone 12 L", 2012, "동결건조기", "Freeze dryer (12 L)",
      8000, {"condenser": "-84 °C, 12 L"}, "S"),
    M("FREEZE_DRYER", "Telstar", "LyoBeta 25", 2014, "파일럿 동결건조기", "Pilot freeze dryer",
      30000, {"shelf_area": "0.4 m2", "condenser": "-85 °C"}, "O"),
    M("FREEZE_DRYER", "일신바이오베이스", "FD8508", 2015, "동결건조기", "Freeze dryer",
      5000, {"condenser": "-85 °C, 8 L"}, "S"),
    M("FREEZE_DRYER", "일신바이오베이스", "FD5508", 2012, "동결건조기", "Freeze dryer",
      4000, {"condenser": "-55 °C, 8 L"}, "S"),
    # ---------------------------------------------------------------- FILLING_MACHINE
    M("FILLING_MACHINE", "Vanrx (Cytiva)", "SA25 Aseptic Filling Workcell", 2016, "무균 충전 워크셀(Isolator)", "Aseptic filling workcell",
      80000, {"containers": "vials, syringes, cartridges (nested)", "isolator": "VHP decontaminated", "robot": "gloveless"}, "O"),
    M("FILLING_MACHINE", "Vanrx (Cytiva)", "Microcell Vial Filler", 2020, "무균 바이알 충전기", "Aseptic vial filler",
      50000, {"containers": "nested vials", "isolator": "gloveless"}, "O"),
    M("FILLING_MACHINE", "Watson-Marlow", "Flexicon FPC50", 2014, "연동펌프식 충전기", "Peristaltic filling system",
      15000, {"accuracy": "±0.5 %", "volume": "0.1-250 mL"}, "S", "PERISTALTIC FILLING MACHINE FLEXICON"),
    M("FILLING_MACHINE", "groninger", "FlexPro 50", 2017, "바이알·시린지 충전기", "Filling and closing machine",
      None, {"throughput": "up to 3,000 units/h", "containers": "vials, syringes, cartridges"}, "O"),
    # ---------------------------------------------------------------- SPRAY_DRYER
    M("SPRAY_DRYER", "BÜCHI", "Mini Spray Dryer B-290", 2008, "분무건조기", "Spray dryer",
      10000, {"inlet_temperature": "up to 220 °C", "evaporation": "1 L/h water"}, "S", "MINI SPRAY DRYER B-290"),
    M("SPRAY_DRYER", "BÜCHI", "Nano Spray Dryer B-90 HP", 2014, "나노 분무건조기", "Nano spray dryer",
      15000, {"particle_size": "0.2-60 um", "sample": "from 1 mL"}, "S"),
    M("SPRAY_DRYER", "GEA", "Mobile Minor", 2010, "파일럿 분무건조기", "Pilot spray dryer",
      25000, {"evaporation": "up to 7 kg/h", "atomiser": "rotary / two-fluid nozzle"}, "O"),
    M("SPRAY_DRYER", "ProCepT", "4M8-TriX", 2015, "분무건조기", "Spray dryer",
      15000, {"airflow": "0.2-0.8 m3/min", "cyclones": "2"}, "S"),
    M("SPRAY_DRYER", "Yamato Scientific", "ADL311S", 2010, "분무건조기", "Spray dryer",
      8000, {"evaporation": "1.3 L/h", "inlet_temperature": "up to 250 °C"}, "S"),
    # ---------------------------------------------------------------- ENDOTOXIN_TESTER
    M("ENDOTOXIN_TESTER", "Charles River", "Endosafe nexgen-PTS", 2011, "휴대용 엔도톡신 측정기", "Endotoxin tester (LAL cartridge)",
      10000, {"method": "kinetic chromogenic (cartridge)", "range": "0.005-10 EU/mL", "time": "~15 min"}, "S", "ENDOTOXIN TEST SYSTEM NEXGEN PTS"),
    M("ENDOTOXIN_TESTER", "Charles River", "Endosafe nexgen-MCS", 2013, "다채널 엔도톡신 측정기", "Multi-cartridge endotoxin system",
      15000, {"cartridges": "5 simultaneous", "method": "kinetic chromogenic"}, "S"),
    M("ENDOTOXIN_TESTER", "Charles River", "Endosafe Nexus 200", 2019, "자동 엔도톡신 분석 시스템", "Automated endotoxin testing",
      20000, {"automation": "robotic cartridge handling", "throughput": "up to 21 samples / run"}, "O"),
    M("ENDOTOXIN_TESTER", "Lonza", "PyroTec PRO", 2020, "자동 엔도톡신 분석 시스템", "Automated endotoxin testing",
      25000, {"assays": "kinetic chromogenic / rFC (PyroGene)", "reader": "integrated"}, "O"),
    M("ENDOTOXIN_TESTER", "Lonza", "Nebula Absorbance Reader", 2016, "엔도톡신 리더(WinKQCL)", "Endotoxin reader (WinKQCL)",
      15000, {"method": "kinetic turbidimetric / chromogenic", "software": "WinKQCL"}, "S"),
    M("ENDOTOXIN_TESTER", "bioMérieux", "BacT/ALERT 3D", 2010, "신속 무균시험 미생물 검출기", "Rapid microbial detection",
      15000, {"cells": "60-240 bottles", "method": "colorimetric CO2 detection"}, "O"),
    M("ENDOTOXIN_TESTER", "Merck (MilliporeSigma)", "Steritest Symbio LFH", 2016, "무균시험 펌프 시스템", "Sterility testing pump",
      10000, {"method": "membrane filtration (USP <71>)", "canisters": "Steritest EZ"}, "S"),
    M("ENDOTOXIN_TESTER", "Associates of Cape Cod", "Pyros Kinetix Flex", 2015, "엔도톡신 측정기", "Endotoxin reader",
      12000, {"wells": "32", "method": "kinetic turbidimetric / chromogenic"}, "S"),
    # ---------------------------------------------------------------- ENVIRONMENTAL_MONITOR
    M("ENVIRONMENTAL_MONITOR", "Particle Measuring Systems", "Lasair III 310C", 2010, "부유입자 계수기", "Airborne particle counter",
      5000, {"channels": "0.3-25 um (6)", "flow": "28.3 L/min"}, "S", "AIRBORNE PARTICLE COUNTER LASAIR III"),
    M("ENVIRONMENTAL_MONITOR", "Particle Measuring Systems", "Lasair Pro 310", 2019, "부유입자 계수기", "Airborne particle counter",
      5000, {"flow": "28.3 L/min", "compliance": "ISO 21501-4, 21 CFR Part 11"}, "S"),
    M("ENVIRONMENTAL_MONITOR", "TSI", "AeroTrak 9310", 2012, "휴대용 파티클 카운터", "Portable particle counter",
      5000, {"flow": "28.3 L/min", "channels": "0.3-10 um"}, "S"),
    M("ENVIRONMENTAL_MONITOR", "TSI", "AeroTrak 9510", 2014, "휴대용 파티클 카운터", "Portable particle counter",
      5000, {"flow": "100 L/min", "channels": "0.5-25 um"}, "S"),
    M("ENVIRONMENTAL_MONITOR", "Beckman Coulter", "MET ONE 3445", 2010, "파티클 카운터", "Particle counter",
      5000, {"flow": "28.3 L/min", "channels": "0.3-10 um"}, "S"),
    M("ENVIRONMENTAL_MONITOR", "Merck (MilliporeSigma)", "MAS-100 NT", 2010, "공중 부유균 측정기", "Microbial air sampler",
      3000, {"flow": "100 L/min", "media": "90 mm plates"}, "S", "MICROBIAL AIR SAMPLER MAS-100 NT"),
    M("ENVIRONMENTAL_MONITOR", "Sartorius", "Airport MD8", 2008, "공중 부유균 측정기(젤라틴 필터)", "Air sampler (gelatin membrane)",
      3000, {"flow": "30-125 L/min", "method": "gelatin membrane filtration"}, "S"),
    # ---------------------------------------------------------------- STABILITY_CHAMBER
    M("STABILITY_CHAMBER", "BINDER", "KBF 240", 2012, "안정성 시험 챔버(항온항습)", "Stability test chamber (ICH)",
      3000, {"volume": "247 L", "conditions": "25 °C/60 %RH, 40 °C/75 %RH"}, "S", "CONSTANT CLIMATE CHAMBER KBF 240"),
    M("STABILITY_CHAMBER", "BINDER", "KBF-S 720", 2016, "대형 안정성 시험 챔버", "Stability chamber (720 L)",
      4000, {"volume": "720 L", "sensor": "capacitive humidity"}, "S"),
    M("STABILITY_CHAMBER", "BINDER", "KBF P 240", 2014, "광안정성 시험 챔버(ICH Q1B)", "Photostability chamber (ICH Q1B)",
      5000, {"volume": "247 L", "light": "ICH Q1B option 2"}, "S"),
    M("STABILITY_CHAMBER", "Memmert", "ICH260L", 2014, "안정성 시험 챔버(광안정성)", "ICH stability chamber with light",
      3000, {"volume": "256 L", "light": "ICH Q1B option 2"}, "S"),
    M("STABILITY_CHAMBER", "Memmert", "HPP260", 2012, "항온항습기", "Constant climate chamber",
      3000, {"volume": "256 L", "humidity": "10-90 %RH"}, "S"),
    # ---------------------------------------------------------------- STERILIZER
    M("STERILIZER", "대한과학", "WiseClave WAC-60", 2012, "고압 멸균기", "Autoclave",
      2000, {"chamber": "60 L", "temperature": "121-132 °C"}, "S", "AUTOCLAVE"),
    M("STERILIZER", "Tuttnauer", "3870ELV", 2012, "고압 멸균기", "Benchtop autoclave",
      2000, {"chamber": "85 L", "temperature": "105-137 °C"}, "S"),
    M("STERILIZER", "Systec", "VX-150", 2014, "고압 멸균기(배지 멸균)", "Autoclave (media programmes)",
      3000, {"chamber": "150 L", "sensor": "flexible Pt100"}, "S"),
    M("STERILIZER", "Systec", "HX-320", 2016, "대형 고압 멸균기", "Horizontal autoclave",
      5000, {"chamber": "320 L", "vacuum": "fractionated pre-vacuum"}, "S"),
    M("STERILIZER", "STERIS", "AMSCO 400 Series", 2013, "양문형 대형 고압멸균기(pass-through)", "Pass-through steam steriliser",
      8000, {"chamber": "26 x 26 x 39 in", "doors": "double door"}, "O"),
    M("STERILIZER", TF, "Heratherm OMH180", 2014, "건열 멸균기", "Dry-heat oven",
      2000, {"chamber": "180 L", "temperature": "up to 250 °C"}, "S"),
    M("STERILIZER", "제이오텍", "OF-22GW", 2013, "건열 멸균기(열풍)", "Forced-convection oven",
      1000, {"chamber": "150 L", "temperature": "up to 250 °C"}, "S"),
    # ---------------------------------------------------------------- FREEZER
    M("FREEZER", TF, "TSX60086A", 2017, "초저온 냉동고(-86℃)", "Ultra-low temperature freezer",
      None, {"temperature": "-50 to -86 °C", "capacity": "549 L", "racks": "up to 500 x 2\" boxes"}, "S", "ULTRA LOW TEMPERATURE FREEZER"),
    M("FREEZER", "PHCbi", "MDF-DU702VH", 2016, "초저온 냉동고(-86℃)", "Ultra-low freezer",
      None, {"temperature": "-50 to -86 °C", "capacity": "729 L", "technology": "VIP ECO"}, "S"),
    M("FREEZER", "Panasonic", "MDF-U76V", 2009, "초저온 냉동고", "Ultra-low freezer",
      None, {"temperature": "-50 to -86 °C", "capacity": "728 L"}, "S"),
    M("FREEZER", "Eppendorf", "CryoCube F740hi", 2017, "초저온 냉동고", "Ultra-low freezer",
      None, {"temperature": "-50 to -86 °C", "capacity": "740 L"}, "S"),
    M("FREEZER", "일신바이오베이스", "DF8517", 2014, "초저온 냉동고", "Deep freezer",
      None, {"temperature": "-50 to -86 °C", "capacity": "170 L"}, "S"),
    M("FREEZER", "Chart (MVE)", "MVE 1500 Series", 2012, "액체질소 세포보관 탱크", "LN2 cryostorage (vapour phase)",
      None, {"capacity": "up to 38,000 x 2 mL vials", "temperature": "≤ -150 °C vapour"}, "S"),
    M("FREEZER", TF, "CryoMed 7450", 2014, "프로그램 냉동기(controlled-rate)", "Controlled-rate freezer",
      5000, {"temperature": "-180 to +50 °C", "application": "cell bank / cell therapy"}, "S"),
    M("FREEZER", "Planer", "Kryo 560-16", 2013, "프로그램 냉동기", "Controlled-rate freezer",
      5000, {"chamber": "16 L", "temperature": "-180 to +50 °C"}, "S"),
    # ---------------------------------------------------------------- WATER_PURIFICATION
    M("WATER_PURIFICATION", "Merck (MilliporeSigma)", "Milli-Q IQ 7000", 2016, "초순수 제조장치", "Ultrapure water system",
      None, {"resistivity": "18.2 MΩ·cm", "toc": "≤ 5 ppb", "flow": "up to 2 L/min"}, "S", "ULTRAPURE WATER SYSTEM MILLI-Q"),
    M("WATER_PURIFICATION", "Merck (MilliporeSigma)", "Milli-Q Integral 10", 2010, "초순수·정제수 제조장치", "Pure & ultrapure water system",
      None, {"resistivity": "18.2 MΩ·cm", "production": "10 L/h (Elix)"}, "S"),
    M("WATER_PURIFICATION", "Merck (MilliporeSigma)", "Elix Essential 10", 2012, "정제수 제조장치(RO/EDI)", "Pure water (RO/EDI)",
      None, {"production": "10 L/h", "resistivity": "> 5 MΩ·cm"}, "S"),
    M("WATER_PURIFICATION", "Sartorius", "arium pro VF", 2010, "초순수 제조장치", "Ultrapure water system",
      None, {"resistivity": "18.2 MΩ·cm", "ultrafilter": "yes (endotoxin < 0.001 EU/mL)"}, "S"),
    M("WATER_PURIFICATION", "Sartorius", "arium mini", 2015, "소형 초순수 제조장치", "Compact ultrapure water",
      None, {"resistivity": "18.2 MΩ·cm", "dispense": "up to 1 L/min"}, "S"),
    M("WATER_PURIFICATION", "휴먼코퍼레이션", "Power I+ Scholar UV", 2013, "초순수 제조장치", "Ultrapure water system",
      None, {"resistivity": "18.3 MΩ·cm", "toc": "< 5 ppb"}, "S"),
    M("WATER_PURIFICATION", "Stilmas", "Multiple-effect distiller (MED)", 2024, "주사용수(WFI) 제조설비", "WFI generation (multiple-effect still)",
      None, {"capacity": "500 L/h WFI", "loop": "hot WFI loop 80 °C", "compliance": "EP / USP WFI"}, "O"),
    # ---------------------------------------------------------------- ANIMAL_FACILITY
    M("ANIMAL_FACILITY", "Tecniplast", "Sealsafe Plus GM500 IVC", 2014, "개별 환기 사육장치(IVC)", "Individually ventilated cage rack",
      2000, {"cages": "GM500 mouse cages, 80 per rack", "air_handling": "SmartFlow"}, "S", "INDIVIDUALLY VENTILATED CAGE SYSTEM"),
    M("ANIMAL_FACILITY", "Tecniplast", "Sealsafe Plus GR900 IVC", 2014, "랫드용 IVC", "Rat IVC rack",
      2000, {"cages": "GR900 rat cages", "air_handling": "SmartFlow"}, "S"),
    M("ANIMAL_FACILITY", "Columbus Instruments", "CLAMS", 2013, "대사 측정 케이지", "Comprehensive lab animal monitoring system",
      15000, {"cages": "8", "measures": "VO2, VCO2, RER, activity, feeding"}, "O"),
    M("ANIMAL_FACILITY", "Data Sciences International", "PhysioTel HD", 2016, "생체신호 무선측정 시스템", "Telemetry system",
      20000, {"signals": "blood pressure, ECG, temperature, activity"}, "O"),
    M("ANIMAL_FACILITY", "TSE Systems", "PhenoMaster", 2016, "동물 대사·행동 측정 시스템", "Metabolic and behavioural phenotyping",
      15000, {"cages": "8-16", "measures": "indirect calorimetry, drinking, feeding"}, "O"),
    # ---------------------------------------------------------------- OTHER
    M("OTHER", "BÜCHI", "Rotavapor R-300", 2016, "회전 증발 농축기", "Rotary evaporator",
      3000, {"flask": "50 mL-5 L", "vacuum": "Interface I-300 Pro"}, "S"),
    M("OTHER", "BÜCHI", "Rotavapor R-220 Pro", 2014, "대용량 회전 증발기(20 L)", "Industrial rotary evaporator (20 L)",
      8000, {"flask": "20 L", "evaporation": "up to 12 L/h"}, "S"),
    M("OTHER", "Heidolph", "Hei-VAP Ultimate", 2014, "회전 증발기", "Rotary evaporator",
      3000, {"flask": "up to 3 L", "lift": "motorised"}, "S"),
    M("OTHER", "BÜCHI", "SpeedExtractor E-916", 2013, "가압 용매 추출기(PSE)", "Pressurised solvent extractor",
      10000, {"cells": "6 x 10-120 mL", "temperature": "up to 200 °C"}, "O"),
    M("OTHER", "BÜCHI", "Pure C-850 FlashPrep", 2017, "분취 크로마토그래피(천연물 분리)", "Flash / prep chromatography",
      15000, {"modes": "flash + prep HPLC", "detection": "UV + ELSD"}, "S"),
    M("OTHER", "Precision NanoSystems (Cytiva)", "NanoAssemblr Ignite", 2019, "지질나노입자(LNP) 제조 장치", "LNP formulation (microfluidic mixing)",
      30000, {"volume": "1-20 mL", "mixer": "NxGen cartridge"}, "S"),
    M("OTHER", "Precision NanoSystems (Cytiva)", "NanoAssemblr Blaze", 2019, "LNP 스케일업 제조 장치", "LNP scale-up system",
      40000, {"throughput": "up to 10 L/h", "mixer": "NxGen"}, "O"),
    M("OTHER", "Miltenyi Biotec", "CliniMACS Prodigy", 2014, "자동 세포치료제 제조 시스템", "Automated cell processing (CAR-T)",
      50000, {"process": "closed, automated (T cell transduction, expansion)", "tubing_set": "TS 520"}, "O"),
    M("OTHER", "Lonza", "Cocoon Platform", 2019, "자동 세포치료제 생산 플랫폼", "Automated cell therapy manufacturing",
      50000, {"process": "closed, single-use cassette", "application": "autologous CAR-T"}, "O"),
    M("OTHER", "Nova Biomedical", "BioProfile FLEX2", 2014, "세포배양 대사물 분석기", "Cell culture analyser",
      8000, {"analytes": "glucose, lactate, glutamine, NH4+, gases, osmolality", "sample": "265 uL"}, "S"),
    M("OTHER", "Roche", "Cedex Bio HT Analyzer", 2014, "세포배양 배지 성분 분석기", "Cell culture media analyser",
      8000, {"analytes": "glucose, lactate, amino acids, IgG", "throughput": "up to 500 tests/h"}, "S"),
    M("OTHER", "Advanced Instruments", "OsmoTECH PRO", 2019, "삼투압 측정기", "Osmometer",
      3000, {"method": "freezing point", "sample": "20 uL"}, "S"),
    M("OTHER", TF, "Savant SpeedVac SPD120", 2016, "원심 농축기(SpeedVac)", "Vacuum concentrator",
      3000, {"rotor": "microtubes / plates", "temperature": "up to 65 °C"}, "S"),
    M("OTHER", "Genevac", "EZ-2 4.0", 2016, "원심 증발 농축기", "Centrifugal evaporator",
      5000, {"capacity": "up to 4 plates", "solvents": "DMSO, water, methanol"}, "S"),
    M("OTHER", "Instron", "5965", 2012, "만능재료시험기(UTM)", "Universal testing machine",
      15000, {"load_capacity": "5 kN", "tests": "tensile, seal strength, puncture"}, "O"),
    M("OTHER", "Instron", "3345", 2010, "만능재료시험기", "Universal testing machine",
      10000, {"load_capacity": "5 kN", "tests": "tensile, peel"}, "S"),
    M("OTHER", "Anton Paar", "MCR 302e", 2018, "회전형 레오미터", "Rotational rheometer",
      15000, {"torque": "1 nNm-230 mNm", "temperature": "-40 to 200 °C"}, "O"),
    M("OTHER", "Mitutoyo", "Surftest SJ-410", 2012, "표면 조도 측정기", "Surface roughness tester",
      5000, {"range": "800 um", "standard": "Ra (ASME BPE SF1-SF4)"}, "S"),
    M("OTHER", "PTI (Packaging Technologies & Inspection)", "VeriPac 455", 2016, "용기 밀봉 완전성 시험기(CCIT)", "Container closure integrity tester",
      10000, {"method": "vacuum decay (ASTM F2338)", "containers": "vials, syringes, bags"}, "O"),
    M("OTHER", "Metrohm", "917 Coulometer", 2014, "수분 측정기(칼피셔)", "Karl Fischer coulometer",
      5000, {"range": "10 ug-200 mg water", "oven": "874 Oven Sample Processor"}, "S"),
]

# --------------------------------------------------------------------------------------------------
# Equipment plans per institution
# Plan entries: "CATEGORY", "CATEGORY*n", "CATEGORY*n:model substring|other substring",
# "CATEGORY:substring@year" (forced model and year).
# --------------------------------------------------------------------------------------------------

ACCESS = {
    "public_centre": {"PUBLIC": 0.80, "CLUSTER": 0.15, "INTERNAL": 0.05},
    "academic": {"PUBLIC": 0.40, "CLUSTER": 0.48, "INTERNAL": 0.12},
    "training": {"CLUSTER": 0.65, "PUBLIC": 0.23, "INTERNAL": 0.12},
    "big_company": {"INTERNAL": 0.85, "CLUSTER": 0.15},
    "sme": {"INTERNAL": 0.40, "CLUSTER": 0.45, "PUBLIC": 0.15},
    "contract_lab": {"PUBLIC": 0.70, "CLUSTER": 0.30},
    "hospital": {"INTERNAL": 0.40, "CLUSTER": 0.45, "PUBLIC": 0.15},
}
# (Korean only, English only, both)
LANG = {"default": (0.31, 0.28, 0.41), "foreign": (0.08, 0.62, 0.30), "local": (0.42, 0.18, 0.40)}

SMALL_ANALYTICS = "Nexera XR|LC-2030C|Alliance|1260|Prominence"
SME_SEM = "TM4000|EM-30|JSM-IT500"


def P(plan, access, lang="default", buildings=(("", "{n:03d}"),), floors=(1, 3), factor=1.0, nfec=False,
      years=(2008, 2025), flavour=None, rrid=None, rrid_cats=None, prod=False):
    return {
        "plan": plan, "access": access, "lang": lang, "buildings": buildings, "floors": floors,
        "factor": factor, "nfec": nfec, "years": years, "flavour": flavour, "rrid": rrid,
        "rrid_cats": rrid_cats, "prod": prod,
    }


PLANS = {
    # ============================== SONGDO
    "ITP_BIO": P(
        ["BIOREACTOR*8", "SINGLE_USE_BIOREACTOR*3:S.U.B. 50 L|STR 50|XDR-50|WAVE|CellReady", "MEDIA_PREPARATION*2",
         "CENTRIFUGE*6", "CHROMATOGRAPHY_SYSTEM*5:pure|avant|pilot|NGC", "FILTRATION_SYSTEM*3", "HOMOGENIZER*3",
         "CELL_CULTURE*4", "BIOSAFETY_CABINET*3:Class II|Labculture|Herasafe|1300|NuAire", "CELL_COUNTER*2",
         "FLOW_CYTOMETER:Canto|CytoFLEX S", "LIGHT_MICROSCOPE:Ts2|CKX53|IX73", "SPRAY_DRYER*2", "FREEZE_DRYER*3",
         "OTHER*5:Rotavapor|SpeedExtractor|FlashPrep|BioProfile|Hei-VAP", "LC_MS*3:QTRAP|Q Exactive Plus|6545 Q-TOF|Xevo G2",
         "MASS_SPECTROMETER*2:autoflex|MALDI-8020", "HPLC*4", "GAS_CHROMATOGRAPH:5977B|QP2020",
         "SPECTROPHOTOMETER:Cary 60|UV-1900i", "MICROPLATE_READER", "PARTICLE_ANALYZER:Nano ZS|Zetasizer Pro",
         "STERILIZER*2", "WATER_PURIFICATION:Milli-Q|arium pro", "FREEZER:TSX|MDF-DU", "IMAGING_SYSTEM:ChemiDoc",
         "PCR:CFX96|QuantStudio 5"],
        "public_centre", buildings=(("바이오산업센터", "B-{f}{n:02d}"), ("바이오산업센터 파일럿동", "P-{f}{n:02d}")),
        floors=(1, 4), nfec=True, years=(2008, 2025),
        flavour=("중소·벤처기업 공동활용 장비입니다.", "Shared-use instrument open to SMEs and start-ups."),
    ),
    "IFEZ_BASC": P(
        ["LC_MS:Orbitrap Fusion Tribrid@2015", "LC_MS:6550 iFunnel@2015", "LC_MS:Exploris 480", "HPLC*2:RSLCnano|Vanquish Horizon",
         "MASS_SPECTROMETER:autoflex", "OTHER:SpeedVac", "FREEZER:TSX", "WATER_PURIFICATION:Milli-Q IQ"],
        "public_centre", buildings=(("인천글로벌캠퍼스 분석지원동", "{f}{n:02d}"),), floors=(1, 2), nfec=True,
        years=(2015, 2025), factor=0.95,
        flavour=("중소기업 공동활용 질량분석 서비스.", "Shared-use mass spectrometry service for SMEs."),
    ),
    "KNIBRT": P(
        ["SINGLE_USE_BIOREACTOR:ambr 250", "SINGLE_USE_BIOREACTOR:S.U.B. 50 L", "SINGLE_USE_BIOREACTOR:S.U.B. 250",
         "SINGLE_USE_BIOREACTOR:STR 50", "SINGLE_USE_BIOREACTOR:XDR-200", "SINGLE_USE_BIOREACTOR:WAVE",
         "BIOREACTOR*2:BioFlo 320", "BIOREACTOR:BIOSTAT B", "BIOREACTOR:DASGIP", "MEDIA_PREPARATION*2:200 L|Power MIX",
         "CELL_CULTURE*3:VIOS|CellXpert|ISF1-X", "BIOSAFETY_CABINET*3:Herasafe|Class II|Isoclean", "CELL_COUNTER*2:Vi-CELL BLU|NC-202",
         "CENTRIFUGE*2:CultureFuge|5810", "CHROMATOGRAPHY_SYSTEM:pure 25", "CHROMATOGRAPHY_SYSTEM:avant 150",
         "CHROMATOGRAPHY_SYSTEM:pilot 600", "CHROMATOGRAPHY_SYSTEM:ready", "CHROMATOGRAPHY_SYSTEM:ÄKTA go",
         "FILTRATION_SYSTEM:Sartoflow Smart", "FILTRATION_SYSTEM:KR2i", "FILTRATION_SYSTEM:flux s", "FILTRATION_SYSTEM:Sartocheck 5",
         "FILLING_MACHINE:FPC50", "FILLING_MACHINE:Microcell", "FREEZE_DRYER:LyoStar", "ENDOTOXIN_TESTER:nexgen-PTS",
         "ENVIRONMENTAL_MONITOR:Lasair Pro", "ENVIRONMENTAL_MONITOR:MAS-100", "HPLC:H-Class", "CAPILLARY_ELECTROPHORESIS:Maurice",
         "PCR:QX200", "OTHER:CliniMACS", "OTHER:Cocoon", "OTHER:Blaze", "STERILIZER:AMSCO", "WATER_PURIFICATION:Stilmas",
         "FREEZER:CryoMed"],
        "training", buildings=(("K-NIBRT 교육동", "GMP-{f}{n:02d}"),), floors=(1, 3), factor=1.1, nfec=True,
        years=(2024, 2025),
        flavour=("GMP 실습 교육용 장비입니다.", "Used for hands-on GMP training."),
    ),
    "YONSEI_IC": P(
        ["CONFOCAL_MICROSCOPE*2:LSM 980|STELLARIS 8|AX R", "LIGHT_MICROSCOPE*2", "ELECTRON_MICROSCOPE*2:JEM-1400|Talos|Regulus|JSM-7900",
         "FLOW_CYTOMETER*3:Aria|Symphony|Fortessa|Aurora", "SEQUENCER*2:NovaSeq 6000|MiSeq|NextSeq|GridION", "PCR*3",
         "NUCLEIC_ACID_ANALYZER*2", "LIQUID_HANDLER", "NMR:NEO 600", "LC_MS*2:HF-X|timsTOF Pro|ZenoTOF", "HPLC*2",
         "MICROPLATE_READER*2", "BIOMOLECULAR_INTERACTION*2:8K|Octet R8|PEAQ-ITC", "THERMAL_ANALYZER:PEAQ-DSC|Panta",
         "PARTICLE_ANALYZER:Ultra|NanoSight", "IMAGING_SYSTEM*2:ChemiDoc MP|IVIS|ImageXpress", "CELL_CULTURE*2", "ANIMAL_FACILITY*2"],
        "academic", buildings=(("언더우드관", "{f}{n:02d}"), ("종합관", "B{f}{n:02d}"), ("산학협력관", "{f}{n:02d}")),
        floors=(1, 5), factor=0.9, nfec=True,
        rrid_cats={"FLOW_CYTOMETER", "CONFOCAL_MICROSCOPE", "SEQUENCER", "ELECTRON_MICROSCOPE"},
    ),
    "INU": P(
        ["NMR:NEO 400|ECZ500R|ECZ400S", "LC_MS:LCMS-8060|Xevo TQ-XS", "HPLC*2", "GAS_CHROMATOGRAPH*2", "SPECTROPHOTOMETER*2",
         "CONFOCAL_MICROSCOPE:FV3000|LSM 900|SP8", "LIGHT_MICROSCOPE", "ELECTRON_MICROSCOPE:JSM-IT500|Sigma 300|HT7800",
         "FLOW_CYTOMETER:CytoFLEX|Canto|Attune", "PCR*2", "SEQUENCER:MinION|SeqStudio|iSeq", "MICROPLATE_READER",
         "CENTRIFUGE*2", "ELEMENTAL_ANALYZER:ICP-OES|iCAP RQ|vario", "THERMAL_ANALYZER:DSC 2500|TGA 5500|DSC 3",
         "IMAGING_SYSTEM:ChemiDoc|ImageQuant|Odyssey", "FREEZER", "BIOSAFETY_CABINET", "STERILIZER"],
        "academic", buildings=(("자연과학대학", "{f}{n:02d}"), ("생명과학기술대학", "{f}{n:02d}"), ("공동실험실습관", "{f}{n:02d}")),
        floors=(1, 6), factor=0.9, nfec=True,
    ),
    "GHENT_UGC": P(
        ["PCR:CFX|QuantStudio", "MICROPLATE_READER", "HPLC:Vanquish|1290", "LIGHT_MICROSCOPE", "BIOSAFETY_CABINET",
         "GAS_CHROMATOGRAPH:5977B|ISQ"],
        "academic", lang="foreign", buildings=(("Ghent University Global Campus, Building B", "{f}{n:02d}"),), floors=(1, 4),
        factor=0.9, nfec=True, years=(2015, 2025),
    ),
    "SUNY_KOREA": P(
        ["PARTICLE_ANALYZER:Zetasizer", "SPECTROPHOTOMETER", "THERMAL_ANALYZER:DSC|TGA", "LIGHT_MICROSCOPE"],
        "academic", lang="foreign", buildings=(("SUNY Korea Academic Building", "{f}{n:02d}"),), floors=(1, 4),
        factor=0.9, nfec=True, years=(2014, 2025),
    ),
    "SAMSUNG_BIOLOGICS": P(
        ["SINGLE_USE_BIOREACTOR:ambr 250", "SINGLE_USE_BIOREACTOR:STR 2000", "BIOREACTOR:DASGIP|BioFlo 320",
         "CHROMATOGRAPHY_SYSTEM:ÄKTA process", "CHROMATOGRAPHY_SYSTEM:avant", "FILTRATION_SYSTEM:Sartocheck|Integritest",
         "LC_MS*2:Exploris 480|BioAccord|6545XT", "HPLC*2:H-Class|1290|Vanquish", "CAPILLARY_ELECTROPHORESIS*2:Maurice|PA 800|BioPhase",
         "BIOMOLECULAR_INTERACTION:8K|Octet", "PARTICLE_ANALYZER:HIAC|FlowCam", "ENDOTOXIN_TESTER:Nexus|PyroTec",
         "ENVIRONMENTAL_MONITOR:Lasair|MET ONE", "STABILITY_CHAMBER:KBF", "CELL_COUNTER:Vi-CELL BLU|Cedex"],
        "big_company", buildings=(("제1공장 QC동", "QC-{f}{n:02d}"), ("제4공장", "P4-{f}{n:02d}"), ("바이오캠퍼스 R&D동", "R-{f}{n:02d}")),
        floors=(1, 5), years=(2011, 2025), prod=True,
        flavour=("사내 QC·공정개발 전용 장비입니다.", "Internal QC / process-development instrument."),
    ),
    "CELLTRION": P(
        ["LC_MS*2:Q Exactive Plus|Xevo G2|X500B|6545", "HPLC*2:Alliance|H-Class|1290", "CAPILLARY_ELECTROPHORESIS:PA 800|Maurice",
         "BIOMOLECULAR_INTERACTION:T200|8K", "SINGLE_USE_BIOREACTOR:XDR-2000|S.U.B. 250", "CHROMATOGRAPHY_SYSTEM:ÄKTA process",
         "CHROMATOGRAPHY_SYSTEM:avant", "FILTRATION_SYSTEM:Cogent M1|flux 6", "MICROPLATE_READER:SpectraMax|Synergy",
         "PCR:QuantStudio 7|CFX96", "ENDOTOXIN_TESTER:nexgen|Kinetix", "STABILITY_CHAMBER", "ELEMENTAL_ANALYZER:7900|NexION",
         "THERMAL_ANALYZER:PEAQ-DSC|NT.48"],
        "big_company", buildings=(("제1공장", "1P-{f}{n:02d}"), ("제2공장 QC동", "2P-QC{f}{n:02d}"), ("R&D 센터", "RD-{f}{n:02d}")),
        floors=(1, 5), years=(2008, 2025), prod=True,
        flavour=("사내 전용(QC/연구소).", "Internal use (QC / R&D)."),
    ),
    "SAMSUNG_BIOEPIS": P(
        ["LC_MS:Q Exactive Plus|BioAccord|Vion", "HPLC:H-Class|Premier", "CAPILLARY_ELECTROPHORESIS:Maurice|BioPhase",
         "BIOMOLECULAR_INTERACTION:8K|Octet", "PARTICLE_ANALYZER:FlowCam|HIAC|DynaPro", "THERMAL_ANALYZER:Uncle|PEAQ-DSC",
         "CELL_CULTURE:Kuhner|Multitron", "MICROPLATE_READER"],
        "big_company", buildings=(("본사 연구동", "{f}{n:02d}"),), floors=(2, 6), years=(2013, 2025),
        flavour=("사내 분석 전용.", "Internal analytical use."),
    ),
    "LOTTE_BIOLOGICS": P(
        ["SINGLE_USE_BIOREACTOR:XDR-200|S.U.B. 250", "SINGLE_USE_BIOREACTOR:ambr 250", "CHROMATOGRAPHY_SYSTEM:pilot|ready",
         "FILTRATION_SYSTEM:Sartoflow Advanced|flux 6", "HPLC:Vanquish|1290", "CAPILLARY_ELECTROPHORESIS:Maurice|BioPhase",
         "ENDOTOXIN_TESTER:Nexus|nexgen-MCS", "ENVIRONMENTAL_MONITOR", "WATER_PURIFICATION:Milli-Q IQ|arium pro",
         "STABILITY_CHAMBER:KBF"],
        "big_company", buildings=(("송도 바이오캠퍼스 1공장", "P1-{f}{n:02d}"),), floors=(1, 4), years=(2024, 2025),
        flavour=("1공장 가동 준비(Qualification) 중인 사내 장비.", "Internal equipment, Plant 1 under qualification."),
    ),
    "SK_BIOSCIENCE": P(
        ["OTHER:Ignite|Blaze", "PCR*2:QX ONE|QIAcuity|QuantStudio 7", "SEQUENCER:NextSeq|MiSeq|GridION", "NUCLEIC_ACID_ANALYZER:Fragment|TapeStation 4200",
         "SINGLE_USE_BIOREACTOR:STR 200|Mobius 200", "BIOREACTOR:BioFlo 320|DASGIP", "CHROMATOGRAPHY_SYSTEM:avant 150",
         "FILTRATION_SYSTEM:KR2i|Sartoflow Smart|TFDF", "HPLC:Vanquish|1290", "LC_MS:Exploris 240|6545XT|BioAccord",
         "FLOW_CYTOMETER:FACSymphony|CytoFLEX LX", "PARTICLE_ANALYZER:Ultra|NanoSight", "FREEZE_DRYER:LyoStar|Epsilon",
         "ANIMAL_FACILITY:GM500", "BIOSAFETY_CABINET:Herasafe|NuAire"],
        "big_company", buildings=(("글로벌 R&PD 센터", "{f}F-{n:02d}"),), floors=(1, 7), years=(2020, 2025),
        flavour=("글로벌 R&PD 센터 사내 장비.", "Internal equipment at the Global R&PD Center."),
    ),
    "MERCK_KOREA": P(
        ["MEDIA_PREPARATION*2:Power MIX", "SINGLE_USE_BIOREACTOR:Mobius 50|CellReady", "FILTRATION_SYSTEM:Cogent|Integritest",
         "FILTRATION_SYSTEM:Integritest", "WATER_PURIFICATION:Milli-Q IQ", "CELL_CULTURE:Heracell|CellXpert", "HPLC:1290|Alliance"],
        "big_company", lang="foreign", buildings=(("Songdo M Lab Collaboration Center", "ML-{f}{n:02d}"), ("Life Science Operations", "LS-{f}{n:02d}")),
        floors=(1, 3), years=(2016, 2025),
    ),
    "SARTORIUS_KOREA": P(
        ["SINGLE_USE_BIOREACTOR:ambr 15", "FILTRATION_SYSTEM:Sartocheck 5", "FILTRATION_SYSTEM:Sartoflow Smart",
         "ENVIRONMENTAL_MONITOR:Airport", "PARTICLE_ANALYZER:HIAC|Mastersizer", "WATER_PURIFICATION:arium pro"],
        "big_company", lang="foreign", buildings=(("Songdo Plant QC Lab", "QC-{n:02d}"),), floors=(1, 2), years=(2024, 2025),
    ),
    "AMICOGEN": P(
        ["CHROMATOGRAPHY_SYSTEM*2:avant|NGC|AZURA", "MEDIA_PREPARATION:Power MIX|Flexsafe", "HPLC:Nexera|Alliance",
         "ELEMENTAL_ANALYZER:ICP-OES|Avio", "CELL_CULTURE:Kuhner|Heracell"],
        "sme", lang="local", buildings=(("송도 배지공장 QC실", "{f}{n:02d}"),), floors=(1, 2), years=(2023, 2025),
    ),
    "DM_BIO": P(
        ["SINGLE_USE_BIOREACTOR:S.U.B. 250|STR 200", "BIOREACTOR:BIOSTAT Cplus", "CHROMATOGRAPHY_SYSTEM:pilot|avant",
         "HPLC:Alliance|H-Class", "ENDOTOXIN_TESTER:nexgen", "FILLING_MACHINE:FlexPro"],
        "big_company", buildings=(("송도 공장", "{f}{n:02d}"),), floors=(1, 3), years=(2014, 2025),
    ),
    "SONGDO_PROTEOMICS": P(
        ["LC_MS:Exploris 480", "LC_MS:Astral|Eclipse", "LC_MS:timsTOF Pro 2", "LC_MS:QTRAP", "LC_MS:HF-X",
         "MASS_SPECTROMETER:UHMR", "MASS_SPECTROMETER:rapifleX|Cyclic", "HPLC*3:RSLCnano|Vanquish Neo|H-Class",
         "CAPILLARY_ELECTROPHORESIS:PA 800|LabChip", "NUCLEIC_ACID_ANALYZER:Bioanalyzer|TapeStation", "LIQUID_HANDLER:Bravo|Biomek i5|STARlet",
         "OTHER:SpeedVac|EZ-2", "FREEZER:MDF-DU|CryoCube", "MICROPLATE_READER:Spark|CLARIOstar"],
        "academic", buildings=(("송도 단백질체분석연구소", "MS-{f}{n:02d}"),), floors=(1, 3), factor=1.0, nfec=True,
        years=(2012, 2025), 
        flavour=("코어 퍼실리티 분석 의뢰 가능.", "Available through the core facility request system."),
    ),
    "WESTSEA_GTRC": P(
        ["FLOW_CYTOMETER*2:Aria Fusion|Aurora|SH800", "PCR*2:QX200|Absolute Q|QIAcuity", "SEQUENCER:MiSeq|iSeq|MinION",
         "CELL_CULTURE*2:VIOS|Incucyte", "BIOSAFETY_CABINET*2:Herasafe|Class II|NuAire", "OTHER:CliniMACS|Cocoon",
         "CELL_COUNTER:LUNA-FX7|NC-202", "FREEZER:MVE|CryoMed", "CONFOCAL_MICROSCOPE:Dragonfly|STELLARIS 5|LSM 900"],
        "academic", buildings=(("유전자세포치료연구센터", "GT-{f}{n:02d}"),), floors=(1, 4), nfec=True, years=(2018, 2025),
        rrid_cats={"FLOW_CYTOMETER", "SEQUENCER"},
    ),
    "LUMENGEN": P(
        ["OTHER:Ignite", "PARTICLE_ANALYZER:Zetasizer Ultra|Pro", "HPLC:Vanquish Flex|1260", "NUCLEIC_ACID_ANALYZER:Fragment|TapeStation 4150",
         "PCR:QuantStudio 5|CFX Opus", "FILTRATION_SYSTEM:KR2i|µScale", "FREEZER:TSX|CryoCube"],
        "sme", buildings=(("송도 스타트업파크 B동", "{f}{n:02d}"),), floors=(2, 4), years=(2021, 2025),
    ),
    "MOACELL": P(
        ["CELL_CULTURE*2:VIOS|MCO-170", "BIOSAFETY_CABINET:Class II|Labculture", "FLOW_CYTOMETER:CytoFLEX S|Attune|Accuri",
         "CELL_COUNTER:LUNA|Countess", "FREEZER:MVE|Kryo", "OTHER:Prodigy|Cocoon"],
        "sme", lang="local", buildings=(("송도 바이오벤처센터", "{f}{n:02d}"),), floors=(3, 5), years=(2021, 2025),
    ),
    # ============================== NAMDONG
    "NAMDONG_BMTC": P(
        ["ELEMENTAL_ANALYZER:7900|NexION|iCAP RQ", "ELEMENTAL_ANALYZER:5110|Avio", "ELEMENTAL_ANALYZER:M9|TOC-L",
         "GAS_CHROMATOGRAPH:5977B|QP2020|ISQ", "GAS_CHROMATOGRAPH:Headspace", "LC_MS:6545 Q-TOF|Xevo G2|LCMS-9030", "HPLC*2",
         "SPECTROPHOTOMETER:Cary 60|UV-1900i|S-3100", "SPECTROPHOTOMETER:FT/IR|Nicolet|Spectrum Two", "THERMAL_ANALYZER:DSC 214|DSC 3|DSC 2500",
         "THERMAL_ANALYZER:TGA", "PARTICLE_ANALYZER:HIAC", "PARTICLE_ANALYZER:Mastersizer", "ELECTRON_MICROSCOPE:" + SME_SEM,
         "LIGHT_MICROSCOPE:BX53|DMi8", "ENDOTOXIN_TESTER:nexgen-PTS|Kinetix", "ENDOTOXIN_TESTER:Steritest|BacT",
         "ENVIRONMENTAL_MONITOR*2", "STABILITY_CHAMBER*3", "STERILIZER:VX-150|HX-320", "CELL_CULTURE:Heracell|CB 170",
         "BIOSAFETY_CABINET:Class II|Labculture", "MICROPLATE_READER:Epoch|SpectraMax ABS|Infinite",
         "OTHER:Instron", "OTHER:VeriPac", "OTHER:MCR 302e", "WATER_PURIFICATION:Milli-Q Integral|Scholar|arium mini",
         "FREEZER:DF8517|MDF-U76V", "PCR:CFX96|Exicycler", "IMAGING_SYSTEM:Fusion|ChemiDoc XRS"],
        "public_centre", lang="local", buildings=(("남동 바이오소재 공동시험센터", "{f}{n:02d}"),), floors=(1, 3), factor=0.85,
        nfec=True, years=(2019, 2025),
        flavour=("원부자재 국산화 시험 지원 장비입니다.", "Supports testing of localised raw / subsidiary materials."),
    ),
    "GAON_FILTECH": P(
        ["FILTRATION_SYSTEM:Sartocheck 4|Flowstar", "FILTRATION_SYSTEM:Integritest|Flowstar", "FILTRATION_SYSTEM:µScale|flux s",
         "PARTICLE_ANALYZER:HIAC|Mastersizer", "ENVIRONMENTAL_MONITOR", "ENDOTOXIN_TESTER:nexgen-PTS", "STERILIZER:WAC-60|3870ELV",
         "ELEMENTAL_ANALYZER:M9|TOC-L"],
        "sme", lang="local", buildings=(("본사 공장 품질관리실", "QC-{n:02d}"),), floors=(1, 2), years=(2012, 2025),
    ),
    "SEOHAE_POLYTECH": P(
        ["OTHER:Instron", "OTHER:VeriPac", "ENVIRONMENTAL_MONITOR", "THERMAL_ANALYZER:DSC 214|DSC 3",
         "SPECTROPHOTOMETER:FT/IR|Spectrum Two", "STERILIZER:WAC-60|OF-22GW", "LIGHT_MICROSCOPE:BX53|CKX53"],
        "sme", lang="local", buildings=(("제2공장 클린룸동", "{f}{n:02d}"),), floors=(1, 2), years=(2012, 2025),
    ),
    "HANGYEOL_PRECISION": P(
        ["OTHER:Surftest", "OTHER:3345", "ELECTRON_MICROSCOPE:EM-30|TM4000", "ELEMENTAL_ANALYZER:Niton", "ENVIRONMENTAL_MONITOR:AeroTrak",
         "WATER_PURIFICATION:Elix|Scholar"],
        "sme", lang="local", buildings=(("본사 공장", "{n:02d}"),), floors=(1, 2), years=(2010, 2025),
    ),
    "NURI_MEDICHEM": P(
        ["MEDIA_PREPARATION:MEDIACLAVE", "MEDIA_PREPARATION:Power MIX|Flexsafe|S.U.M|Single-Use Mixer", "HPLC:" + SMALL_ANALYTICS,
         "CELL_CULTURE:Kuhner|Multitron|WIS-20R", "CELL_COUNTER:Vi-CELL XR|LUNA-II|Cellometer", "ENDOTOXIN_TESTER:nexgen-PTS|Nebula",
         "ELEMENTAL_ANALYZER:ICP-OES|Avio", "BIOSAFETY_CABINET:Class II|1300", "OTHER:OsmoTECH|Cedex Bio"],
        "sme", lang="local", buildings=(("본사 배지생산동", "{f}{n:02d}"),), floors=(1, 3), years=(2011, 2025),
    ),
    "CHEONGRAM_SILICONE": P(
        ["OTHER:Instron", "THERMAL_ANALYZER:TGA|DSC 214", "SPECTROPHOTOMETER:FT/IR|Nicolet", "GAS_CHROMATOGRAPH:QP2020|5977B",
         "STERILIZER:WAC-60|VX-150", "ENVIRONMENTAL_MONITOR:MET ONE|AeroTrak"],
        "sme", lang="local", buildings=(("압출공장 품질관리실", "{n:02d}"),), floors=(1, 2), years=(2012, 2025),
    ),
    "MIR_RESINTECH": P(
        ["CHROMATOGRAPHY_SYSTEM:pure 25", "CHROMATOGRAPHY_SYSTEM:avant 25|NGC", "CHROMATOGRAPHY_SYSTEM:pure 150|AZURA",
         "PARTICLE_ANALYZER:Mastersizer", "HPLC:" + SMALL_ANALYTICS, "SPECTROPHOTOMETER:Optizen|S-3100|UV-1900i",
         "FREEZE_DRYER:FD8508|FD5508|FreeZone", "CENTRIFUGE:Supra|Combi|5810", "MICROPLATE_READER:Epoch|ABS Plus"],
        "sme", lang="local", buildings=(("레진 연구소", "R-{f}{n:02d}"),), floors=(1, 3), years=(2013, 2025),
    ),
    "SOLBIT_SEALTECH": P(
        ["OTHER:3345|5965", "THERMAL_ANALYZER:DSC 214|TGA", "SPECTROPHOTOMETER:FT/IR|Spectrum Two", "STERILIZER:WAC-60|OF-22GW",
         "GAS_CHROMATOGRAPH:GC-2030|Clarus"],
        "sme", lang="local", buildings=(("본사", "{n:02d}"),), floors=(1, 2), years=(2010, 2025),
    ),
    "ARAM_CLEANTECH": P(
        ["ENVIRONMENTAL_MONITOR:Lasair III|AeroTrak 9310", "ENVIRONMENTAL_MONITOR:MAS-100|Airport", "ENVIRONMENTAL_MONITOR:9510|MET ONE",
         "BIOSAFETY_CABINET:Labculture|1300", "CELL_CULTURE:IN110", "STERILIZER:WAC-60|3870ELV", "LIGHT_MICROSCOPE:CKX53|BX53"],
        "sme", lang="local", buildings=(("미생물시험실", "{n:02d}"),), floors=(1, 2), years=(2012, 2025),
    ),
    "BIONEST_ANALYTICS": P(
        ["HPLC*2:H-Class|1260|Alliance|Vanquish Flex", "LC_MS:6470B|LCMS-8060|QTRAP", "GAS_CHROMATOGRAPH:Headspace",
         "PCR:QX200|QIAcuity", "PCR:QuantStudio 5|CFX96", "ENDOTOXIN_TESTER:Nexus|PyroTec|nexgen-MCS", "MICROPLATE_READER:SpectraMax|Synergy|Spark",
         "CAPILLARY_ELECTROPHORESIS:PA 800|Jess|Maurice", "SPECTROPHOTOMETER:Cary 60|UV-1900i", "STABILITY_CHAMBER",
         "CELL_COUNTER:Vi-CELL|NC-202", "NUCLEIC_ACID_ANALYZER:TapeStation|NanoDrop One", "FREEZER:TSX|MDF-DU"],
        "contract_lab", lang="local", buildings=(("분석센터", "{f}{n:02d}"),), floors=(2, 4), factor=1.2, years=(2015, 2025),
        flavour=("GMP 수탁시험(위탁분석) 장비.", "Used for contract GMP testing."),
    ),
    # ============================== ELSEWHERE IN INCHEON
    "INHA": P(
        ["NMR:III HD 500|ECZ500R", "ELECTRON_MICROSCOPE:JSM-7900|Sigma|Regulus", "CONFOCAL_MICROSCOPE:LSM 880|A1R|SP8",
         "LC_MS:Xevo TQ-XS|LCMS-8060NX|Triple Quad", "GAS_CHROMATOGRAPH", "HPLC", "FLOW_CYTOMETER:Canto|CytoFLEX|LSRFortessa",
         "PCR", "SPECTROPHOTOMETER:J-1500|Cary Eclipse|RF-6000", "THERMAL_ANALYZER", "PARTICLE_ANALYZER:Nano ZS|NanoSight",
         "MICROPLATE_READER", "BIOREACTOR:BioFlo 120|BIOSTAT A|ez2", "CENTRIFUGE:XPN|XE-90|CP80NX", "BIOMOLECULAR_INTERACTION:T200|Octet RED96e|Monolith",
         "IMAGING_SYSTEM:ChemiDoc|Odyssey|IVIS Lumina", "SPRAY_DRYER:B-290|Nano Spray"],
        "academic", buildings=(("하이테크센터", "{f}{n:02d}"), ("2호관", "{f}{n:02d}"), ("60주년기념관", "{f}{n:02d}")),
        floors=(1, 8), factor=0.9, nfec=True,
    ),
    "HAESOL_CTC": P(
        ["FLOW_CYTOMETER*2:FACSLyric|Canto|CytoFLEX S", "PCR:LightCycler|QuantStudio 5", "SEQUENCER:MiSeq|NextSeq",
         "CENTRIFUGE*2:Allegra|5810|Multifuge", "FREEZER*2:MDF-DU|TSX|MVE", "BIOSAFETY_CABINET", "MICROPLATE_READER",
         "CELL_COUNTER", "LIQUID_HANDLER:KingFisher|STARlet|epMotion"],
        "hospital", buildings=(("임상시험센터", "{f}{n:02d}"), ("연구중심병원동", "B{f}{n:02d}")), floors=(1, 4), years=(2012, 2025),
        flavour=("임상 검체 처리 우선, 잔여 시간 공동활용.", "Clinical samples first; spare capacity shared."),
    ),
    "DONGSHIN_GLASS": P(
        ["ELEMENTAL_ANALYZER:5110|Avio", "SPECTROPHOTOMETER:UV-1900i|Cary 60", "OTHER:5965"],
        "sme", lang="local", buildings=(("품질관리실", "{n:02d}"),), floors=(1, 2), years=(2012, 2025),
    ),
    "ECOMASS": P(
        ["ENVIRONMENTAL_MONITOR:AeroTrak|Lasair", "OTHER:3345|5965", "THERMAL_ANALYZER:DSC 214|DSC 3"],
        "sme", lang="local", buildings=(("클린룸동", "{n:02d}"),), floors=(1, 2), years=(2021, 2025),
    ),
    "CHEONGNA_BIOPACK": P(
        ["OTHER:VeriPac", "ENVIRONMENTAL_MONITOR:MET ONE|AeroTrak", "STERILIZER:HX-320|VX-150", "STABILITY_CHAMBER:HPP260|KBF 240"],
        "sme", lang="local", buildings=(("성형공장", "{n:02d}"),), floors=(1, 2), years=(2016, 2025),
    ),
}

# --------------------------------------------------------------------------------------------------
# Equipment text fragments
# --------------------------------------------------------------------------------------------------

CAT_DESC = {
    "MASS_SPECTROMETER": ("단백질·펩타이드 및 미생물 동정을 위한 질량분석 장비입니다.",
                          "Mass spectrometer for protein / peptide analysis and microbial identification."),
    "LC_MS": ("펩타이드 매핑, 단백질 동정, 저분자 정량 분석에 사용하는 LC-MS 시스템입니다.",
              "LC-MS system for peptide mapping, protein identification and small-molecule quantitation."),
    "HPLC": ("순도, 함량, 크기 변이체(SEC) 및 전하 변이체 분석용 액체크로마토그래피입니다.",
             "Liquid chromatography for purity, assay, size-variant (SEC) and charge-variant analysis."),
    "GAS_CHROMATOGRAPH": ("잔류용매, 휘발성 추출물 및 지방산 분석용 기체크로마토그래피입니다.",
                          "Gas chromatography for residual solvents, volatile extractables and fatty acids."),
    "NMR": ("저분자·천연물 구조 규명 및 정량 NMR 분석에 사용합니다.",
            "NMR for structure elucidation of small molecules / natural products and quantitative NMR."),
    "SPECTROPHOTOMETER": ("흡광·형광·적외선 스펙트럼 측정용 분광기입니다.",
                          "Spectrometer for absorbance, fluorescence or infrared spectra."),
    "MICROPLATE_READER": ("ELISA, 세포 생존율, 효소 활성 등 플레이트 기반 분석에 사용합니다.",
                          "Plate-based assays: ELISA, cell viability, enzyme activity."),
    "CAPILLARY_ELECTROPHORESIS": ("CE-SDS, cIEF 등 바이오의약품 순도·전하 변이체 분석 장비입니다.",
                                  "CE-SDS / cIEF purity and charge-variant analysis of biologics."),
    "PARTICLE_ANALYZER": ("나노입자·단백질 응집체·불용성 미립자 크기 분석에 사용합니다.",
                          "Size analysis of nanoparticles, protein aggregates and subvisible particles."),
    "BIOMOLECULAR_INTERACTION": ("항체-항원 결합 친화도 및 반응속도 분석 장비입니다.",
                                 "Binding affinity and kinetics (antibody-antigen and other interactions)."),
    "THERMAL_ANALYZER": ("단백질 열안정성 및 소재 열적 특성(DSC/TGA) 분석 장비입니다.",
                         "Thermal stability of proteins and thermal properties of materials (DSC / TGA)."),
    "ELEMENTAL_ANALYZER": ("원소 불순물(ICH Q3D), TOC 등 무기·원소 분석 장비입니다.",
                           "Elemental impurities (ICH Q3D), TOC and other elemental analysis."),
    "CONFOCAL_MICROSCOPE": ("세포·조직의 고해상도 형광 3D 이미징에 사용합니다.",
                            "High-resolution 3D fluorescence imaging of cells and tissues."),
    "LIGHT_MICROSCOPE": ("세포 형태 관찰 및 형광 이미징용 광학현미경입니다.",
                         "Light / fluorescence microscope for cell morphology and imaging."),
    "ELECTRON_MICROSCOPE": ("시료 표면·미세구조 및 나노입자 형태 관찰용 전자현미경입니다.",
                            "Electron microscope for surface, ultrastructure and nanoparticle morphology."),
    "IMAGING_SYSTEM": ("겔·블롯 또는 생체 영상 획득 및 분석 시스템입니다.",
                       "Imaging of gels / blots or in vivo / high-content images."),
    "FLOW_CYTOMETER": ("세포 표면 마커 분석 및 세포 분리를 위한 유세포분석 장비입니다.",
                       "Flow cytometry for surface-marker analysis and cell sorting."),
    "CELL_COUNTER": ("세포 수 및 생존율 자동 측정 장비입니다.", "Automated cell count and viability."),
    "CELL_CULTURE": ("동물세포·미생물 배양용 배양 장비입니다.", "Incubation equipment for mammalian or microbial culture."),
    "BIOSAFETY_CABINET": ("무균 조작 및 BL2 시료 취급용 생물안전작업대입니다.",
                          "Biosafety cabinet for aseptic work and BL2 material."),
    "PCR": ("유전자 발현, 잔류 DNA, 벡터 역가 정량용 PCR 장비입니다.",
            "PCR for gene expression, residual DNA and vector titer."),
    "SEQUENCER": ("유전체·전사체 및 클론 서열 확인용 염기서열 분석 장비입니다.",
                  "Sequencing of genomes, transcriptomes and clone verification."),
    "NUCLEIC_ACID_ANALYZER": ("핵산 정량 및 무결성(RIN, 단편 크기) 분석 장비입니다.",
                              "Nucleic acid quantitation and integrity (RIN, fragment size)."),
    "LIQUID_HANDLER": ("시료 전처리 및 분주 자동화 장비입니다.", "Automation of sample preparation and pipetting."),
    "BIOREACTOR": ("미생물 발효 및 동물세포 배양 공정 개발용 생물반응기입니다.",
                   "Bioreactor / fermenter for microbial fermentation and cell-culture process development."),
    "SINGLE_USE_BIOREACTOR": ("일회용 백 기반 동물세포 배양 공정용 생물반응기입니다.",
                              "Single-use bioreactor for mammalian cell-culture processes."),
    "MEDIA_PREPARATION": ("배지·버퍼 제조 및 혼합 장비입니다.", "Media and buffer preparation / mixing."),
    "CENTRIFUGE": ("세포 회수, 청징 및 밀도구배 분리용 원심분리기입니다.",
                   "Centrifuge for cell harvest, clarification and density-gradient separation."),
    "CHROMATOGRAPHY_SYSTEM": ("단백질 정제(친화·이온교환·크기배제) 크로마토그래피 시스템입니다.",
                              "Protein purification chromatography (affinity, ion exchange, SEC)."),
    "FILTRATION_SYSTEM": ("농축·완충액 교환(UF/DF) 및 필터 완전성 시험 장비입니다.",
                          "Concentration / buffer exchange (UF/DF) and filter integrity testing."),
    "HOMOGENIZER": ("세포 파쇄 및 에멀젼·나노분산 제조 장비입니다.",
                    "Cell disruption and emulsion / nano-dispersion preparation."),
    "FREEZE_DRYER": ("바이알 및 벌크 시료 동결건조 장비입니다.", "Freeze drying of vials and bulk material."),
    "FILLING_MACHINE": ("바이알·시린지 충전 및 마개 공정 장비입니다.", "Filling and closing of vials / syringes."),
    "SPRAY_DRYER": ("액상 시료를 분말화하는 분무건조 장비입니다.", "Spray drying of liquid feeds into powders."),
    "ENDOTOXIN_TESTER": ("엔도톡신 및 무균 시험용 QC 장비입니다.", "QC instrument for endotoxin and sterility testing."),
    "ENVIRONMENTAL_MONITOR": ("청정구역 부유입자 및 부유균 환경 모니터링 장비입니다.",
                              "Cleanroom environmental monitoring (particles, airborne microbes)."),
    "STABILITY_CHAMBER": ("ICH 조건 안정성 시험용 항온항습 챔버입니다.", "Climate chamber for ICH stability studies."),
    "STERILIZER": ("기구·배지·폐기물 멸균 장비입니다.", "Sterilisation of equipment, media and waste."),
    "FREEZER": ("세포주·시료 초저온 보관 장비입니다.", "Ultra-low temperature storage of cell lines and samples."),
    "WATER_PURIFICATION": ("실험·공정용 정제수/초순수 제조 장비입니다.", "Purified / ultrapure water for lab and process use."),
    "ANIMAL_FACILITY": ("동물실험 사육·측정 장비입니다.", "Animal housing and phenotyping equipment."),
    "OTHER": ("공정 및 분석 지원 장비입니다.", "Process / analytical support equipment."),
}

MODE_DESC = {
    "SELF_SERVICE": [("온라인 예약 후 직접 사용할 수 있습니다.", "Book online and operate it yourself."),
                     ("예약제로 운영하며 사용자가 직접 운용합니다.", "Self-service; booking required.")],
    "OPERATOR_ASSISTED": [("전담 운영인력이 장비 운용을 지원합니다.", "Facility staff assist with operation."),
                          ("운영자 입회 하에 사용합니다.", "Used together with facility staff.")],
    "ANALYSIS_REQUEST": [("시료를 의뢰하면 분석 후 결과 보고서를 제공합니다.", "Submit samples; staff run the analysis and send a report."),
                         ("분석 의뢰 방식으로만 운영합니다.", "Available as an analysis-request service only.")],
}
TRAINING_DESC = ("최초 사용 전 장비 교육 이수가 필요합니다.", "Instrument training is required before first use.")
STATUS_DESC = {
    "MAINTENANCE": [("현재 정기 점검 중입니다.", "Currently under scheduled maintenance."),
                    ("부품 교체를 위해 제조사 수리 대기 중입니다.", "Awaiting manufacturer service (parts replacement).")],
    "RETIRED": [("노후화로 운영을 종료했습니다(불용 처리 예정).", "Retired (end of life); kept in the list for records.")],
}
INTERNAL_DESC = ("기관 내부 사용 전용입니다.", "Internal use only.")
SIMPLE_CATS = {"FREEZER", "WATER_PURIFICATION", "STERILIZER", "STABILITY_CHAMBER", "CELL_CULTURE", "BIOSAFETY_CABINET"}
MS_CATS = {"LC_MS", "MASS_SPECTROMETER"}

SHORT_MFR = {
    TF: "Thermo Scientific", "Agilent Technologies": "Agilent", "Malvern Panalytical": "Malvern",
    "BD Biosciences": "BD", "Carl Zeiss": "Zeiss", "Leica Microsystems": "Leica", "Hitachi High-Tech": "Hitachi",
    "Merck (MilliporeSigma)": "Merck", "Applied Biosystems (Thermo Fisher)": "Applied Biosystems",
    "코바이오텍": "KoBioTech", "한일과학": "Hanil", "대한과학": "DAIHAN", "제이오텍": "JEIO TECH",
    "비전과학": "Vision Scientific", "일신바이오베이스": "ilShin BioBase", "휴먼코퍼레이션": "Human Corporation",
}

# Model-specific first sentence where the category sentence is too generic.
MODEL_DESC = {
    "Rotavapor R-300": ("천연물 추출액 및 용매 감압 농축에 사용합니다.", "Vacuum concentration of extracts and solvents."),
    "Rotavapor R-220 Pro": ("천연물 대용량 추출액(20 L) 감압 농축 장비입니다.", "Large-volume (20 L) concentration of natural-product extracts."),
    "Hei-VAP Ultimate": ("용매 감압 농축용 회전 증발기입니다.", "Rotary evaporator for solvent removal."),
    "SpeedExtractor E-916": ("천연물 시료의 가압 용매 추출 장비입니다.", "Pressurised solvent extraction of natural products."),
    "Pure C-850 FlashPrep": ("천연물 추출물의 분획·분리 정제 장비입니다.", "Fractionation and purification of natural-product extracts."),
    "NanoAssemblr Ignite": ("미세유체 혼합으로 mRNA-LNP 등 지질나노입자를 제조합니다.", "Microfluidic mixing for mRNA-LNP and other lipid nanoparticles."),
    "NanoAssemblr Blaze": ("LNP 제형의 스케일업 제조 장비입니다.", "Scale-up manufacturing of LNP formulations."),
    "CliniMACS Prodigy": ("CAR-T 등 세포치료제 폐쇄형 자동 제조 시스템입니다.", "Closed, automated manufacturing of cell therapies such as CAR-T."),
    "Cocoon Platform": ("자가 세포치료제 폐쇄형 자동 생산 플랫폼입니다.", "Closed, automated platform for autologous cell therapy."),
    "BioProfile FLEX2": ("배양액의 포도당·젖산·암모니아·삼투압 등 대사물 분석 장비입니다.", "Measures glucose, lactate, ammonium, gases and osmolality in culture samples."),
    "Cedex Bio HT Analyzer": ("배양액 성분(포도당, 아미노산, IgG 등) 고속 분석 장비입니다.", "High-throughput analysis of culture media components (glucose, amino acids, IgG)."),
    "OsmoTECH PRO": ("배지·버퍼·제제의 삼투압 측정 장비입니다.", "Osmolality of media, buffers and formulations."),
    "Savant SpeedVac SPD120": ("펩타이드·핵산 시료 원심 진공 농축 장비입니다.", "Vacuum concentration of peptide and nucleic acid samples."),
    "EZ-2 4.0": ("다검체 용매 원심 증발 장비입니다.", "Centrifugal evaporation of many samples at once."),
    "5965": ("필름·튜브·백의 인장·실 강도 시험 장비입니다.", "Tensile and seal-strength testing of films, tubing and bags."),
    "3345": ("고분자 소재 인장·박리 시험 장비입니다.", "Tensile and peel testing of polymer materials."),
    "MCR 302e": ("배지·제제·고분자의 점탄성 측정 장비입니다.", "Viscosity and viscoelasticity of media, formulations and polymers."),
    "Surftest SJ-410": ("위생 배관·부품의 표면 조도(Ra) 측정 장비입니다.", "Surface roughness (Ra) of sanitary tubing and parts."),
    "VeriPac 455": ("진공감쇠법 용기 밀봉 완전성(CCI) 시험 장비입니다.", "Container closure integrity testing by vacuum decay."),
    "917 Coulometer": ("동결건조 제품·원료의 수분 함량 측정 장비입니다.", "Water content of lyophilised products and raw materials."),
}


def _short_mfr(mfr: str) -> str:
    return SHORT_MFR.get(mfr, mfr.split(" (")[0])


def _abbr(m) -> str | None:
    cat, en, model = m["category"], m["en"], m["model"]
    if cat == "LC_MS":
        return "LC-MS/MS"
    if cat == "MASS_SPECTROMETER":
        return "MALDI-TOF" if "MALDI" in en else "MS"
    if cat == "FLOW_CYTOMETER":
        return "FACS"
    if cat == "FILTRATION_SYSTEM":
        return "TFF system" if ("TFF" in en or "rossflow" in en or "filtration" in en) else "Filter integrity tester"
    if cat == "BIOSAFETY_CABINET":
        return "BSC class II" if "iosafety" in en else None
    if cat == "PCR":
        return "ddPCR" if "igital" in en else ("qPCR" if "eal-time" in en else "PCR")
    if cat == "HPLC":
        return "UPLC" if "UPLC" in model or "UHPLC" in en else "HPLC"
    if cat == "CONFOCAL_MICROSCOPE":
        return "CLSM"
    if cat == "ELECTRON_MICROSCOPE":
        return "TEM" if ("TEM" in en or "Cryo" in en) else ("FE-SEM" if "FE-SEM" in en else "SEM")
    if cat == "NMR":
        return "NMR"
    if cat == "CHROMATOGRAPHY_SYSTEM":
        return "AKTA" if "ÄKTA" in model else "FPLC"
    if cat == "SEQUENCER":
        return "NGS" if "Sanger" not in en else "Sanger sequencer"
    if cat == "ENDOTOXIN_TESTER":
        return "LAL" if "ndotoxin" in en else None
    if cat == "PARTICLE_ANALYZER":
        return "DLS" if "DLS" in en else None
    if cat == "BIOMOLECULAR_INTERACTION":
        return "SPR" if "SPR" in en else ("BLI" if ("BLI" in en or "interferometry" in en) else None)
    if cat == "CENTRIFUGE":
        return "Ultra centrifuge" if "ltracentrifuge" in en else None
    if cat == "GAS_CHROMATOGRAPH":
        return "GC-MS" if "MS" in en else "GC"
    return None


def _round_rate(v: float) -> int:
    if v >= 10000:
        return int(round(v / 1000) * 1000)
    if v >= 2000:
        return int(round(v / 500) * 500)
    return int(round(v / 100) * 100)


def _rates(base: int, factor: float, cat: str) -> tuple[int, int, int]:
    ms = cat in MS_CATS
    ind = base * factor
    if ms:
        ind = min(max(ind, 120000), 200000)
    elif cat == "CENTRIFUGE":
        ind = min(max(ind, 5000), 20000)
    ind = _round_rate(ind)
    aca = _round_rate(ind * (0.7 if ms else 0.6))
    inn = _round_rate(ind * (0.42 if ms else 0.35))
    if ms:
        inn = max(inn, 50000)
    assert inn < aca < ind, (base, factor, cat, inn, aca, ind)
    return inn, aca, ind


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    r = rng.random() * sum(weights.values())
    for key, w in weights.items():
        r -= w
        if r < 0:
            return key
    return key


def _expand(plan: list[str]):
    for entry in plan:
        filt, year = None, None
        if "@" in entry:
            entry, y = entry.split("@")
            year = int(y)
        if ":" in entry:
            entry, f = entry.split(":", 1)
            filt = f.split("|")
        n = 1
        if "*" in entry:
            entry, k = entry.split("*")
            n = int(k)
        for _ in range(n):
            yield entry, filt, year


def build_equipment() -> list[dict]:
    out: list[dict] = []
    nfec_seen: set[str] = set()
    for code, prof in PLANS.items():
        rng = random.Random(f"equipment:{code}")
        used: dict[str, int] = {}
        for i, (cat, filt, fyear) in enumerate(_expand(prof["plan"]), 1):
            cands = [m for m in MODELS if m["category"] == cat and (prof["prod"] or "prod" not in m["tags"])]
            if filt:
                cands = [m for m in cands if any(f in f"{m['manufacturer']} {m['model']}" for f in filt)]
            if not cands:
                raise SystemExit(f"no model for {code} {cat} {filt}")
            least = min(used.get(m["model"], 0) for m in cands)
            m = rng.choice([c for c in cands if used.get(c["model"], 0) == least])
            used[m["model"]] = used.get(m["model"], 0) + 1

            lo, hi = max(m["year"], prof["years"][0]), prof["years"][1]
            year = fyear or rng.randint(min(lo, hi), hi)

            r = rng.random()
            status = "MAINTENANCE" if r < 0.07 else ("RETIRED" if r < 0.22 and year <= 2015 else "ACTIVE")
            access = _pick(rng, ACCESS[prof["access"]])
            mode = MODE[m["mode"]]
            if rng.random() < 0.2:
                mode = rng.choice([v for v in MODE.values() if v != mode])
            if mode == "SELF_SERVICE":
                training = rng.random() < (0.3 if cat in SIMPLE_CATS else 0.85)
            elif mode == "OPERATOR_ASSISTED":
                training = rng.random() < 0.4
            else:
                training = False

            company_internal = access == "INTERNAL" and prof["access"] in ("big_company", "sme")
            no_rate = m["rate"] is None or company_internal or status == "RETIRED"
            if no_rate or (mode == "ANALYSIS_REQUEST" and rng.random() < 0.5):
                rate_int = rate_aca = rate_ind = None
            else:
                rate_int, rate_aca, rate_ind = _rates(m["rate"], prof["factor"], cat)

            # names, as Korean institutions write them
            lang = _pick(rng, dict(zip(("ko", "en", "both"), LANG[prof["lang"]])))
            ko, en = m["ko"], m["en"]
            if rng.random() < 0.25 and m["model"] not in ko and "(" not in ko:
                ko = f"{ko} ({m['model']})"
            r2 = rng.random()
            if r2 < 0.3:
                en = f"{_short_mfr(m['manufacturer'])} {m['model']}"
            elif r2 < 0.45 and m["model"] not in en and "(" not in en:
                en = f"{en} ({m['model']})"
            manufacturer = m["manufacturer"]
            messy = rng.random() < 0.09
            if messy:
                if lang == "ko":
                    # an imported row whose name is only an abbreviation ("FACS", "LC-MS/MS"): the
                    # abbreviation is the English name, the description stays Korean
                    abbr = _abbr(m)
                    if abbr:
                        lang, en = "abbr", abbr
                else:
                    abbr = _abbr(m) if rng.random() < 0.4 else None
                    en = abbr or (m["raw"] or m["en"]).upper()[:20].rstrip()
                    if rng.random() < 0.5:
                        manufacturer = manufacturer.upper()

            # description
            d_ko, d_en = [], []
            if status != "ACTIVE":
                s = rng.choice(STATUS_DESC[status])
                d_ko.append(s[0]), d_en.append(s[1])
            first = MODEL_DESC.get(m["model"], CAT_DESC[cat])
            d_ko.append(first[0]), d_en.append(first[1])
            if status != "RETIRED":
                s = rng.choice(MODE_DESC[mode])
                d_ko.append(s[0]), d_en.append(s[1])
            if training and status != "RETIRED":
                d_ko.append(TRAINING_DESC[0]), d_en.append(TRAINING_DESC[1])
            if status == "RETIRED":
                pass
            elif prof["flavour"] and rng.random() < 0.6:
                d_ko.append(prof["flavour"][0]), d_en.append(prof["flavour"][1])
            elif access == "INTERNAL":
                d_ko.append(INTERNAL_DESC[0]), d_en.append(INTERNAL_DESC[1])
            desc_ko, desc_en = " ".join(d_ko), " ".join(d_en)
            if messy and rng.random() < 0.5:
                desc_ko = desc_en = ""
            if lang == "both" and rng.random() < 0.12:
                desc_en = ""

            specs = dict(m["specs"])
            if len(specs) < 2 or (len(specs) < 5 and rng.random() < 0.15):
                specs["power_supply"] = "AC 220 V, 60 Hz"

            building, room_fmt = rng.choice(prof["buildings"])
            room = room_fmt.format(f=rng.randint(*prof["floors"]), n=rng.randint(1, 30))
            if messy and rng.random() < 0.3:
                room = ""

            nfec = ""
            if prof["nfec"] and (m["rate"] or 0) >= 15000 and rng.random() < 0.7:
                while True:
                    nfec = f"NFEC-{year}-{rng.randint(1, 12):02d}-{rng.randint(100000, 299999):06d}"
                    if nfec not in nfec_seen:
                        nfec_seen.add(nfec)
                        break
            rrid = ""
            if prof["rrid"] and (prof["rrid_cats"] is None or cat in prof["rrid_cats"]):
                rrid = prof["rrid"]

            out.append({
                "institution": code,
                "source_id": f"{code}-{i:04d}",
                "name_ko": ko if lang in ("ko", "both") else "",
                "name_en": en if lang in ("en", "both", "abbr") else "",
                "category": cat,
                "manufacturer": manufacturer,
                "model": m["model"],
                "year": year,
                "description_ko": desc_ko if lang in ("ko", "both", "abbr") else "",
                "description_en": desc_en if lang in ("en", "both") else "",
                "specifications": specs,
                "building": building,
                "room": room,
                "status": status,
                "access_policy": access,
                "service_mode": mode,
                "training_required": training,
                "rate_internal_krw": rate_int,
                "rate_academic_krw": rate_aca,
                "rate_industry_krw": rate_ind,
                "nfec_registration": nfec,
                "rrid": rrid,
                "photo_url": "",
            })
    _ensure_import_examples(out)
    _append_distractors(out)
    return out


# Non-bio equipment of Namdong industrial companies whose names share words with bio equipment
# ("reactor" / 리액터 / 반응기, "centrifugal" / 원심): search must not rank an air-core reactor first
# for a bioreactor query, nor a centrifugal pump for a centrifuge query. Fixed records (no random
# draws), appended after everything else; source ids continue each institution's numbering, so no
# other record changes.
# (institution, name_ko, name_en, manufacturer, model, year, description_ko, description_en, specs,
#  building, room, service mode, training, (internal, academic, industry) KRW/h)
DISTRACTORS = [
    ("HANGYEOL_PRECISION", "공심 리액터 (전력품질 시험용)", "Air-core reactor (power quality test)",
     "LS ELECTRIC", "ACR-LV 440V 300A", 2021,
     "고조파 필터·전력품질 시험용 건식 공심 리액터입니다. 인버터·전원장치 시험 부하로 사용합니다.",
     "Dry-type air-core reactor for harmonic-filter and power-quality tests; used as a test load for"
     " inverters and power supplies.",
     {"rated_voltage": "AC 440 V, 3-phase", "inductance": "3 mH", "rated_current": "300 A", "cooling": "natural air (AN)"},
     "본사 공장", "21", "OPERATOR_ASSISTED", True, (3000, 5000, 8000)),
    ("HANGYEOL_PRECISION", "", "Dry-type air core shunt reactor",
     "Hyosung Heavy Industries", "DSR-24-5000", 2019,
     "", "Dry-type air-core shunt reactor (24 kV, 5 Mvar) on the outdoor test bay for insulation and"
     " temperature-rise tests of machined coil supports.",
     {"rated_voltage": "24 kV", "rating": "5 Mvar", "insulation": "class F", "installation": "outdoor"},
     "본사 공장", "야외 시험장", "OPERATOR_ASSISTED", False, (6000, 10000, 16000)),
    ("HANGYEOL_PRECISION", "리액터 코일 권선기", "Reactor coil winding machine",
     "Nittoku", "NW-1200H", 2016,
     "리액터·변압기용 평각동선 코일을 감는 CNC 권선기입니다. 시제품 코일 제작에 사용합니다.",
     "CNC winding machine for flat copper-wire coils of reactors and transformers; used for prototype"
     " coils.",
     {"wire": "Cu / Al flat wire up to 5 x 20 mm", "coil_diameter": "max 1,200 mm", "speed": "0-60 rpm",
      "control": "CNC, tension control"},
     "본사 공장", "08", "OPERATOR_ASSISTED", True, (4000, 7000, 11000)),
    ("SEOHAE_POLYTECH", "원심 펌프", "Centrifugal pump (process water)",
     "Grundfos", "CR 10-5", 2018,
     "필름 압출 냉각수 순환용 스테인리스 다단 원심 펌프입니다. 유량·양정 성능 시험에 사용할 수 있습니다.",
     "Stainless multistage centrifugal pump circulating process cooling water of the film extrusion line;"
     " available for flow / head performance tests.",
     {"flow": "10 m3/h", "head": "50 m", "motor": "3 kW, 380 V", "material": "stainless steel 304"},
     "제2공장 클린룸동", "104", "OPERATOR_ASSISTED", False, (1800, 3000, 5000)),
    ("SEOHAE_POLYTECH", "원심 송풍기", "Centrifugal blower",
     "ebm-papst", "RadiCal K3G400", 2020,
     "클린룸 공조기(AHU) 급기용 EC 원심 송풍기입니다. 풍량·정압 시험에 사용할 수 있습니다.",
     "EC centrifugal blower supplying the cleanroom air-handling unit; available for air-flow and"
     " static-pressure tests.",
     {"air_flow": "3,600 m3/h", "static_pressure": "600 Pa", "motor": "EC 2.5 kW"},
     "제2공장 클린룸동", "118", "OPERATOR_ASSISTED", False, (1800, 3000, 5000)),
    ("MIR_RESINTECH", "반응기 온도 제어 패널", "Reactor temperature control panel",
     "Hanyoung Nux", "NX9 PID panel (8 ch)", 2017,
     "레진 합성용 자켓 반응기(50 L 유리 반응조)의 온도를 제어하는 8채널 PID 제어반입니다.",
     "8-channel PID control panel for the jacketed glass reactors (50 L) of the resin synthesis line.",
     {"channels": "8 PID loops", "range": "-20 to 200 °C", "sensor": "Pt100", "communication": "RS-485 (Modbus)"},
     "레진 연구소", "R-212", "OPERATOR_ASSISTED", True, (1800, 3000, 5000)),
]


def _append_distractors(out: list[dict]) -> None:
    for (code, ko, en, mfr, model, year, d_ko, d_en, specs, building, room, mode, training,
         (r_int, r_aca, r_ind)) in DISTRACTORS:
        n = sum(1 for e in out if e["institution"] == code) + 1
        out.append({
            "institution": code,
            "source_id": f"{code}-{n:04d}",
            "name_ko": ko,
            "name_en": en,
            "category": "OTHER",
            "manufacturer": mfr,
            "model": model,
            "year": year,
            "description_ko": d_ko,
            "description_en": d_en,
            "specifications": specs,
            "building": building,
            "room": room,
            "status": "ACTIVE",
            "access_policy": "PUBLIC",
            "service_mode": mode,
            "training_required": training,
            "rate_internal_krw": r_int,
            "rate_academic_krw": r_aca,
            "rate_industry_krw": r_ind,
            "nfec_registration": "",
            "rrid": "",
            "photo_url": "",
        })


# Imported-looking names that must appear at least once (first matching record, in file order).
IMPORT_EXAMPLES = [
    ("QTRAP 6500+", "Q TRAP MASS SPECTROM"),
    ("Airstream Class II AC2-4S8", "BSC class II"),
    ("Purifier Logic+ Class II A2", "BSC class II"),
    ("FACSCanto II", "FACS"),
    ("Sartoflow Smart", "TFF system"),
]


def _ensure_import_examples(out: list[dict]) -> None:
    for model, name in IMPORT_EXAMPLES:
        if any(e["name_en"] == name for e in out):
            continue
        for e in out:
            if e["model"] == model:
                e["name_en"] = name
                break


# --------------------------------------------------------------------------------------------------
# Technologies and services (demo data; contacts are generic offices at example domains)
# --------------------------------------------------------------------------------------------------

CONTACTS = {
    "KNIBRT": ("K-NIBRT 교육운영팀", "training.knibrt@example.ac.kr", "032-000-1101"),
    "YONSEI_IC": ("산학협력단 기술이전팀", "tlo.yonsei-ic@example.ac.kr", "032-000-1201"),
    "INU": ("산학협력단 기술사업화센터", "tlo.inu@example.ac.kr", "032-000-1301"),
    "INHA": ("산학협력단 기술이전센터", "tlo.inha@example.ac.kr", "032-000-1401"),
    "GHENT_UGC": ("Research Support Office", "research.ghent-ugc@example.ac.kr", "032-000-1451"),
    "ITP_BIO": ("바이오산업센터 장비지원팀", "bio-support.itp@example.co.kr", "032-000-1501"),
    "IFEZ_BASC": ("분석지원팀", "analysis.ifez-basc@example.co.kr", "032-000-1601"),
    "SAMSUNG_BIOLOGICS": ("사업개발팀 (데모 연락처)", "bd.samsung-biologics@example.co.kr", "032-000-1701"),
    "LOTTE_BIOLOGICS": ("사업개발팀 (데모 연락처)", "bd.lotte-biologics@example.co.kr", "032-000-1702"),
    "DM_BIO": ("영업팀 (데모 연락처)", "sales.dm-bio@example.co.kr", "032-000-1703"),
    "MERCK_KOREA": ("M Lab office (demo contact)", "mlab.merck-korea@example.co.kr", "032-000-1704"),
    "NAMDONG_BMTC": ("시험접수 창구", "test.namdong-bmtc@example.co.kr", "032-000-2001"),
    "BIONEST_ANALYTICS": ("수탁시험 접수팀", "cro.bionest@example.co.kr", "032-000-2101"),
    "SONGDO_PROTEOMICS": ("코어 퍼실리티 접수", "core.songdo-proteomics@example.ac.kr", "032-000-1801"),
    "WESTSEA_GTRC": ("연구지원실", "office.westsea-gtrc@example.ac.kr", "032-000-1811"),
    "LUMENGEN": ("사업개발 (BD)", "bd.lumengen@example.co.kr", "032-000-1821"),
    "MOACELL": ("기술이전 문의", "licensing.moacell@example.co.kr", "032-000-1831"),
    "HAESOL_CTC": ("임상시험센터 사무국", "ctc.haesol@example.co.kr", "032-000-3001"),
    "NURI_MEDICHEM": ("영업기술팀", "sales.nuri-medichem@example.co.kr", "032-000-2201"),
    "MIR_RESINTECH": ("기술영업팀", "sales.mir-resintech@example.co.kr", "032-000-2301"),
    "GAON_FILTECH": ("품질관리팀", "qc.gaon-filtech@example.co.kr", "032-000-2401"),
    "SEOHAE_POLYTECH": ("기술영업팀", "sales.seohae-polytech@example.co.kr", "032-000-2501"),
    "CHEONGRAM_SILICONE": ("영업팀", "sales.cheongram@example.co.kr", "032-000-2601"),
    "ARAM_CLEANTECH": ("환경모니터링 사업팀", "em.aram-cleantech@example.co.kr", "032-000-2701"),
    "SOLBIT_SEALTECH": ("영업팀", "sales.solbit@example.co.kr", "032-000-2801"),
}

L, A, C, T_ = "LICENSABLE_TECHNOLOGY", "ANALYSIS_SERVICE", "CDMO_SERVICE", "TRAINING_SERVICE"

# (institution, kind, title_ko, title_en, summary_ko, summary_en, trl, patents)
TECHNOLOGIES = [
    # K-NIBRT training curricula (mRNA, vaccines, antibodies, gene/cell therapy, QA/QC)
    ("KNIBRT", T_, "항체 의약품 USP 공정 실습 과정", "Antibody upstream (USP) hands-on course",
     "CHO 세포 해동·계대부터 ambr 250 공정 스크리닝, 50 L 일회용 생물반응기 운전과 공정 모니터링까지 GMP 실습동에서 진행하는 USP 실무 과정.",
     "From CHO cell thaw and passaging to ambr 250 screening, 50 L single-use bioreactor runs and in-process monitoring in the GMP training suite.",
     None, []),
    ("KNIBRT", T_, "항체 의약품 DSP 정제 공정 과정", "Antibody downstream (DSP) purification course",
     "Protein A 포획, 이온교환 정제, 바이러스 여과, UF/DF(TFF)를 ÄKTA 및 TFF 장비로 실습합니다.",
     "Protein A capture, ion-exchange polishing, virus filtration and UF/DF practised on ÄKTA and TFF systems.",
     None, []),
    ("KNIBRT", T_, "mRNA 백신 생산 공정 과정", "mRNA vaccine manufacturing course",
     "IVT 반응, mRNA 정제, 미세유체 혼합 기반 LNP 제형과 입도·봉입률 분석까지 mRNA 공정 전 단계를 다룹니다.",
     "Covers the mRNA process end to end: IVT, purification, microfluidic LNP formulation, size and encapsulation analytics.",
     None, []),
    ("KNIBRT", T_, "백신 생산 공정 실무 과정", "Vaccine manufacturing course",
     "재조합 단백질 및 바이러스 백신의 배양·정제·품질시험 공정을 실습합니다.",
     "Culture, purification and QC of recombinant-protein and viral vaccines.",
     None, []),
    ("KNIBRT", T_, "유전자·세포치료제 제조 과정", "Gene and cell therapy manufacturing course",
     "AAV·렌티바이러스 벡터 생산과 폐쇄형 자동화 장비를 이용한 CAR-T 제조 공정을 실습합니다.",
     "AAV / lentiviral vector production and CAR-T manufacturing on closed automated platforms.",
     None, []),
    ("KNIBRT", T_, "바이오의약품 QC 분석 과정", "Biopharmaceutical QC analytics course",
     "HPLC, CE-SDS, icIEF, 엔도톡신 시험과 분석법 밸리데이션을 다루는 QC 실무 과정.",
     "HPLC, CE-SDS, icIEF, endotoxin testing and analytical method validation.",
     None, []),
    ("KNIBRT", T_, "GMP 품질보증(QA) 실무 과정", "GMP quality assurance course",
     "일탈·CAPA, 변경관리, 데이터 완전성(ALCOA+), GMP 문서 검토 실무.",
     "Deviations and CAPA, change control, data integrity (ALCOA+) and GMP document review.",
     None, []),
    ("KNIBRT", T_, "무균 충전·동결건조 공정 과정", "Aseptic fill-finish and lyophilisation course",
     "아이솔레이터 기반 무균 충전, 동결건조 사이클, 환경 모니터링과 media fill을 실습합니다.",
     "", None, []),
    ("KNIBRT", T_, "기업 맞춤형 위탁교육", "Customised corporate training",
     "기업 수요에 맞춘 공정·품질 교육 과정을 설계하여 GMP 실습동에서 운영합니다.",
     "Tailored process and quality courses run in the GMP training suite for company teams.",
     None, []),
    # Universities (demo records; no patent numbers are attached to real organisations)
    ("YONSEI_IC", L, "고생산성 CHO 세포주 개발 플랫폼", "High-producing CHO cell line development platform",
     "부위 특이적 유전자 통합과 대사 공학을 결합해 항체 생산성을 높인 CHO 숙주세포 및 세포주 개발 방법 (데모 레코드).",
     "CHO host and cell line development combining site-specific integration with metabolic engineering to raise antibody titers (demo record).",
     4, []),
    ("YONSEI_IC", A, "유세포분석·세포분리 분석 지원", "Flow cytometry and cell sorting service",
     "다색 유세포분석 패널 설계, 측정, 세포 분리 및 데이터 분석을 지원합니다.",
     "Multicolour panel design, acquisition, cell sorting and data analysis.",
     None, []),
    ("YONSEI_IC", L, "항체 Fc 당쇄 조절 기술", "Antibody Fc glycan modulation",
     "배양 조건과 숙주세포 조작으로 항체 Fc 푸코실화·갈락토실화 수준을 조절하는 기술 (데모 레코드).",
     "Control of Fc fucosylation and galactosylation through culture conditions and host-cell engineering (demo record).",
     3, []),
    ("YONSEI_IC", A, "", "Single-cell RNA-seq service", "",
     "Single-cell library preparation, sequencing and basic clustering analysis for academic and industry users.",
     None, []),
    ("INU", L, "해양 미생물 유래 효소를 이용한 당 전환 공정", "Sugar conversion with marine microbial enzymes",
     "해양 미생물 유래 효소를 이용해 해조류 다당을 기능성 올리고당으로 전환하는 공정 (데모 레코드).",
     "Converts seaweed polysaccharides into functional oligosaccharides with enzymes from marine microbes (demo record).",
     3, []),
    ("INU", A, "NMR 구조 분석 서비스", "",
     "천연물·합성 화합물의 1D/2D NMR 측정 및 구조 해석을 지원합니다.", "", None, []),
    ("INHA", L, "부위 특이적 항체-약물 접합(ADC) 링커 기술", "Site-specific ADC linker technology",
     "항체의 특정 부위에 약물을 균일하게 접합하는 링커 화학 (데모 레코드).",
     "Linker chemistry for homogeneous, site-specific antibody-drug conjugation (demo record).",
     3, []),
    ("INHA", A, "고분자 소재 열·물성 분석 지원", "Polymer thermal and mechanical analysis",
     "DSC/TGA 열분석과 인장·박리 시험으로 바이오공정용 고분자 소재를 평가합니다.",
     "DSC / TGA and tensile / peel testing of polymer materials used in bioprocessing.",
     None, []),
    ("GHENT_UGC", A, "", "Microbial community (16S rRNA) profiling", "",
     "Amplicon sequencing and bioinformatics for microbial communities in food, environmental and process samples.",
     None, []),
    # Public support centres (services consistent with their public profile)
    ("ITP_BIO", C, "미생물 대량배양 및 정제 공정 지원", "Large-scale microbial culture and purification support",
     "발효기와 정제 장비를 이용해 기업의 미생물 대량배양·정제 공정 개발과 시료 생산을 지원합니다.",
     "Fermenters and purification equipment support companies' microbial scale-up, purification and sample production.",
     None, []),
    ("ITP_BIO", A, "질량분석 기반 단백질 분석 지원", "Mass-spectrometry protein analysis",
     "LC-MS/MS 및 MALDI-TOF를 이용한 단백질 동정과 분자량 분석을 지원합니다.",
     "Protein identification and molecular-weight analysis by LC-MS/MS and MALDI-TOF.",
     None, []),
    ("ITP_BIO", C, "천연물 추출·농축 공정 지원", "Natural-product extraction and concentration",
     "가압 용매 추출, 대용량 회전 농축, 분무·동결건조로 천연물 소재화를 지원합니다.",
     "", None, []),
    ("ITP_BIO", C, "동물세포 배양 공정 지원", "Animal cell culture process support",
     "동물세포 배양과 일회용 생물반응기 운전을 통한 공정 개발을 지원합니다.",
     "Process development support with animal cell culture and single-use bioreactors.",
     None, []),
    ("IFEZ_BASC", A, "고분해능 질량분석 공동활용 서비스", "High-resolution mass spectrometry shared service",
     "LC/Tribrid MS와 LC/ESI-Q-TOF를 중소기업이 공동 활용할 수 있도록 분석을 지원합니다.",
     "Shared-use analysis on the LC/Tribrid MS and LC/ESI-Q-TOF for SMEs.",
     None, []),
    ("IFEZ_BASC", A, "펩타이드 매핑 LC-MS/MS 분석", "Peptide mapping by LC-MS/MS",
     "효소 분해 후 LC-MS/MS로 아미노산 서열 커버리지와 번역 후 변형을 확인합니다.",
     "Enzymatic digestion and LC-MS/MS for sequence coverage and post-translational modifications.",
     None, []),
    ("IFEZ_BASC", A, "저분자 대사체 프로파일링", "Small-molecule metabolite profiling",
     "Q-TOF 기반 비표적 대사체 분석.", "Untargeted metabolite profiling on Q-TOF.", None, []),
    # Real manufacturers: only what their public profile states
    ("SAMSUNG_BIOLOGICS", C, "항체 의약품 위탁개발생산(CDMO)", "Antibody CDMO",
     "송도 바이오캠퍼스 CDMO. 4공장 240,000 L 가동으로 총 604,000 L, 바이오캠퍼스 II 5공장 180,000 L 추가 시 784,000 L (공개 자료 기준).",
     "CDMO in Songdo Bio Campus. Plant 4 (240,000 L) brought the total to 604,000 L; Plant 5 (180,000 L) in Bio Campus II -> 784,000 L (public sources).",
     None, []),
    ("LOTTE_BIOLOGICS", C, "항체 의약품 CDMO (송도 바이오캠퍼스)", "Antibody CDMO (Songdo Bio Campus)",
     "송도 1공장(항체) 2026년 하반기 준공 목표, 2027년 상반기 상업 생산 예정. 시러큐스(40,000 L) 포함 총 160,000 L (공개 자료 기준).",
     "Songdo Plant 1 (antibody) completion targeted for 2H 2026, commercial production 1H 2027; with Syracuse (40,000 L) total 160,000 L (public sources).",
     None, []),
    ("DM_BIO", C, "바이오의약품 위탁생산(CMO)", "Biopharmaceutical contract manufacturing (CMO)",
     "송도 소재 CMO (데모 레코드: 서비스 범위는 공개 자료로 확인되지 않음).",
     "Songdo-based CMO (demo record: service scope not confirmed by public sources).",
     None, []),
    ("MERCK_KOREA", T_, "", "M Lab Collaboration Center workshops", "",
     "Customer collaboration and training space in Songdo (open since Oct 2016). Demo record: course content not from public sources.",
     None, []),
    # Fictional Namdong centre and SMEs
    ("NAMDONG_BMTC", A, "원부자재 추출물·침출물(E&L) 시험", "Extractables & leachables testing",
     "일회용 백·튜브·가스켓 등 원부자재의 추출물·침출물을 GC-MS, LC-MS, ICP-MS로 분석합니다.",
     "Extractables and leachables of bags, tubing, gaskets and other materials by GC-MS, LC-MS and ICP-MS.",
     None, []),
    ("NAMDONG_BMTC", A, "일회용 백 필름 물성 및 밀봉 완전성 시험", "Single-use film properties and container closure integrity",
     "인장·실 강도, 열분석, 진공감쇠법 CCIT로 필름과 백 어셈블리를 평가합니다.",
     "Tensile / seal strength, thermal analysis and vacuum-decay CCIT for films and bag assemblies.",
     None, []),
    ("NAMDONG_BMTC", A, "엔도톡신·무균·미생물 한도 시험", "Endotoxin, sterility and bioburden testing",
     "원부자재 및 공정 시료의 엔도톡신, 무균, 미생물 한도 시험.", "", None, []),
    ("NAMDONG_BMTC", T_, "원부자재 공급사 GMP 품질교육", "GMP quality training for material suppliers",
     "바이오의약품 원부자재 공급사를 위한 품질시스템·변경관리·문서화 교육.",
     "Quality systems, change control and documentation for biopharma material suppliers.",
     None, []),
    ("BIONEST_ANALYTICS", A, "숙주세포단백질(HCP) ELISA 분석", "Host-cell protein (HCP) ELISA",
     "CHO·E. coli HCP ELISA 정량 및 희석 직선성 평가.", "CHO and E. coli HCP ELISA with dilution linearity.", None, []),
    ("BIONEST_ANALYTICS", A, "잔류 숙주세포 DNA qPCR 분석", "Residual host-cell DNA by qPCR",
     "CHO·HEK293 잔류 DNA 정량 (qPCR).", "Residual CHO / HEK293 DNA quantitation by qPCR.", None, []),
    ("BIONEST_ANALYTICS", A, "마이코플라스마 qPCR 시험", "Mycoplasma testing by qPCR",
     "세포은행 및 수확액의 마이코플라스마 핵산증폭 시험.", "Nucleic-acid amplification test for mycoplasma in cell banks and harvests.",
     None, []),
    ("BIONEST_ANALYTICS", A, "세포은행(MCB/WCB) 특성분석", "Cell bank (MCB / WCB) characterisation",
     "동정, 순도, 무균, 마이코플라스마, 외래성 바이러스 시험 패키지.",
     "Identity, purity, sterility, mycoplasma and adventitious-agent test package.", None, []),
    ("BIONEST_ANALYTICS", A, "AAV 역가 ddPCR 분석", "AAV genome titer by ddPCR",
     "", "Vector genome titer of AAV by droplet digital PCR.", None, []),
    ("SONGDO_PROTEOMICS", A, "펩타이드 매핑 LC-MS 서비스", "Peptide mapping LC-MS service",
     "항체·재조합 단백질의 서열 확인, 산화·탈아미드화 등 PTM 정량.",
     "Sequence confirmation and PTM (oxidation, deamidation) quantitation for antibodies and recombinant proteins.",
     None, []),
    ("SONGDO_PROTEOMICS", A, "N-당쇄 분석 서비스", "Released N-glycan analysis service",
     "RapiFluor-MS 표지 N-당쇄의 HILIC-FLR-MS 프로파일링.", "HILIC-FLR-MS profiling of RapiFluor-MS labelled N-glycans.",
     None, []),
    ("SONGDO_PROTEOMICS", A, "LC-MS 기반 숙주세포단백질 프로파일링", "HCP profiling by LC-MS/MS",
     "DIA 기반 잔류 HCP 동정 및 정량.", "DIA-based identification and quantitation of residual HCPs.", None, []),
    ("SONGDO_PROTEOMICS", A, "", "Intact and subunit mass analysis", "",
     "Intact, reduced and IdeS-subunit mass of antibodies and fusion proteins.", None, []),
    ("SONGDO_PROTEOMICS", L, "혈장 단백질 바이오마커 MRM 정량 패널", "Plasma protein biomarker MRM panel",
     "안정동위원소 표준 펩타이드를 이용한 혈장 단백질 바이오마커 다중 정량 패널.",
     "Multiplexed MRM quantitation of plasma protein biomarkers with stable-isotope peptides.",
     4, ["10-2022-0154321"]),
    ("WESTSEA_GTRC", L, "조직 지향성 AAV 캡시드 변이체", "Tissue-targeted AAV capsid variants",
     "유도 진화로 선별한 근육 지향성 AAV 캡시드 변이체.", "Muscle-tropic AAV capsid variants selected by directed evolution.",
     3, ["10-2023-0087712", "PCT/KR2024/004511"]),
    ("WESTSEA_GTRC", L, "현탁 HEK293 기반 렌티바이러스 벡터 생산 공정", "Suspension HEK293 lentiviral vector process",
     "무혈청 현탁 HEK293 세포를 이용한 렌티바이러스 벡터 생산 및 정제 공정.",
     "Serum-free suspension HEK293 process for lentiviral vector production and purification.",
     5, ["10-2024-0031208"]),
    ("WESTSEA_GTRC", A, "AAV full/empty 및 역가 분석", "AAV full/empty ratio and titer",
     "ddPCR 역가, 캡시드 ELISA, AUC·CE 기반 full/empty 비율 분석.", "ddPCR titer, capsid ELISA and full/empty ratio.",
     None, []),
    ("LUMENGEN", L, "생분해성 이온화 지질 기반 mRNA-LNP 제형", "Biodegradable ionisable-lipid mRNA-LNP",
     "에스터 결합 이온화 지질 라이브러리와 마이크로플루이딕 제형 공정.",
     "Ester-linked ionisable lipid library and microfluidic formulation process.",
     4, ["10-2023-0145520", "10-2024-0019874"]),
    ("LUMENGEN", C, "연구용 mRNA IVT 소량 생산", "Research-grade mRNA IVT synthesis",
     "캡핑·변형 뉴클레오사이드를 포함한 연구용 mRNA 소량 합성 및 정제.",
     "Small-scale research-grade mRNA with capping and modified nucleosides.", None, []),
    ("MOACELL", L, "동종 NK 세포 대량 배양 기술", "Allogeneic NK-cell expansion",
     "지지세포 없이 동종 NK 세포를 대량 증식하는 배양 기술.", "Feeder-free expansion of allogeneic NK cells.",
     5, ["10-2022-0097413"]),
    ("HAESOL_CTC", A, "임상시험 검체 처리 및 바이오뱅킹", "Clinical sample processing and biobanking",
     "임상시험 혈액·조직 검체의 처리, 분주, 초저온 보관.", "Processing, aliquoting and ultra-low storage of clinical trial samples.",
     None, []),
    ("HAESOL_CTC", A, "면역표현형 유세포분석(임상 검체)", "",
     "임상 검체의 림프구 아형 및 CAR-T 지속성 유세포분석.", "", None, []),
    ("NURI_MEDICHEM", L, "화학조성 무혈청 CHO 배지", "Chemically defined CHO medium",
     "유가식 배양용 화학조성 무혈청 CHO 기본·피드 배지.", "Chemically defined basal and feed media for CHO fed-batch.",
     7, ["10-2021-0176342"]),
    ("NURI_MEDICHEM", C, "맞춤형 배지·버퍼 분말 위탁 생산", "",
     "고객 조성의 배지·버퍼 분말 위탁 생산 (소량 롯트 대응).", "", None, []),
    ("MIR_RESINTECH", L, "알칼리 내성 고결합능 Protein A 레진", "Alkali-stable high-capacity Protein A resin",
     "0.5 M NaOH 세척 내성을 갖는 고결합능 Protein A 아가로스 레진.",
     "High-capacity Protein A agarose resin tolerant to 0.5 M NaOH cleaning.", 6, ["10-2023-0061129"]),
    ("GAON_FILTECH", A, "뎁스필터 성능 평가(Vmax·탁도 제거)", "",
     "고객 수확액을 이용한 뎁스필터 Vmax 및 탁도 제거 성능 평가.", "", None, []),
    ("SEOHAE_POLYTECH", L, "다층 공압출 일회용 백 필름", "Co-extruded multilayer single-use bag film",
     "EVOH 차단층을 포함한 다층 공압출 필름과 백 어셈블리.", "Co-extruded film with EVOH barrier layer and bag assemblies.",
     7, []),
    ("CHEONGRAM_SILICONE", L, "저용출 백금경화 실리콘 튜브", "Low-extractable platinum-cured silicone tubing",
     "바이오공정용 저용출 백금경화 실리콘 튜브.", "Low-extractable platinum-cured silicone tubing for bioprocessing.",
     8, []),
    ("ARAM_CLEANTECH", A, "클린룸 환경 모니터링 대행", "Contract cleanroom environmental monitoring",
     "부유입자, 부유균, 표면균 측정과 월간 트렌드 보고서.", "Particles, airborne and surface microbes with monthly trend reports.",
     None, []),
    ("SOLBIT_SEALTECH", L, "SIP 내구성 EPDM 가스켓", "",
     "반복 SIP(121 ℃) 조건에서 압축영구변형이 낮은 EPDM 가스켓 배합.", "", 7, []),
]


def build_technologies() -> list[dict]:
    out = []
    for i, (inst, kind, tko, ten, sko, sen, trl, patents) in enumerate(TECHNOLOGIES, 1):
        name, email, phone = CONTACTS[inst]
        out.append({
            "institution": inst, "source_id": f"TECH-{i:04d}", "kind": kind,
            "title_ko": tko, "title_en": ten, "summary_ko": sko, "summary_en": sen,
            "trl": trl, "patents": patents,
            "contact_name": name, "contact_email": email, "contact_phone": phone,
        })
    return out


# --------------------------------------------------------------------------------------------------
# K-NIBRT trainees: entirely fictional people
# --------------------------------------------------------------------------------------------------

# (cohort letter, course, skills, roles, weight)
COURSES = [
    ("A", "항체 의약품 USP 공정 과정 (Antibody USP)",
     ["세포배양", "CHO 세포 계대배양", "bioreactor operation", "ambr 250", "fed-batch 공정", "공정 모니터링(pH/DO)", "SOP 작성", "aseptic technique"],
     ["USP 공정 엔지니어", "세포배양 연구원", "Upstream process associate"], 4),
    ("B", "항체 의약품 DSP 정제 공정 과정 (Antibody DSP)",
     ["Protein A 크로마토그래피", "ÄKTA 운용", "UF/DF (TFF)", "바이러스 여과", "column packing", "버퍼 제조", "SOP 작성"],
     ["DSP 공정 엔지니어", "정제 공정 연구원", "Downstream process associate"], 4),
    ("C", "mRNA 백신 생산 공정 과정 (mRNA-LNP)",
     ["IVT 반응", "mRNA 정제", "LNP 제형 (microfluidic mixing)", "DLS 입도 분석", "RiboGreen 정량", "TFF"],
     ["mRNA 공정 연구원", "제형 연구원", "mRNA process scientist"], 2),
    ("D", "백신 생산 공정 실무 과정 (Vaccines)",
     ["바이러스 배양", "세포배양", "불활화·정제 공정", "ELISA", "GMP 문서화"],
     ["백신 생산 기술원", "QC 분석원", "Vaccine production technician"], 2),
    ("E", "유전자·세포치료제 제조 과정 (CGT)",
     ["CAR-T 제조", "CliniMACS Prodigy", "렌티바이러스 형질도입", "유세포분석", "cryopreservation", "무균 공정"],
     ["세포치료제 제조원", "CGT 공정 엔지니어", "Cell therapy manufacturing associate"], 2),
    ("F", "바이러스 벡터(AAV·LV) 생산 과정 (Viral vectors)",
     ["HEK293 일시 형질감염", "AAV 정제", "ddPCR 역가 분석", "full/empty 분석", "TFF"],
     ["벡터 공정 연구원", "AAV process associate"], 1),
    ("G", "바이오의약품 QC 분석 과정 (QC)",
     ["HPLC 분석", "CE-SDS", "icIEF", "ELISA", "엔도톡신 시험", "method validation", "데이터 완전성"],
     ["QC 분석원", "QC analyst", "분석법 개발 연구원"], 3),
    ("H", "GMP 품질보증 실무 과정 (QA)",
     ["일탈·CAPA 관리", "변경관리", "GMP 문서 검토", "data integrity (ALCOA+)", "내부감사", "밸리데이션 문서"],
     ["QA 담당자", "QA specialist", "밸리데이션 엔지니어"], 2),
    ("J", "무균 충전·완제 공정 과정 (Fill & Finish)",
     ["무균 충전", "동결건조", "isolator 운용", "환경 모니터링", "media fill", "gowning"],
     ["충전 공정 오퍼레이터", "Fill-finish technician", "동결건조 엔지니어"], 1),
    ("K", "바이오공정 기초 입문 과정 (Bioprocess Fundamentals)",
     ["GMP 기초", "클린룸 gowning", "세포배양 기초", "크로마토그래피 기초", "SOP 작성"],
     ["생산 오퍼레이터", "바이오공정 기술원", "Manufacturing associate"], 3),
]
EXTRA_SKILLS = ["GMP 문서화", "영문 SOP 독해", "Excel 데이터 분석", "JMP 통계", "Python 기초"]
EXTRA_CERTS = [("GMP 기초 수료증", 0.45), ("바이오화학제품제조기사", 0.15), ("바이오화학제품제조산업기사", 0.08),
               ("품질경영기사", 0.06), ("위험물산업기사", 0.04)]
# Deliberately made-up names: a common surname plus a word meaning "fictional / sample / demo".
SURNAMES = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황", "안", "송", "류", "홍"]
GIVEN = ["가상", "예시", "시범", "모의", "견본", "샘플", "데모", "허구", "임시", "연습", "가명", "무명"]

N_TRAINEES = 240
KST = dt.timezone(dt.timedelta(hours=9))
CONSENT_PURPOSE = "채용 매칭을 위한 인적사항 제공 (recruitment matching)"


def _ts(d: dt.datetime) -> str:
    return d.isoformat(timespec="seconds")


def build_trainees() -> list[dict]:
    rng = random.Random("trainees")
    start, end = dt.date(2025, 12, 1), dt.date(2026, 11, 15)
    opened = dt.date(2025, 11, 25)
    weights = [c[4] for c in COURSES]
    rows = []
    for i in range(1, N_TRAINEES + 1):
        letter, course, skills, roles, _ = rng.choices(COURSES, weights)[0]
        day = start + dt.timedelta(days=rng.randint(0, (end - start).days))
        while day.weekday() != 4 and day < end:  # courses end on a Friday
            day += dt.timedelta(days=1)
        k = rng.randint(3, min(5, len(skills)))
        sk = rng.sample(skills, k)
        if rng.random() < 0.3:
            sk.append(rng.choice(EXTRA_SKILLS))
        certs = [f"K-NIBRT {course.split(' (')[0]} 수료증"]
        certs += [c for c, p in EXTRA_CERTS if rng.random() < p]
        avail = None
        if rng.random() < 0.8:
            avail = (day + dt.timedelta(days=rng.choice([0, 3, 7, 14, 30, 45, 60]))).isoformat()
        rows.append({
            "institution": "KNIBRT",
            "source_id": f"KNIBRT-T-{i:04d}",
            "display_name": f"수료생 {letter}-{i:04d}",
            "course": course,
            "completed_on": day.isoformat(),
            "skills": sk,
            "certificates": certs,
            "desired_role": rng.choice(roles),
            "available_from": avail,
            "visibility": None,
            "personal": {
                "full_name": SURNAMES[(i - 1) % len(SURNAMES)] + GIVEN[((i - 1) // len(SURNAMES)) % len(GIVEN)],
                "email": f"trainee{i:04d}@example.com",
                "phone": f"010-0000-{i:04d}",
            },
            "consent": None,
        })

    # visibility 30 / 60 / 10 %
    vis = ["PUBLIC"] * 72 + ["EMPLOYERS"] * 144 + ["HIDDEN"] * 24
    rng.shuffle(vis)
    for row, v in zip(rows, vis):
        row["visibility"] = v

    # consent mix: 70 % all items, 10 % FULL_NAME only, 8 % expired, 5 % withdrawn, 7 % none
    idx = list(range(N_TRAINEES))
    early = [j for j in idx if rows[j]["completed_on"] <= "2026-08-31"]
    expired = set(rng.sample(early, 19))
    withdrawn = set(rng.sample([j for j in early if j not in expired], 12))
    rest = [j for j in idx if j not in expired and j not in withdrawn]
    rng.shuffle(rest)
    none = set(rest[:17])
    name_only = set(rest[17:41])
    for j, row in enumerate(rows):
        if j in none:
            continue
        done = dt.date.fromisoformat(row["completed_on"])
        given_day = max(done - dt.timedelta(days=rng.randint(7, 70)), opened + dt.timedelta(days=1))
        given = dt.datetime.combine(given_day, dt.time(rng.randint(9, 17), rng.choice([0, 15, 30, 45])), KST)
        consent = {
            "purpose": CONSENT_PURPOSE,
            "items": ["FULL_NAME"] if j in name_only else ["FULL_NAME", "EMAIL", "PHONE"],
            "version": "2026-06" if given_day >= dt.date(2026, 6, 1) else "2025-11",
            "given_at": _ts(given),
            "retention_until": rng.choice(["2027-12-31", "2028-06-30", "2028-12-31"]),
            "withdrawn_at": None,
        }
        if j in expired:
            ret = min(given_day + dt.timedelta(days=rng.randint(90, 240)), dt.date(2026, 10, 31))
            assert ret > given_day
            consent["retention_until"] = ret.isoformat()
        if j in withdrawn:
            w = given + dt.timedelta(days=rng.randint(5, 90), hours=rng.randint(0, 6), minutes=rng.choice([0, 20, 40]))
            consent["withdrawn_at"] = _ts(w)
        row["consent"] = consent
    return rows


# --------------------------------------------------------------------------------------------------


def _write(name: str, data) -> None:
    path = SEEDS / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)} ({len(data)} records)")


def main() -> None:
    SEEDS.mkdir(exist_ok=True)
    _write("institutions.json", INSTITUTIONS)
    _write("equipment.json", build_equipment())
    _write("technologies.json", build_technologies())
    _write("trainees.json", build_trainees())


if __name__ == "__main__":
    main()
