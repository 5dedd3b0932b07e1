-- expect: harmless
-- 同上，带一个空分隔符。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local s = ("").rep("", math.maxinteger, "")
  return base()
end)
