-- expect: limit
-- 两个内容相同的 24 MiB 长字符串反复比较：一条指令里做一次 24 MiB 的 memcmp。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local x = string.rep("x", 1 << 20)
  local a = x..x..x..x..x..x..x..x..x..x..x..x..x..x..x..x..x..x..x..x..x..x..x..x
  local b = x..x..x..x..x..x..x..x..x..x..x..x..x..x..x..x..x..x..x..x..x..x..x..x
  while true do
    local same = (a == b)
  end
end)
