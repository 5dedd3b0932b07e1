-- tests/rules/results/510104.lua — 锦江区 for test_overrides.c: what an override may return.
-- The case's case_id says which behaviour to show, so one file covers them all.
region { code = "510104", name = "锦江区" }

local saved -- a result kept from one benefit for another (upvalues are put back after each)

override "dibao.single_person" (function (case, base)
  local id = case.case_id
  if id == "indeterminate" then return indeterminate("child.education.level") end
  if id == "zero" then return eligible(0, "锦江区：本月核定为 0 元") end
  if id == "ineligible" then return ineligible("锦江区：不符合本区条件") end
  if id == "nil" then return nil end
  if id == "number" then return 42 end
  if id == "table" then return { status = "eligible", amount_fen = 99999900 } end
  if id == "deny-basis" then return base():deny("锦江区：不予发放", "锦府发〔2026〕1号") end
  if id == "note" then return base():note("锦江区：已电话核实") end
  if id == "with-amount" then return base():with_amount(yuan(1500), "锦江区：按 1500 元发放") end
  if id == "with-amount-ineligible" then
    return ineligible("锦江区：不符合"):with_amount(yuan(1), "硬改金额")
  end
  if id == "p-read" then
    local s = p["dibao.standard.urban"]
    return eligible(s * 2, "锦江区：按两倍低保标准")
  end
  if id == "p-unknown" then return eligible(p["dibao.standard.urbn"], "拼错的参数名") end
  if id == "case-unknown" then
    if case.child.orphen then return ineligible("拼错的字段") end
  end
  if id == "wrong-benefit" then saved = base() end
  return base()
end)

override "medical.assistance" (function (case, base)
  if case.case_id == "wrong-benefit" then return saved end
  return base()
end)
