-- expect: limit
-- 范围从 math.mininteger 到 math.maxinteger：计费时 e - f 会溢出。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  table.move({}, math.mininteger, math.maxinteger, 1, {})
  return base()
end)
