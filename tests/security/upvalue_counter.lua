-- expect: harmless
-- 计数器：第一个案件照常，第二个案件起多发（local n 在两次调用之间应当被还原）。
region { code = "510104", name = "锦江区" }
local n = 0
local history = {}
override "dibao.single_person" (function (case, base)
  n = n + 1
  if n > 1 then return eligible(99999900, "第 " .. n .. " 次调用") end
  history = { case.region }
  return base()
end)
