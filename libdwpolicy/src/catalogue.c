/* catalogue.c — the benefits of SPEC §4, in catalogue order: the order of every result. */
#include "decision.h"

const dwp_benefit dwp_catalogue[] = {
    {"dibao.single_person",
     {"单人户纳入最低生活保障", "Inclusion in 低保 (minimum living allowance) as a single-person household"},
     "川办发〔2025〕53号 (二)", DWP_PERIOD_MONTH, DWP_KIND_PAYMENT, false, false,
     dwp_decide_dibao_single_person},
    {"orphan.adult_student_topup",
     {"孤儿、事实无人抚养儿童年满18周岁后在校补差",
      "Top-up for orphans and de facto unsupported children still studying after 18"},
     "川办发〔2025〕53号 (二)", DWP_PERIOD_MONTH, DWP_KIND_PAYMENT, true, false,
     dwp_decide_orphan_adult_student_topup},
    {"medical.assistance",
     {"医疗救助", "Medical assistance"},
     "川办发〔2025〕53号 (六)", DWP_PERIOD_CLAIM, DWP_KIND_PAYMENT, false, false,
     dwp_decide_medical_assistance},
};

const size_t dwp_catalogue_count = sizeof dwp_catalogue / sizeof dwp_catalogue[0];
