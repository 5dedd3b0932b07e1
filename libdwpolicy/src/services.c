/* services.c — the services of SPEC §4: what the child or family should be offered, with the
 * clause it rests on. Worded so that a caseworker can read it out to a family. */
#include "decision.h"

const dwp_service dwp_services[DWP_SERVICE_COUNT] = {
    [DWP_SVC_MENTAL_HEALTH] = {"service.mental_health",
                               DWP_T_INIT("心理健康监测与关爱", "Mental-health monitoring and care"),
                               "川办发〔2025〕53号 (八)",
                               DWP_T_INIT("将儿童纳入心理健康监测，开展心理状况识别，需要时及时提供心理健康支持。",
                                "Include the child in mental-health monitoring and screening, and "
                                "provide psychological support when needed.")},
    [DWP_SVC_GUARDIANSHIP] = {"service.guardianship",
                              DWP_T_INIT("监护评估与救助", "Guardianship assessment and support"),
                              "川办发〔2025〕53号 (十五)",
                              DWP_T_INIT("开展监护情况调查评估，列入重点帮扶对象清单，提供监护指导、心理关爱、法律援助、结对帮扶；监护缺位的，由民政部门妥善安置（临时监护）。",
                               "Assess the child's guardianship, put the child on the priority "
                               "support list, and offer guardianship guidance, psychological "
                               "care, legal aid and a mentor; where no guardian is present, the civil "
                               "affairs office arranges temporary guardianship.")},
    [DWP_SVC_REHAB_SCREENING] = {"service.rehab_screening",
                                 DWP_T_INIT("残疾早期筛查与干预", "Early disability screening and intervention"),
                                 "川办发〔2025〕53号 (七)",
                                 DWP_T_INIT("为 6 岁及以下儿童开展残疾早期筛查、干预和康复服务。",
                                  "Offer early disability screening, intervention and "
                                  "rehabilitation for children aged 6 and under.")},
    [DWP_SVC_PRESCHOOL] = {"service.preschool",
                           DWP_T_INIT("普惠性学前教育", "Affordable preschool education"),
                           "川办发〔2025〕53号 (四)",
                           DWP_T_INIT("保障儿童就近就便接受普惠性学前教育。",
                            "Make sure the child can attend an affordable preschool close to home.")},
    [DWP_SVC_SCHOOL_ENROLLMENT] = {"service.school_enrollment",
                                   DWP_T_INIT("控辍保学：义务教育入学", "Compulsory-education enrolment alert"),
                                   "川办发〔2025〕53号 (四)",
                                   DWP_T_INIT("适龄儿童未入学：请会同教育部门落实控辍保学，确保入学。",
                                    "A child of compulsory-school age is not enrolled: work with "
                                    "the education office to get the child into school.")},
    [DWP_SVC_JUDICIAL_AID] = {"service.judicial_aid",
                              DWP_T_INIT("司法救助与保护", "Judicial aid and protection"),
                              "川办发〔2025〕53号 (十一)",
                              DWP_T_INIT("落实司法救助，开展心理疏导；有转学需求的做好转学复学支持。",
                               "Arrange judicial aid and counselling, and support a change of "
                               "school if the child needs one.")},
    [DWP_SVC_FAMILY_EDUCATION] = {"service.family_education",
                                  DWP_T_INIT("家庭教育指导", "Family education guidance"),
                                  "川办发〔2025〕53号 (十三)",
                                  DWP_T_INIT("为家庭提供家庭教育指导，督促监护人依法履行抚养、教育和保护义务。",
                                   "Offer the family parenting guidance and see that the "
                                   "guardians meet their duties of care, education and protection.")},
    [DWP_SVC_ADULT_TRANSITION] = {"service.adult_transition",
                                  DWP_T_INIT("成年后安置支持", "Support on leaving care at adulthood"),
                                  "川办发〔2025〕53号 (十四)",
                                  DWP_T_INIT("为机构养育儿童做好成年后安置准备：生活保障、户籍迁移、就业帮扶、住房保障。",
                                   "Prepare the child's move out of institutional care: living "
                                   "support, household registration, employment help and housing.")},
    [DWP_SVC_CROSS_REGION] = {"service.cross_region",
                              DWP_T_INIT("异地申请低保或低保边缘认定", "Apply for dibao where the family lives"),
                              "川办发〔2025〕53号 (三)",
                              DWP_T_INIT("流动儿童家庭可在居住地申请最低生活保障或低保边缘家庭认定。",
                               "A migrant family may apply for dibao or dibao-marginal status where it "
                               "lives, not only where its household is registered.")},
    [DWP_SVC_APPLY_DIBAO] = {"service.apply_dibao",
                             DWP_T_INIT("申请纳入低保或特困供养", "Apply for dibao or tekun support"),
                             "川办发〔2025〕53号 (二)",
                             DWP_T_INIT("该待遇以纳入城乡低保或特困供养为前提：请协助申请。",
                              "This benefit requires dibao or tekun coverage: help the family "
                              "apply for it.")},
};

uint32_t dwp_services_for_case(const dwp_eval *ev)
{
    const dwp_facts *c = ev->c;
    int32_t age = ev->age;
    uint32_t s = 0;
    if (ev->categories & DWP_CAT_DIFFICULTY_MASK) s |= 1u << DWP_SVC_MENTAL_HEALTH;
    if (c->child.guardianship == DWP_GUARD_ABSENT || c->child.guardianship == DWP_GUARD_INADEQUATE)
        s |= 1u << DWP_SVC_GUARDIANSHIP;
    if (age <= 6) s |= 1u << DWP_SVC_REHAB_SCREENING;
    if (age >= 3 && age <= 5) s |= 1u << DWP_SVC_PRESCHOOL;
    if (age >= 6 && age <= 15 && c->child.has_education &&
        c->child.education_level == DWP_LEVEL_NONE)
        s |= 1u << DWP_SVC_SCHOOL_ENROLLMENT;
    if (c->child.crime_victim == DWP_TRI_YES) s |= 1u << DWP_SVC_JUDICIAL_AID;
    if (c->child.left_behind == DWP_TRI_YES || c->child.guardianship == DWP_GUARD_INADEQUATE)
        s |= 1u << DWP_SVC_FAMILY_EDUCATION;
    if (c->child.living_arrangement == DWP_LIVING_INSTITUTION && age >= 17)
        s |= 1u << DWP_SVC_ADULT_TRANSITION;
    if (ev->categories & DWP_CAT_MIGRANT) s |= 1u << DWP_SVC_CROSS_REGION;
    return s;
}
