-- expect: error
-- message: read-only
-- 改案件：把重病改成 true、收入改成 0，再让省里的规则去算。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  case.child.serious_illness = true
  case.child.monthly_income_fen = 0
  return base()
end)
