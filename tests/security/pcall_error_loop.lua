-- expect: limit
-- 出错了就 pcall 重试，永远重试；一层不够，套三层 pcall 再重试。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  while true do pcall(pcall, pcall, pcall, error, "再试一次") end
end)
