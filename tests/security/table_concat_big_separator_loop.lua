-- expect: limit
-- concat 只按元素个数计费：16 个空串配一个 1 MiB 的分隔符，每次复制 15 MiB。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local sep = string.rep("x", 1 << 20)
  local t = {}
  for i = 1, 16 do t[i] = "" end
  while true do
    local s = table.concat(t, sep)
  end
end)
