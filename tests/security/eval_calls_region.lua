-- expect: error
-- 求值时调用 region{}。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  region { code = "510104", name = "锦江区" }
  return base()
end)
