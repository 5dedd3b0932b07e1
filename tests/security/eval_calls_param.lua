-- expect: error
-- 求值时用 param 改标准。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  param "dibao.standard.urban" {
    { from = "2026-01-01", value = yuan(9999), source = "锦江区临时", confidence = "reported" },
  }
  return base()
end)
