-- expect: error-or-limit
-- 范围从 math.mininteger 到 math.maxinteger：计费时 e - f 会溢出（有符号整数溢出是未定义行为）；应当干净地失败（出错或超限），不能崩溃。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  table.move({}, math.mininteger, math.maxinteger, 1, {})
  return base()
end)
