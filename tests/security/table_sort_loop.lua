-- expect: limit
-- 大表反复排序（比较函数故意写得慢）。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local t = {}
  for i = 1, 100000 do t[i] = (i * 7919) % 100003 end
  while true do
    table.sort(t, function (a, b) return a > b end)
    table.sort(t)
  end
end)
