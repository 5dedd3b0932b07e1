-- expect: error
-- message: load
-- 动态拼一段代码出来执行（load 文本也不该有）。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local fn = load("return 1 + 1")
  return base():note("算出 " .. fn())
end)
