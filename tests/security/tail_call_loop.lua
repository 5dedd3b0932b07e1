-- expect: limit
-- 尾调用不占栈，可以永远转下去。
region { code = "510104", name = "锦江区" }
local function spin(n) return spin(n + 1) end
override "dibao.single_person" (function (case, base)
  return spin(0)
end)
