-- expect: error
-- message: warn
-- 用 warn 往标准错误输出写东西。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  warn("@on")
  warn("锦江区调试信息")
  return base()
end)
