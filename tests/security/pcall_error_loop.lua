-- expect: limit
-- 出错了就 pcall 重试，永远重试。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  while true do pcall(error, "再试一次") end
end)
