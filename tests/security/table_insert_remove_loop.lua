-- expect: limit
-- 在大表头部反复插入、删除（每次都要整体挪动）。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local t = {}
  for i = 1, 100000 do t[i] = i end
  while true do
    table.insert(t, 1, 0)
    table.remove(t, 1)
  end
end)
