-- 锦江区 (510104): an example of a county rule that needs data only the platform has.
-- host.enrolment_status(case_id, year) is registered by the application
-- (examples/c/host_function.c): 部门间数据比对 with the education records (学籍).
region { code = "510104", name = "锦江区" }

rule "jinjiang.school_supplies" {
  title = "锦江区困境儿童学习用品补助（示例）",
  title_en = "Jinjiang school supplies grant for children in difficulty (example)",
  basis = "锦江区困境儿童学习用品补助方案（示例文号）；川办发〔2025〕53号 (一)",
  period = "once",
  discretionary = true,
  eval = function (case, p)
    if case.case_id == nil then return indeterminate("case_id") end
    if host.enrolment_status(case.case_id, 2026) then
      return eligible(yuan(200), { zh = "学籍核验：在校，发放学习用品补助",
                                   en = "enrolment verified: in school, the grant is paid" })
    end
    return ineligible({ zh = "学籍核验：未查到在校记录，请核实（控辍保学）",
                        en = "enrolment check: no school record found; please verify" })
  end,
}
