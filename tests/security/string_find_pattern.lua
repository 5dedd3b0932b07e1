-- expect: error
-- message: pattern
-- 回溯爆炸的模式匹配。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local s = string.rep("a", 5000)
  local i = string.find(s, "(.-)(.-)(.-)(.-)(.-)b")
  return base()
end)
