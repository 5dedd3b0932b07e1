-- expect: error
-- 金额写成整数上限。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  return eligible(math.maxinteger, "发到上限")
end)
