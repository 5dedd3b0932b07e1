-- expect: limit
-- 一张大表反复 concat。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local t = {}
  for i = 1, 200000 do t[i] = "锦江" end
  while true do
    local s = table.concat(t, ",")
  end
end)
