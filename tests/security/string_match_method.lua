-- expect: error
-- message: match
-- 用方法调用的写法绕开 string.find 的限制：s:match / s:gsub。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local s = string.rep("a", 5000)
  local m = s:match("(a*)*b")
  return base()
end)
