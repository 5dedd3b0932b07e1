-- expect: limit
-- 一个看起来会结束的 for 循环。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local s = 0
  for i = 1, math.maxinteger do s = s + i end
  return base()
end)
