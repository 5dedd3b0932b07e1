-- expect: error
-- message: random
-- 用随机数决定发不发（同一个案件每次结果不同）。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  if math.random() < 0.5 then return ineligible("抽签未中") end
  return base()
end)
