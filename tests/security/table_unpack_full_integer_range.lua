-- expect: error-or-limit
-- 从 math.mininteger 展开到 math.maxinteger：计费时 j - i 会溢出（有符号整数溢出是未定义行为）；应当干净地失败（出错或超限），不能崩溃。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local n = select("#", table.unpack({}, math.mininteger, math.maxinteger))
  return base()
end)
