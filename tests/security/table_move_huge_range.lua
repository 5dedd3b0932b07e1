-- expect: limit
-- table.move 移动 2^40 个元素。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local dst = table.move({ 1 }, 1, 1 << 40, 2, {})
  return base()
end)
