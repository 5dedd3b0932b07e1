/* catalogue.c — the benefits of SPEC §4, in catalogue order: the order of every result. */
#include "decision.h"

#define BASIS "川办发〔2025〕53号 "

const dwp_benefit dwp_catalogue[] = {
    {"dibao.single_person",
     DWP_T_INIT("单人户纳入最低生活保障",
      "Inclusion in the minimum living allowance (dibao) as a single-person household"),
     BASIS "(二)", DWP_PERIOD_MONTH, DWP_KIND_PAYMENT, false, false,
     dwp_decide_dibao_single_person},
    {"orphan.basic_living",
     DWP_T_INIT("孤儿、事实无人抚养儿童基本生活费", "Basic living allowance for orphans and de facto unsupported children"),
     BASIS "(二)；民发〔2019〕62号", DWP_PERIOD_MONTH, DWP_KIND_PAYMENT, false, false,
     dwp_decide_orphan_basic_living},
    {"orphan.adult_student_topup",
     DWP_T_INIT("孤儿、事实无人抚养儿童年满18周岁后在校补差",
      "Top-up for orphans and de facto unsupported children still studying after 18"),
     BASIS "(二)", DWP_PERIOD_MONTH, DWP_KIND_PAYMENT, true, false,
     dwp_decide_orphan_adult_student_topup},
    {"relief.temporary",
     DWP_T_INIT("临时救助", "Temporary relief"),
     BASIS "(三)", DWP_PERIOD_ONCE, DWP_KIND_PAYMENT, false, false, dwp_decide_relief_temporary},
    {"edu.living_subsidy",
     DWP_T_INIT("义务教育阶段生活补助", "Living subsidy in compulsory education"),
     BASIS "(四)", DWP_PERIOD_YEAR, DWP_KIND_PAYMENT, false, false, dwp_decide_edu_living_subsidy},
    {"edu.grant",
     DWP_T_INIT("普通高中、中职国家助学金", "State grant in senior high and secondary vocational school"),
     BASIS "(四)", DWP_PERIOD_YEAR, DWP_KIND_PAYMENT, false, false, dwp_decide_edu_grant},
    {"edu.tuition_waiver",
     DWP_T_INIT("普通高中、中职免除学杂费", "Tuition and fee waiver in senior high and secondary vocational school"),
     BASIS "(四)", DWP_PERIOD_YEAR, DWP_KIND_WAIVER, false, false, dwp_decide_edu_tuition_waiver},
    {"medical.premium_subsidy",
     DWP_T_INIT("资助参加基本医疗保险", "Basic medical insurance premium paid"),
     BASIS "(六)", DWP_PERIOD_YEAR, DWP_KIND_PAYMENT, false, false,
     dwp_decide_medical_premium_subsidy},
    {"medical.assistance",
     DWP_T_INIT("医疗救助", "Medical assistance"),
     BASIS "(六)", DWP_PERIOD_CLAIM, DWP_KIND_PAYMENT, false, false, dwp_decide_medical_assistance},
    {"medical.tomorrow_plan",
     DWP_T_INIT("孤儿医疗康复明天计划", "Tomorrow Plan: remaining medical costs of orphans"),
     "川民发〔2021〕120号", DWP_PERIOD_CLAIM, DWP_KIND_PAYMENT, false, false,
     dwp_decide_medical_tomorrow_plan},
    {"rehab.disabled_child",
     DWP_T_INIT("残疾儿童康复救助", "Rehabilitation assistance for disabled children"),
     BASIS "(七)", DWP_PERIOD_YEAR, DWP_KIND_CAP, false, false, dwp_decide_rehab_disabled_child},
    {"employment.job_seeking_subsidy",
     DWP_T_INIT("一次性求职补贴", "One-off job-seeking subsidy"),
     BASIS "(九)", DWP_PERIOD_ONCE, DWP_KIND_PAYMENT, false, false,
     dwp_decide_employment_job_seeking_subsidy},
    {"housing.support",
     DWP_T_INIT("住房保障（公租房或租赁补贴）", "Housing support (public rental housing or rent subsidy)"),
     BASIS "(九)", DWP_PERIOD_MONTH, DWP_KIND_PAYMENT, false, false, dwp_decide_housing_support},
};

const size_t dwp_catalogue_count = sizeof dwp_catalogue / sizeof dwp_catalogue[0];
/* engine.h keeps which catalogue benefits a region overrides as bits of a uint64_t. */
_Static_assert(sizeof dwp_catalogue / sizeof dwp_catalogue[0] <= 64,
               "the catalogue must fit the override bits of engine.h");
