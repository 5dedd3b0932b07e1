-- 成都市 (510100): the worked example of a regional file (SPEC §5).
-- Values here replace the provincial ones for 成都 and every county under it that has no
-- file of its own. Outer counties with their own 2025 standard: 510121.lua … 510185.lua.
region { code = "510100", name = "成都市" }

-- #13, #12: city-wide standard, unified for urban and rural from 2026.
param "dibao.standard.urban" {
  { from = "2025-01-01", value = yuan(990),  source = "成都市 2025 年城乡低保标准（中心城区）", confidence = "reported" },
  { from = "2026-01-01", value = yuan(1120), source = "成都市 2026 年城乡低保标准", confidence = "reported" },
}
param "dibao.standard.rural" {
  { from = "2025-01-01", value = yuan(990),  source = "成都市 2025 年城乡低保标准（中心城区）", confidence = "reported" },
  { from = "2026-01-01", value = yuan(1120), source = "成都市 2026 年城乡低保标准", confidence = "reported" },
}

-- #22
param "orphan.standard.institution" {
  { from = "2023-01-01", value = yuan(2000), source = "成都市 2023 年孤儿基本生活保障标准（机构）", confidence = "reported" },
}
param "orphan.standard.scattered" {
  { from = "2023-01-01", value = yuan(1400), source = "成都市 2023 年孤儿基本生活保障标准（散居）", confidence = "reported" },
}

-- #28
param "relief.temporary.annual_cap" {
  { value = yuan(20000), source = "成都市临时救助：每人每年累计不超过 2 万元（2017）", confidence = "reported" },
}

-- 成都：孤儿、事实无人抚养儿童年满 18 周岁后在校补差，仅在学制期限内发放（SPEC §5）.
-- base() is what the province decides; 成都 only narrows it.
override "orphan.adult_student_topup" (function (case, base)
  local r = base()
  if r.status == "eligible" and case.child.education.within_normal_duration == false then
    return r:deny({ zh = "成都市：仅在学制期限内发放",
                    en = "Chengdu pays this only within the normal length of the course" },
                  "成都市孤儿基本生活保障政策（学制期限内）")
  end
  return r
end)
