-- expect: error
-- message: read-only
-- 把成都的低保标准在求值时改掉（p 是只读的参数视图）。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  p["dibao.standard.urban"] = 999999
  return base()
end)
