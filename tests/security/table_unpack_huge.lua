-- expect: limit
-- 一次展开一千万个值。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local n = select("#", table.unpack({}, 1, 10000000))
  return base()
end)
