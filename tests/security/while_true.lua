-- expect: limit
-- 最朴素的死循环。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  while true do end
end)
