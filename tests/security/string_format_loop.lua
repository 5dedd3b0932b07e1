-- expect: limit
-- 最大宽度的格式化加上长字符串参数，循环做。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local big = string.rep("x", 1 << 20)
  while true do
    local s = string.format("%99d%99.99f%s%s", 1, 1.5, big, big)
  end
end)
