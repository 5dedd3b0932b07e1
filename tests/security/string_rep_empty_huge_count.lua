-- expect: limit
-- 空字符串重复 2^63-1 次：结果是空串，但 C 里的复制循环要转 2^63 圈，钩子插不进去。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local s = string.rep("", math.maxinteger)
  return base()
end)
