-- expect: limit
-- 不停往表里加元素，直到把内存吃光。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local t = {}
  local i = 0
  while true do
    i = i + 1
    t[i] = { i, i, i }
  end
end)
