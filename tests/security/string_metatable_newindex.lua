-- expect: error
-- 往字符串的元表里塞字段：("").x = …
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  ("").x = function () return "hijacked" end
  return base()
end)
