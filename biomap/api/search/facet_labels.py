"""Korean and English labels of facet values, as a filter panel shows them."""

from __future__ import annotations

from biomap.catalogue.taxonomy import CATEGORY_BY_CODE

_LABELS: dict[str, dict[str, str]] = {
    "zone": {"SONGDO": "송도 Songdo", "NAMDONG": "남동 Namdong", "OTHER_INCHEON": "인천 기타 Other Incheon",
             "OUTSIDE_INCHEON": "인천 외 Outside Incheon"},
    "kind": {"EQUIPMENT": "장비 Equipment", "TECHNOLOGY": "기술·서비스 Technology / service",
             "TRAINEE": "교육 수료생 Trainee", "SUPPLIER": "공급기업 Supplier"},
    "access_policy": {"PUBLIC": "외부 개방 Public", "CLUSTER": "클러스터 공유 Cluster members",
                      "INTERNAL": "기관 내부 Internal"},
    "service_mode": {"SELF_SERVICE": "직접 사용 Self-service", "OPERATOR_ASSISTED": "운영자 지원 Operator-assisted",
                     "ANALYSIS_REQUEST": "분석 의뢰 Analysis request"},
    "status": {"ACTIVE": "사용 가능 Active", "MAINTENANCE": "점검 중 Under maintenance", "RETIRED": "폐기 Retired"},
}


def facet_label(field: str, value: str, institution_names: dict[int, str]) -> str:
    """The label of `value` in facet `field`; the value itself when it has none."""
    if field == "category" and value in CATEGORY_BY_CODE:
        return f"{CATEGORY_BY_CODE[value].label_ko} ({CATEGORY_BY_CODE[value].label_en})"
    if field == "institution":
        return institution_names.get(int(value), value)
    return _LABELS.get(field, {}).get(value, value)
