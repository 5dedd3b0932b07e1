-- expect: error
-- 金额用浮点数（0.1 元存不准）。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  return eligible(1120.5, "带小数的分")
end)
